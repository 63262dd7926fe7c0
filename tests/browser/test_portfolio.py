"""An editor enters a mark and its CN filing in a real browser and finds the renewal everywhere."""

import pytest

from tests.factories import TEST_PASSWORD, CompanyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enter_a_mark_and_see_its_renewal_in_the_register_and_calendar(live_server, page):
    company = CompanyFactory(name="Sunrise Lighting Co.")
    member(company, "editor", email="zhang.min@sunrise.test")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "zhang.min@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")

    page.click("nav >> text=Register")
    page.click("text=Add an asset")
    page.select_option("select[name=right]", "trademark")
    page.fill("input[name=name]", "SUNRISE")
    page.select_option("select[name=mark_type]", "word")
    page.fill("input[name=nice_classes]", "9, 99")
    page.click("main input[type=submit]")
    assert page.get_by_text("Unknown Nice class: 99").is_visible()
    page.fill("input[name=nice_classes]", "9, 11")
    page.click("main input[type=submit]")
    page.wait_for_url("**/assets/*/")

    page.click("text=Add a filing")
    page.select_option("select[name=office]", "CN")
    page.select_option("select[name=status]", "registered")
    page.fill("input[name=filing_date]", "2030-05-06")
    page.fill("input[name=registration_date]", "2031-03-14")
    page.click("main input[type=submit]")
    page.wait_for_url("**/assets/*/")
    row = page.locator(".deadline-table tr", has_text="Trademark renewal")
    # registered 2031-03-14: the term ends the day before the anniversary (ip-rules.md CN row),
    # so window 2040-03-13, due Wednesday 2041-03-13, grace ends Friday 2041-09-13
    assert all(day in row.inner_text() for day in ("2040-03-13", "2041-03-13", "2041-09-13"))

    page.click("nav >> text=Calendar")
    page.select_option("select[name=office]", "CN")
    page.click("main button[type=submit]")
    assert (
        page.locator(".calendar-table").get_by_text("Trademark renewal #1 · SUNRISE").is_visible()
    )

"""A person logs in through a real browser and switches the interface to Chinese."""

import pytest

from tests.factories import TEST_PASSWORD, CompanyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_dashboard_and_chinese(live_server, page):
    company = CompanyFactory(name="Sunrise Lighting Co.")
    member(company, "owner", email="li.wei@sunrise.test")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "li.wei@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")
    assert page.locator("h1").inner_text() == "Sunrise Lighting Co."

    page.click("text=Language")
    page.click("button[lang=zh-hans]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("nav").get_by_text("仪表盘").is_visible()

"""In Chinese, a browser date field shows the stored date and saves a changed one (issue 16)."""

import datetime

import pytest

from ipguard.actions.models import ActionItem
from ipguard.playbooks.models import Assessment
from tests.factories import TEST_PASSWORD, ActionItemFactory, CompanyFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")


def test_chinese_user_edits_an_action_due_date_and_a_dated_answer(live_server, page):
    company = CompanyFactory(name="日出照明有限公司")
    owner = member(company, "owner", email="li.wei@sunrise.test", language="zh-hans")
    action = ActionItemFactory(company=company, due_date=datetime.date(2026, 10, 2))
    Assessment.objects.create(
        company=company,
        number=1,
        status="draft",
        started_by=owner,
        answers={"health_check_frequency": "quarterly", "last_health_check": "2026-09-30"},
    )
    _log_in(page, live_server, "li.wei@sunrise.test")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.goto(f"{live_server.url}/playbooks/actions/{action.pk}/")
    edit = page.locator("form[action$='/edit/']")
    due = edit.locator("input[name=due_date]")
    assert due.input_value() == "2026-10-02"
    due.fill("2026-12-15")
    edit.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert ActionItem.objects.get(pk=action.pk).due_date == datetime.date(2026, 12, 15)

    page.goto(f"{live_server.url}/playbooks/health-check/area/governance/")
    answered = page.locator("input[name=last_health_check]")
    assert answered.input_value() == "2026-09-30"
    answered.fill("2026-11-20")
    page.click("main button[name=leave]")
    page.wait_for_url("**/dashboard/")
    draft = Assessment.objects.get(company=company, status="draft")
    assert draft.answers["last_health_check"] == "2026-11-20"

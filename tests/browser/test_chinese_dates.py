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


def test_chinese_phone_journey_reads_local_times_and_sees_the_lapsing_right(live_server, browser):
    """At 360 px in Chinese: a right on its last day of grace is flagged on the dashboard, the
    calendar and its page; a comment written at 01:30 UTC reads 09:30 in Shanghai."""
    import zoneinfo

    from django.utils import timezone

    from ipguard.actions.models import ActionComment
    from tests.reminders.builders import make_deadline

    company = CompanyFactory(name="日出照明有限公司")
    owner = member(
        company, "owner", email="li.wei@sunrise.test", language="zh-hans", time_zone="Asia/Shanghai"
    )
    today = timezone.now().astimezone(zoneinfo.ZoneInfo("Asia/Shanghai")).date()
    deadline = make_deadline(
        company,
        due_date=today - datetime.timedelta(days=183),
        grace_ends=today,
        label="CN annuity",
        owner=owner,
    )
    action = ActionItemFactory(company=company)
    comment = ActionComment.objects.create(action=action, author=owner, body="已委托代理人。")
    ActionComment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2026, 1, 1, 1, 30, tzinfo=datetime.UTC)
    )

    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    _log_in(page, live_server, "li.wei@sunrise.test")
    flag = "最后一天：今天不缴费，明天即失去权利"
    for path in ("/dashboard/", "/portfolio/calendar/", f"/portfolio/deadlines/{deadline.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_text(flag).first.is_visible(), path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto(f"{live_server.url}/playbooks/actions/{action.pk}/")
    assert page.get_by_text("2026-01-01 09:30").is_visible()
    context.close()
    assert not errors

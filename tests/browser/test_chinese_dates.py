"""In Chinese, a browser date field shows the stored date and saves a changed one (issue 16)."""

import datetime
from pathlib import Path

import pytest

from ipguard.actions.models import ActionItem
from ipguard.playbooks.models import Assessment
from tests.factories import TEST_PASSWORD, ActionItemFactory, CompanyFactory, member

ARTEFACTS = Path(__file__).resolve().parent / "artefacts" / "journey-360"

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


def test_chinese_phone_journey_from_a_date_to_the_downloaded_report(
    live_server, browser, settings, tmp_path, monkeypatch
):
    """Issue 16's "done when", at 360 px in Chinese: edit a date, read a local time, see a right on
    its last day of grace flagged on the dashboard, its deadline page and the calendar, ask for the
    quarterly report, download it and find the executive summary, listing that right, on page 1.

    A comment written at 01:30 UTC reads 09:30 in Shanghai. The render task is run here, in the
    test, so no worker is needed. Screenshots go to tests/browser/artefacts/journey-360/.
    """
    import zoneinfo

    from django.utils import timezone

    from ipguard.actions.models import ActionComment
    from ipguard.portfolio.models import Asset
    from ipguard.reports import services as report_services
    from ipguard.reports.models import Report
    from tests.reminders.builders import make_deadline
    from tests.reports.pdf_tools import pdf_pages

    settings.REPORTS_ROOT = tmp_path / "reports"
    queued = []
    monkeypatch.setattr(report_services, "enqueue", lambda task, *args: queued.append(args) or True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    company = CompanyFactory(name="日出照明有限公司", language="zh-hans")
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
    Asset.objects.filter(pk=deadline.filing.asset_id).update(name="LUMEN-7")
    action = ActionItemFactory(company=company, due_date=datetime.date(2026, 10, 2))
    comment = ActionComment.objects.create(action=action, author=owner, body="已委托代理人。")
    ActionComment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2026, 1, 1, 1, 30, tzinfo=datetime.UTC)
    )

    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="zh-CN", accept_downloads=True
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))

    def look(name):
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert fits, f"{name} is wider than the phone"

    _log_in(page, live_server, "li.wei@sunrise.test")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    # A date: the field shows the stored ISO date in Chinese and saves a changed one.
    page.goto(f"{live_server.url}/playbooks/actions/{action.pk}/")
    edit = page.locator("form[action$='/edit/']")
    assert edit.locator("input[name=due_date]").input_value() == "2026-10-02"
    edit.locator("input[name=due_date]").fill("2026-12-15")
    edit.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert ActionItem.objects.get(pk=action.pk).due_date == datetime.date(2026, 12, 15)

    # A local time: the comment reads in the owner's time zone, not UTC.
    page.goto(f"{live_server.url}/playbooks/actions/{action.pk}/")
    assert page.get_by_text("2026-01-01 09:30").is_visible()
    look("action")

    # The lapsing right stands out wherever its deadline is shown.
    flag = "最后一天：今天不缴费，明天即失去权利"
    for name, path in (
        ("dashboard", "/dashboard/"),
        ("deadline", f"/portfolio/deadlines/{deadline.pk}/"),
        ("calendar", "/portfolio/calendar/"),
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_text(flag).first.is_visible(), path
        look(name)

    # The quarterly report: asked for on the page, rendered here, downloaded from the page.
    page.goto(f"{live_server.url}/reports/")
    page.select_option("select[name=language]", "zh-hans")
    page.get_by_role("button", name="生成报告").click()
    page.wait_for_url("**/reports/")
    report = Report.objects.get(company=company)
    assert queued == [(report.pk,)]
    assert report_services.report_render(report_id=report.pk).status == "ready"
    page.reload()
    look("reports")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").click()
    pdf_path = ARTEFACTS / "report.pdf"
    download_info.value.save_as(pdf_path)
    context.close()

    first = "".join((pdf_pages(pdf_path.read_bytes())[0].extract_text() or "").split())
    for expected in ("季度知识产权体检报告", "已逾期或即将失效", "LUMEN-7", "".join(flag.split())):
        assert expected in first, expected
    assert not errors, errors

"""The report agrees with itself and with the app: fixed risks, repeated actions, last quarter."""

import datetime

import pytest

from ipguard.playbooks.selectors import score_since_last_quarter
from ipguard.reports.periods import ReportPeriod
from ipguard.reports.snapshot import snapshot_build, snapshot_section
from tests.factories import ActionItemFactory, AssessmentFactory
from tests.reports.conftest import at, scores
from tests.reports.pdf_tools import pdf_pages, pdf_text
from tests.reports.test_pdf import make_report, pdf_of

pytestmark = pytest.mark.django_db


def build(company):
    period = ReportPeriod.for_quarter("2026-Q4", today=datetime.date(2026, 11, 20))
    return snapshot_build(company=company, period=period, language="en", paper="A4")


def test_a_risk_whose_fix_is_done_is_not_a_top_risk(history):
    history.fix.status = "done"
    history.fix.completed_at = at(2026, 11, 15)
    history.fix.save()
    risks = snapshot_section(build(history.company), "risks")
    assert risks["risks"] == []
    assert [risk["question_key"] for risk in risks["fixed"]] == ["ai_tool_licences"]
    pages = [" ".join((page.extract_text() or "").split()) for page in pdf_pages(pdf_of(
        make_report(history.company)))]  # fmt: skip
    assert "Biggest risks" not in pages[0]
    assert "1 risk of the health check fixed since." in pages[0]
    text = " ".join(pages)
    assert (
        "Fixed since the health check Under which kind of account do staff create AI content? "
        "Move AI work onto licensed accounts (2026-11-15)"
    ) in text
    assert "due 2026-12-05" not in text


def test_an_open_risk_stays_a_top_risk(history):
    risks = snapshot_section(build(history.company), "risks")
    assert [risk["question_key"] for risk in risks["risks"]] == ["ai_tool_licences"]
    assert risks["fixed"] == []


def test_an_action_done_then_raised_again_is_reported_once_as_due(history):
    # Done this quarter, then a later health check raised the same plan item again.
    ActionItemFactory(company=history.company, key="dated_originals", tier="strategic",
                      title={"en": "Keep dated design originals", "zh_hans": "保存设计原稿"},
                      status="done", completed_at=at(2026, 10, 25),
                      due_date=datetime.date(2026, 11, 1))  # fmt: skip
    ActionItemFactory(company=history.company, key="dated_originals", tier="strategic",
                      title={"en": "Keep dated design originals", "zh_hans": "保存设计原稿"},
                      due_date=datetime.date(2027, 1, 30))  # fmt: skip
    actions = snapshot_section(build(history.company), "actions")
    assert [item["title"]["en"] for item in actions["done"]] == ["Register the Chinese mark"]
    assert "Keep dated design originals" in [item["title"]["en"] for item in actions["due_soon"]]
    assert actions["totals"]["done_this_quarter"] == 1
    text = pdf_text(pdf_of(make_report(history.company)))
    assert text.count("Keep dated design originals") == 1


def test_since_last_quarter_is_the_same_on_the_dashboard_and_in_the_report(history, owner_client):
    # A retake within the quarter: "last quarter" is still #2 (61), not the check before it.
    AssessmentFactory(company=history.company, number=4, overall_score=70,
                      scores=scores(70, 80, 50), submitted_at=at(2026, 11, 15))  # fmt: skip
    since = score_since_last_quarter(history.company, as_of=datetime.date(2026, 11, 20))
    assert (since.current.number, since.previous.number, since.change) == (4, 2, 9)
    health = snapshot_section(build(history.company), "health")
    assert (health["overall"], health["previous_overall"], health["change"]) == (70, 61, 9)
    page = owner_client.get("/dashboard/").content.decode()
    assert "+9 since last quarter (was 61)" in page
    assert "+9 since last quarter (was 61)" in pdf_text(pdf_of(make_report(history.company)))


def test_no_comparison_without_a_check_before_the_quarter(personas, fixed_today, owner_client):
    AssessmentFactory(company=personas.company, number=1, overall_score=50,
                      scores=scores(50, 50, 50), submitted_at=at(2026, 10, 5))  # fmt: skip
    since = score_since_last_quarter(personas.company, as_of=datetime.date(2026, 11, 20))
    assert since.previous is None and since.change is None
    assert "since last quarter" not in owner_client.get("/dashboard/").content.decode()

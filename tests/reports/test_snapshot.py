"""The snapshot: what each section shows for a company with a known history."""

import datetime
import json

import pytest

from ipguard.reports.periods import ReportPeriod
from ipguard.reports.snapshot import SECTION_PROVIDERS, snapshot_build, snapshot_section

pytestmark = pytest.mark.django_db


def build(company, quarter="2026-Q4", providers=None):
    period = ReportPeriod.for_quarter(quarter, today=datetime.date(2026, 11, 20))
    return snapshot_build(
        company=company, period=period, language="en", paper="A4", providers=providers
    )


def test_snapshot_is_plain_json_with_every_section(history):
    snapshot = build(history.company)
    assert json.loads(json.dumps(snapshot)) == snapshot
    # The history records no evidence, no overdue deadline and no products, so those sections
    # are left out (tests/evidence, test_lapsing.py and tests/products cover them).
    expected = [
        key for key, *_ in SECTION_PROVIDERS if key not in ("evidence", "lapsing", "coverage")
    ]
    assert [s["key"] for s in snapshot["sections"]] == expected
    assert snapshot["sections"][0]["title"] == {"en": "Scores by area", "zh_hans": "各领域得分"}
    assert snapshot["period"] == {
        "quarter": "2026-Q4",
        "start": "2026-10-01",
        "end": "2026-12-31",
        "as_of": "2026-11-20",
    }


def test_scores_change_since_last_quarter_and_four_quarter_trend(history):
    health = snapshot_section(build(history.company), "health")
    assert (health["overall"], health["previous_overall"], health["change"]) == (68, 61, 7)
    assert health["assessment_number"] == 3
    trademarks = next(a for a in health["areas"] if a["key"] == "trademarks")
    assert (trademarks["score"], trademarks["previous_score"]) == (80, 70)
    assert health["trend"] == [
        {"quarter": "2026-Q1", "score": 40},
        {"quarter": "2026-Q2", "score": None},
        {"quarter": "2026-Q3", "score": 61},
        {"quarter": "2026-Q4", "score": 68},
    ]


def test_last_quarters_report_ignores_what_came_after_it(history):
    health = snapshot_section(build(history.company, "2026-Q3"), "health")
    assert (health["overall"], health["previous_overall"]) == (61, 40)
    assert health["trend"][-1] == {"quarter": "2026-Q3", "score": 61}


def test_top_risk_names_the_answer_and_the_action_that_fixes_it(history):
    risks = snapshot_section(build(history.company), "risks")["risks"]
    assert len(risks) == 1
    risk = risks[0]
    assert risk["answer_text"]["en"] == "Free or personal accounts only"
    assert risk["points_lost"] == 36.0
    assert risk["overall_points_lost"] == 18.0  # two applicable areas of equal weight
    assert [fix["title"]["en"] for fix in risk["fixes"]] == ["Move AI work onto licensed accounts"]
    assert risk["fixes"][0]["due_date"] == "2026-12-05"
    assert risk["fixes"][0]["owner"] == "Wang Fang"


def test_action_progress_counts_this_quarter_overdue_and_due_soon(history):
    actions = snapshot_section(build(history.company), "actions")
    assert actions["totals"] == {
        "all": 5,
        "open": 3,
        "done_this_quarter": 1,
        "overdue": 1,
        "due_soon": 1,
    }
    by_tier = {row["tier"]: row for row in actions["by_tier"]}
    assert by_tier["urgent"]["done_this_quarter"] == 1 and by_tier["urgent"]["due_soon"] == 1
    assert by_tier["strategic"]["overdue"] == 1
    assert by_tier["long_term"]["open"] == 1 and by_tier["long_term"]["due_soon"] == 0
    wang = next(row for row in actions["by_owner"] if row["owner"] == "Wang Fang")
    assert (wang["overdue"], wang["due_soon"], wang["open"]) == (1, 1, 2)
    assert [i["title"]["en"] for i in actions["overdue"]] == ["File the EU trademark"]
    assert [i["completed_on"] for i in actions["done"]] == ["2026-10-20"]


def test_portfolio_counts_by_office_and_open_deadlines_within_twelve_months(history):
    portfolio = snapshot_section(build(history.company), "portfolio")
    offices = {row["office"]: row["counts"] for row in portfolio["by_office"]}
    assert offices == {"CN": {"registered": 1}, "US": {"pending": 1}}
    assert [(d["due_date"], d["label"]) for d in portfolio["deadlines"]] == [
        ("2027-03-01", "Renewal")
    ]


def test_alliance_recommendations(history):
    alliances = snapshot_section(build(history.company), "alliances")
    assert alliances["recommendations"][0]["verdict"] == "recommended"


def test_sections_without_data_are_left_out(personas, fixed_today):
    snapshot = build(personas.company)
    assert snapshot["sections"] == []


def test_another_companys_data_never_appears(history, personas):
    assert build(personas.other_company)["sections"] == []


def extra_section(company, period):
    return {"company": company.name, "quarter": period.quarter}


def nothing(company, period):
    return None


def test_a_provider_added_to_the_list_becomes_a_section(personas, fixed_today):
    providers = [
        ("extra", "Extra", f"{__name__}.extra_section"),
        ("empty", "Empty", f"{__name__}.nothing"),
    ]
    snapshot = build(personas.company, providers=providers)
    assert snapshot["sections"] == [
        {
            "key": "extra",
            "title": {"en": "Extra", "zh_hans": "Extra"},
            "data": {"company": "Acme Lighting", "quarter": "2026-Q4"},
        }
    ]

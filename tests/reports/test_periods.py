from datetime import date

import pytest

from ipguard.reports.periods import (
    BadQuarter,
    ReportPeriod,
    previous_quarter,
    quarter_end,
    recent_quarters,
)


def test_a_past_quarter_is_taken_at_its_end_and_the_current_one_today():
    past = ReportPeriod.for_quarter("2026-Q3", today=date(2026, 11, 20))
    assert (past.start, past.end, past.as_of) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
        date(2026, 9, 30),
    )
    current = ReportPeriod.for_quarter("2026-Q4", today=date(2026, 11, 20))
    assert current.as_of == date(2026, 11, 20) and current.end == date(2026, 12, 31)


def test_previous_quarters_cross_the_year():
    period = ReportPeriod.for_quarter("2026-Q1", today=date(2026, 2, 1))
    assert period.previous_quarters(4) == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]


@pytest.mark.parametrize(
    ("day", "quarter"),
    [(date(2027, 1, 1), "2026-Q4"), (date(2026, 4, 1), "2026-Q1"), (date(2026, 10, 1), "2026-Q3")],
)
def test_the_beat_on_the_first_day_reports_the_quarter_just_ended(day, quarter):
    assert previous_quarter(day) == quarter


def test_quarter_ends_and_choices():
    assert quarter_end("2024-Q1") == date(2024, 3, 31)
    assert recent_quarters(date(2026, 1, 5), 3) == ["2026-Q1", "2025-Q4", "2025-Q3"]


@pytest.mark.parametrize("bad", ["2026-Q5", "2026Q1", "", "Q1-2026"])
def test_bad_quarter_names_are_refused(bad):
    with pytest.raises(BadQuarter):
        ReportPeriod.for_quarter(bad, today=date(2026, 1, 1))

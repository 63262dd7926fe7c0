from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from ipguard.reports.periods import (
    BadQuarter,
    ReportPeriod,
    end_of_day,
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


def test_a_quarters_instants_are_midnights_in_the_zone_across_a_clock_change():
    # Shanghai keeps UTC+8 all year; London moved to summer time on 29 March 2026.
    shanghai, london = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/London")
    period = ReportPeriod.for_quarter("2026-Q1", today=date(2026, 5, 1))
    assert period.starts_at(shanghai) == datetime(2025, 12, 31, 16, 0, tzinfo=UTC)
    assert period.ends_at(shanghai) == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
    assert period.ends_at(london) == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 3, 28), london) == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 3, 29), london) == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    current = ReportPeriod.for_quarter("2026-Q2", today=date(2026, 5, 1))
    assert current.as_of_ends_at(shanghai) == datetime(2026, 5, 1, 16, 0, tzinfo=UTC)

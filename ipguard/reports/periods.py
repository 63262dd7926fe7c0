"""Quarters as report periods, and the instants their days begin and end: pure date
arithmetic, no Django imports (callers pass the time zone)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from ipguard.lib.dates import add_months, quarter_of

QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


class BadQuarter(ValueError):
    """A quarter name that is not like "2026-Q4"."""


@dataclass(frozen=True)
class ReportPeriod:
    """The quarter a report covers, and the day its figures are taken at (`as_of`).

    A report of the current quarter is taken on the day it is made; a report of a past quarter
    (the scheduled one, made on the first day of the next quarter) is taken at that quarter's end.
    """

    quarter: str
    start: date
    end: date
    as_of: date

    @classmethod
    def for_quarter(cls, quarter: str, *, today: date) -> ReportPeriod:
        start = quarter_start(quarter)
        end = add_months(start, 3) - timedelta(days=1)
        return cls(quarter=quarter, start=start, end=end, as_of=min(today, end))

    def starts_at(self, tz: tzinfo) -> datetime:
        """The first instant of the quarter in `tz`."""
        return start_of_day(self.start, tz)

    def ends_at(self, tz: tzinfo) -> datetime:
        """The first instant after the quarter's last day in `tz`."""
        return end_of_day(self.end, tz)

    def as_of_ends_at(self, tz: tzinfo) -> datetime:
        """The first instant after the day the figures are taken at, in `tz`."""
        return end_of_day(self.as_of, tz)

    def previous_quarters(self, count: int) -> list[str]:
        """This quarter and the `count - 1` before it, oldest first."""
        return [quarter_of(add_months(self.start, -3 * back)) for back in range(count - 1, -1, -1)]


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """The first instant of `day` in `tz` (a zoneinfo zone: midnight exists on every day)."""
    return datetime.combine(day, time.min, tzinfo=tz)


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The first instant after `day` ends, in `tz`."""
    return start_of_day(day + timedelta(days=1), tz)


def quarter_start(quarter: str) -> date:
    match = QUARTER_PATTERN.match(quarter or "")
    if not match:
        raise BadQuarter(f"{quarter!r} is not a quarter like 2026-Q4")
    return date(int(match[1]), 3 * (int(match[2]) - 1) + 1, 1)


def quarter_end(quarter: str) -> date:
    return add_months(quarter_start(quarter), 3) - timedelta(days=1)


def previous_quarter(day: date) -> str:
    """The quarter before the one `day` is in (what the report made on 1 January covers)."""
    return quarter_of(add_months(date(day.year, day.month, 1), -3))


def recent_quarters(today: date, count: int = 4) -> list[str]:
    """The current quarter and the ones before it, newest first (choices for a new report)."""
    start = quarter_start(quarter_of(today))
    return [quarter_of(add_months(start, -3 * back)) for back in range(count)]

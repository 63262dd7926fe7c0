"""Calendar arithmetic shared by the rules engine and the action plan (no Django imports)."""

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """`start` moved by whole months, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def end_of_month(day: date) -> date:
    """The last day of `day`'s month."""
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"

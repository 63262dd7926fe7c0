"""Which occurrences of a filing's deadlines the app keeps: one horizon for pages, feed and CLI.

The rules engine lists a series (renewals, annuities, maintenance fees) up to a date it is given.
Everything the user sees goes through `deadlines_for`, so the command line, the stored deadlines
and the calendar always agree on the same dates.
"""

from __future__ import annotations

from datetime import date

from ipguard.lib.dates import add_months
from ipguard.portfolio import calendars, rules

# Ten years ahead covers the next renewal of every mark and the annuities a budget plans for;
# later occurrences appear as the years pass and the filing is recomputed.
HORIZON_YEARS = 10


def horizon(today: date) -> date:
    return add_months(today, 12 * HORIZON_YEARS)


def deadlines_for(
    filing: rules.FilingDates,
    *,
    today: date | None = None,
    closing_days: rules.ClosingDays | None = None,
) -> list[rules.Deadline]:
    """The engine's deadlines up to the horizon; none for rights the engine has no rules for.

    Dates roll past the closing days of the shipped office calendars unless `closing_days` is
    given.
    """
    if not rules.is_supported(filing.right, filing.office):
        return []
    if closing_days is None:
        closing_days = calendars.office_calendars()
    return rules.compute_deadlines(
        filing, closing_days=closing_days, until=horizon(today or date.today())
    )

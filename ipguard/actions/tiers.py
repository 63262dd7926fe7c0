"""The guides' urgency tiers and the default due date each one gives an action."""

from datetime import date

from ipguard.lib.dates import add_months

TIER_MONTHS = {"urgent": 1, "strategic": 6, "long_term": 12}


def default_due_date(tier: str, start: date) -> date:
    return add_months(start, TIER_MONTHS[tier])

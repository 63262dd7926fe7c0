"""How close an open statutory deadline is to losing the right (no Django imports).

A deadline's last day is the end of its grace period if it has one, else its due date. Between
the due date and the end of grace the office still accepts the renewal or fee with a surcharge;
after the last day the right lapses (or the application is refused) and can at best be restored
at extra cost. Grace periods come from the rules table (`rules.py`, each with its source, e.g.
ip-rules.md "Grace / late" column: CN annuities and marks, EU and US 6 months with surcharge).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Lapse(StrEnum):
    UPCOMING = "upcoming"  # before or on the due date (with a grace period still to come)
    GRACE = "grace"  # past due, the grace period still has more than one day to run
    LAST_DAY = "last_day"  # today is the last day: not paid today, the right is lost tomorrow
    LAPSED = "lapsed"  # the last day has passed


@dataclass(frozen=True)
class LapseState:
    state: Lapse
    last_day: date
    days_left: int  # days after today up to and including the last day (0 on the last day)

    @property
    def stands_out(self) -> bool:
        """In grace, on the last day or past it: the pages flag it, not only colour it."""
        return self.state != Lapse.UPCOMING


def lapse_state(*, due: date, grace_ends: date | None, today: date) -> LapseState:
    last_day = grace_ends or due
    days_left = (last_day - today).days
    if days_left < 0:
        state = Lapse.LAPSED
    elif days_left == 0:
        state = Lapse.LAST_DAY
    elif today > due:
        state = Lapse.GRACE
    else:
        state = Lapse.UPCOMING
    return LapseState(state=state, last_day=last_day, days_left=days_left)

"""When a due item deserves a reminder, and who gets it. Plain Python: no Django imports.

A reminder *slot* names one reminder of one item: "before:30" (30 days ahead), "before:0" (on the
day), "overdue:2" (the second weekly overdue reminder) or "snooze:2026-05-01" (the snooze ended).
The sweep only ever asks for the *current* slot, the latest one that has fallen due by today. A
sweep that was missed for a week therefore still produces one reminder, not one per missed day,
and the ledger's unique constraint on the slot stops the next sweep from sending it again.
"""

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DEFAULT_OFFSETS = (60, 30, 7, 1, 0)
MAX_OFFSET_DAYS = 365
OVERDUE_EVERY_DAYS = 7


@dataclass(frozen=True)
class Slot:
    key: str
    falls_on: date
    overdue: bool


def regular_slot(
    *,
    due: date,
    today: date,
    offsets: Sequence[int],
    overdue_every: int = OVERDUE_EVERY_DAYS,
    last_day: date | None = None,
) -> Slot | None:
    """The latest slot on or before `today`, ignoring any snooze.

    `last_day` is the end of a grace period after `due` (deadlines only): on that day a reminder
    of its own says the right is lost tomorrow, whatever the weekly overdue rhythm says.
    """
    if last_day is not None and last_day > due and today == last_day:
        return Slot("last_day", last_day, overdue=True)
    if today > due:
        # The first overdue reminder goes out the day after the due date, then one a week.
        number = (today - due).days - 1
        week = number // overdue_every + 1
        falls_on = due + timedelta(days=1 + (week - 1) * overdue_every)
        return Slot(f"overdue:{week}", falls_on, overdue=True)
    days_left = (due - today).days
    passed = [offset for offset in offsets if offset >= days_left]
    if not passed:
        return None
    offset = min(passed)
    return Slot(f"before:{offset}", due - timedelta(days=offset), overdue=False)


def current_slot(
    *,
    due: date,
    today: date,
    offsets: Sequence[int],
    snoozed_until: date | None = None,
    overdue_every: int = OVERDUE_EVERY_DAYS,
    last_day: date | None = None,
) -> Slot | None:
    """The slot to send today, or None. A snoozed item is silent until the snooze ends."""
    if snoozed_until is not None and today < snoozed_until:
        return None
    slot = regular_slot(
        due=due, today=today, offsets=offsets, overdue_every=overdue_every, last_day=last_day
    )
    if slot is not None and snoozed_until is not None and slot.falls_on < snoozed_until:
        # The slot fell due while the item slept (and may already have been sent before the
        # snooze): the end of the snooze is a reminder of its own.
        return Slot(f"snooze:{snoozed_until.isoformat()}", snoozed_until, overdue=today > due)
    return slot


def recipients(
    *, item_owner_id: int | None, company_owner_ids: Iterable[int], overdue: bool
) -> dict[int, bool]:
    """user id -> is_escalation.

    Before the due date the item's owner is reminded (or the company's owners when nobody owns
    it). Once overdue, the company's owners are told as well, as an escalation.
    """
    chosen: dict[int, bool] = {}
    if item_owner_id is not None:
        chosen[item_owner_id] = False
    if overdue:
        for user_id in company_owner_ids:
            chosen[user_id] = True
    elif item_owner_id is None:
        for user_id in company_owner_ids:
            chosen[user_id] = False
    return chosen


def next_digest_at(*, after: datetime, time_zone: str, hour: int) -> datetime:
    """The first moment at `hour` o'clock local time strictly after `after` (aware), as UTC.

    Local wall-clock arithmetic, so the digest stays at 08:00 in Berlin on both sides of a
    daylight-saving change. An hour that does not exist that day (spring forward) falls on
    the first instant after the gap.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    local = after.astimezone(zone)
    day = local.date()
    while True:
        candidate = _wall_clock(day, hour, zone)
        if candidate > after:
            return candidate.astimezone(zoneinfo.ZoneInfo("UTC"))
        day += timedelta(days=1)


def _wall_clock(day: date, hour: int, zone: zoneinfo.ZoneInfo) -> datetime:
    naive = datetime.combine(day, time(hour))
    aware = naive.replace(tzinfo=zone)
    # A wall time inside a spring-forward gap does not survive a round trip through UTC.
    round_trip = aware.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip
    return aware


def parse_offsets(text: str) -> list[int]:
    """ "60, 30, 7" -> [60, 30, 7]; raises ValueError with a readable message."""
    values = []
    for part in text.replace(";", ",").replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"{part!r} is not a whole number of days")
        value = int(part)
        if value > MAX_OFFSET_DAYS:
            raise ValueError(f"{value} is more than {MAX_OFFSET_DAYS} days")
        values.append(value)
    if not values:
        raise ValueError("give at least one number of days")
    return sorted(set(values), reverse=True)

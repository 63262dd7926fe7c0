"""Applying the table: which rows fit a filing, checking its dates, and computing deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime, timedelta

from ipguard.lib.dates import end_of_month
from ipguard.portfolio.rules.model import (
    ANY_OFFICE,
    OFFICES,
    PATENT_LIKE,
    RIGHTS,
    ClosingDays,
    Deadline,
    Expiry,
    FilingDates,
    OfficeCalendar,
    Period,
    Rule,
    RuleError,
    _as_calendar,
)
from ipguard.portfolio.rules.table import RULES

SUPPORTED: dict[str, tuple[str, ...]] = {
    right: tuple(o for o in OFFICES if any(right in r.rights and o in r.offices for r in RULES))
    for right in RIGHTS
}


def next_working_day(day: date, closed: frozenset[date] = frozenset()) -> date:
    """`day`, or the first later day that is neither a weekend nor in `closed`."""
    while day.weekday() >= 5 or day in closed:
        day += timedelta(days=1)
    return day


def rules_for(right: str, office: str) -> tuple[Rule, ...]:
    """The table rows for a right at an office; RuleError if there are none."""
    if right not in RIGHTS:
        raise RuleError(f"Unknown right {right!r}; expected one of {', '.join(RIGHTS)}.")
    if office not in OFFICES:
        raise RuleError(f"Unknown office {office!r}; expected one of {', '.join(OFFICES)}.")
    if office not in SUPPORTED[right]:
        raise RuleError(
            f"No rules for a {right} at {office}: {right} filings are handled at "
            f"{', '.join(SUPPORTED[right])}."
        )
    return tuple(r for r in RULES if right in r.rights and office in r.offices)


def is_supported(right: str, office: str) -> bool:
    return office in SUPPORTED.get(right, ())


def validate(filing: FilingDates) -> None:
    """Raise RuleError for an unknown combination or dates that cannot all be true."""
    rules_for(filing.right, filing.office)
    for f in fields(FilingDates)[2:-1]:  # the dates, not the designations
        value = getattr(filing, f.name)
        if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
            raise RuleError(f"{f.name} must be a date, not {type(value).__name__}.")
    filed = filing.filed
    if filed and filing.priority and filing.priority > filed:
        raise RuleError(f"The priority date {filing.priority} is after the filing date {filed}.")
    for name in ("published", "registered"):
        value = getattr(filing, name)
        if filed and value and value < filed:
            raise RuleError(f"The {name} date {value} is before the filing date {filed}.")
    ir = filing.international_registration
    if filing.office == "WO" and filing.right in PATENT_LIKE:
        if filing.registered:
            raise RuleError("A PCT application is never granted: record the grant nationally.")
    elif filing.office == "WO" and filed and ir and ir < filed:
        raise RuleError(f"The international registration date {ir} is before filing ({filed}).")


def compute_deadlines(
    filing: FilingDates, *, closing_days: ClosingDays = (), until: date | None = None
) -> list[Deadline]:
    """Every deadline of `filing`, sorted by due date.

    `closing_days`: days the filing's office is closed, or a mapping of office code to its closing
    days (used for acts at another office, e.g. EPO entry of a PCT application). Weekends always
    roll. `until`: list the occurrences of a series (renewals, annuities, maintenance fees) whose
    nominal due date is on or before it, e.g. today + 10 years; each series always shows its first
    occurrence. Without `until`, finite series are listed in full and open-ended ones (trademark
    renewals) up to their first occurrence. Missing dates just mean fewer deadlines.
    """
    validate(filing)
    if isinstance(closing_days, Mapping):
        closed = {office: _as_calendar(office, d) for office, d in closing_days.items()}
    else:
        closed = {filing.office: _as_calendar(filing.office, closing_days)}
    deadlines = [
        deadline
        for rule in rules_for(filing.right, filing.office)
        for deadline in _apply(rule, filing, closed, until)
    ]
    return sorted(deadlines, key=lambda d: (d.due, d.key))


def _apply(
    rule: Rule, filing: FilingDates, closed: dict[str, OfficeCalendar], until: date | None
) -> list[Deadline]:
    anchor = filing.anchor_date(rule.anchor)
    skip_until = filing.anchor_date(rule.skip_until) if rule.skip_until else None
    if anchor is None or (rule.skip_until and skip_until is None):
        return []
    if rule.designation and rule.designation not in filing.designated:
        return []
    stop_anchor = filing.anchor_date(rule.stop_at[0]) if rule.stop_at else None
    stop = rule.stop_at[1].after(stop_anchor) if rule.stop_at and stop_anchor else None
    office = rule.acts_at or filing.office
    calendar = closed.get(office) or OfficeCalendar(office="")

    first = rule.due(anchor) if callable(rule.due) else rule.due
    count = rule.count(anchor) if callable(rule.count) else rule.count
    found: list[Deadline] = []
    n = 0
    expiry: date | None = None
    while count is None or n < count:
        n += 1
        if n <= rule.skip_first:
            continue
        if rule.expiry:
            expiry = term_expiry(rule.expiry, anchor if n == 1 else expiry, first, n == 1, rule)
        nominal, base, offset = _nominal(rule, anchor, first, n, expiry)
        if stop and nominal >= stop:
            break
        if skip_until and nominal <= skip_until:
            continue
        if found and (nominal > until if until else count is None):
            break
        found.append(_deadline(rule, n, nominal, base, offset, office, calendar))
    return found


def _nominal(
    rule: Rule, anchor: date, first: Period, n: int, expiry: date | None
) -> tuple[date, date, Period]:
    """Occurrence n's unrolled due date, and the base and offset its window and grace use."""
    if expiry is not None:
        nominal, base, offset = expiry, expiry, Period()
    else:
        offset = first + rule.repeat_every * (n - 1) if rule.repeat_every else first
        nominal, base = offset.after(anchor), anchor
    if rule.month_end:
        nominal = base = end_of_month(nominal)
        offset = Period()
    return nominal, base, offset


def _deadline(
    rule: Rule,
    n: int,
    nominal: date,
    base: date,
    offset: Period,
    office: str,
    calendar: OfficeCalendar,
) -> Deadline:
    grace_end = (offset + rule.grace_after).after(base) if rule.grace_after else None
    if grace_end and rule.month_end:
        grace_end = end_of_month(grace_end)
    due = calendar.next_working_day(nominal) if rule.rolls else nominal
    grace_ends = grace_end
    if grace_end and rule.rolls:
        grace_ends = calendar.next_working_day(grace_end)
    # (unrolled, shown) for the dates that roll; milestones have none
    rolled = [(nominal, due)] + ([(grace_end, grace_ends)] if grace_end and grace_ends else [])
    if not rule.rolls:
        rolled = []
    return Deadline(
        kind=rule.kind,
        sequence=n if rule.repeat_every else None,
        label=rule.label,
        due=due,
        opens=(offset - rule.window_before).after(base) if rule.window_before else None,
        grace_ends=grace_ends,
        source=rule.source,
        office=None if office == ANY_OFFICE else office,
        nominal_due=nominal,
        note=rule.note,
        uncertain=rule.uncertain,
        expiry=rule.expiry or "",
        calendar=calendar.office if rule.rolls else "",
        # Outside the covered years only weekends roll; say so rather than look certain.
        beyond_calendar=bool(calendar.office)
        and any(not calendar.covers(shown) for _, shown in rolled),
        calendar_uncertain=any(calendar.rolled_over_uncertain(d, s) for d, s in rolled),
    )


def term_expiry(
    convention: Expiry, start: date | None, first: Period, is_first: bool, rule: Rule
) -> date:
    """The last day of a term: the first from the anchor, a later one from the previous expiry.

    `start` is the anchor for the first term and the previous term's expiry for later ones.
    """
    assert start is not None
    length = first if is_first else (rule.repeat_every or first)
    if convention == "anniversary":
        return length.after(start)
    term_start = start if is_first else start + timedelta(days=1)
    return length.after(term_start) - timedelta(days=1)


def describe_rules() -> list[str]:
    """One readable line per table row, for documentation and review."""
    lines = []
    for r in RULES:
        if callable(r.due):
            due = f"at the end of a term set by {r.anchor}"
        else:
            due = f"{r.due} after {r.anchor}" if r.due != Period() else f"on {r.anchor}"
        parts = [f"{'/'.join(r.rights)} at {','.join(r.offices)}: {r.kind} due {due}"]
        if r.window_before:
            parts.append(f"opens {r.window_before} before")
        if r.grace_after and r.late == "extension":
            parts.append(f"extendable on request to {r.grace_after} after (not a grace period)")
        elif r.grace_after:
            parts.append(f"grace {r.grace_after} after")
        if r.repeat_every:
            if r.count is None:
                parts.append(f"repeats every {r.repeat_every} without limit")
            else:
                times = "through the term" if callable(r.count) else f"{r.count} times"
                parts.append(f"repeats every {r.repeat_every}, {times}")
        if r.expiry:
            parts.append(f"expiry: {r.expiry.replace('_', ' ')}")
        if not r.rolls:
            parts.append("milestone, not rolled")
        parts.append(f"[{r.source}]" + (" ⚠" if r.uncertain else ""))
        lines.append("; ".join(parts))
    return lines

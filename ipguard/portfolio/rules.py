"""Statutory deadlines of a filing: one table of rules, and one function that applies it.

Pure Python (no Django). Every fact comes from the team's IP-rules research notes (ip-rules.md:
numbered statements, each citing its statute or office page); `source` names the statement's
S-number, and rows whose value is not settled by those notes carry `uncertain=True` (⚠) and a note.

How a rule becomes dates (`Rule` explains the columns):
- Every offset is measured from the rule's anchor date in one step: occurrence n is nominally due
  at anchor + due + (n - 1) * repeat_every; its window opens at that offset minus `window_before`
  and its grace ends at that offset plus `grace_after`. Nothing is computed from another computed
  date, so a clamped month end (31 Aug + 6 months = 28 Feb) never leaks into a later deadline.
- Only the dates shown as `due` and `grace_ends` roll forward past Saturdays, Sundays and the
  office's closing days; `opens` and the anniversaries behind later deadlines never roll.
- End of term and the end of Madrid dependency are milestones, not acts: they do not roll,
  because moving an expiry to Monday would claim protection the law does not give.
- `registered` is the registration date for marks and designs and the grant date for patents and
  utility models, as in the Filing model's "registration or grant date".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Literal

from ipguard.lib.dates import add_months

RIGHTS: tuple[str, ...] = ("trademark", "patent", "utility_model", "design")
# WO is WIPO: Madrid international registrations for marks, PCT applications for patents and
# utility models. EP (the EPO) grants patents only; EU (EUIPO) registers marks and designs only.
OFFICES: tuple[str, ...] = ("CN", "US", "EU", "EP", "GB", "JP", "KR", "WO")

TRADEMARK_OFFICES = ("CN", "US", "EU", "GB", "JP", "KR", "WO")
PATENT_OFFICES = ("CN", "US", "EP", "GB", "JP", "KR", "WO")
UTILITY_MODEL_OFFICES = ("CN", "JP", "KR", "WO")  # neither US, EP, EU nor GB has utility models
DESIGN_OFFICES = ("CN", "US", "EU", "GB", "JP", "KR")  # Hague designs at WO are not covered

Anchor = Literal[
    "filed", "priority_or_filed", "published", "registered", "international_registration"
]

# Deadline.office for acts done at an office that depends on the owner's plans (a Paris filing
# abroad, PCT entry "at most offices"): only weekends roll such a deadline.
ANY_OFFICE = "*"


def gettext_noop(message: str) -> str:
    """Marks a label for translation catalogues; the Django layer translates it when shown."""
    return message


class RuleError(ValueError):
    """The filing cannot be evaluated: unknown right or office, no rules, or impossible dates."""


@dataclass(frozen=True)
class Period:
    """A calendar offset: whole months (years are 12 months), or days."""

    months: int = 0
    days: int = 0

    def __add__(self, other: Period) -> Period:
        return Period(self.months + other.months, self.days + other.days)

    def __sub__(self, other: Period) -> Period:
        return Period(self.months - other.months, self.days - other.days)

    def __mul__(self, factor: int) -> Period:
        return Period(self.months * factor, self.days * factor)

    def after(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(days=self.days)

    def __str__(self) -> str:
        parts = []
        if self.months:
            y, m = divmod(self.months, 12)
            parts.append(f"{y}y" if not m else f"{self.months}m")
        if self.days:
            parts.append(f"{self.days}d")
        return " ".join(parts) or "0"


def years(n: int) -> Period:
    return Period(months=12 * n)


def months(n: int) -> Period:
    return Period(months=n)


def days(n: int) -> Period:
    return Period(days=n)


CN_DESIGN_15_YEAR_TERM_FROM = date(2021, 6, 1)  # amended Patent Law in force (S27-S29)


def cn_design_term_years(filed: date) -> int:
    """CN design term: 15 years if filed on or after 1 June 2021, otherwise 10 years."""
    return 15 if filed >= CN_DESIGN_15_YEAR_TERM_FROM else 10


@dataclass(frozen=True)
class Rule:
    """One row of the table.

    `due`: offset of the (first) nominal due date from the anchor; a function of the anchor date
    where the law makes the term depend on it. `window_before`: the window opens this long before
    the due date. `grace_after`: the late (grace) period ends this long after it. `repeat_every`
    and `count`: a series (count None = renewable without limit; a function of the anchor date
    where the term decides it). `skip_until`: occurrences nominally due on or before this date
    are not listed (and none are while it is unknown). `acts_at`: the office where the act is
    done, if not the filing's own office; it chooses whose closing days roll the date.
    """

    kind: str
    rights: tuple[str, ...]
    offices: tuple[str, ...]
    anchor: Anchor
    due: Period | Callable[[date], Period]
    label: str
    source: str
    window_before: Period | None = None
    grace_after: Period | None = None
    repeat_every: Period | None = None
    count: int | Callable[[date], int] | None = 1
    skip_until: Anchor | None = None
    acts_at: str | None = None
    rolls: bool = True
    note: str = ""
    uncertain: bool = False


TM = ("trademark",)
PATENT_LIKE = ("patent", "utility_model")
RENEWAL = gettext_noop("Trademark renewal")

# fmt: off
RULES: tuple[Rule, ...] = (
    # 1. Trademark renewals (ip-rules.md section 1)
    Rule("tm_renewal", TM, ("CN",), "registered", years(10), RENEWAL, "S1, S2",
         window_before=months(12), grace_after=months(6), repeat_every=years(10), count=None,
         uncertain=True,
         note=gettext_noop(
             "12-month window since the 2013 law. ⚠ CNIPA certificates may print the term as "
             "ending the day before the anniversary: treat that day as the safe last day.")),
    Rule("us_section8_declaration", TM, ("US",), "registered", years(6),
         gettext_noop("Section 8 declaration of use"), "S3, S4",
         window_before=years(1), grace_after=months(6),
         note=gettext_noop(
             "Between the 5th and 6th anniversaries; a missed filing cancels the mark.")),
    Rule("us_section8_9_renewal", TM, ("US",), "registered", years(10),
         gettext_noop("Sections 8 and 9 renewal"), "S3, S4",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         note=gettext_noop(
             "Grace filings pay a per-class surcharge; a missed filing cancels the mark.")),
    Rule("tm_renewal", TM, ("EU",), "filed", years(10), RENEWAL, "S5",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         note=gettext_noop("Counted from the filing date. Grace renewals cost 25% more.")),
    Rule("tm_renewal", TM, ("GB",), "filed", years(10), RENEWAL, "S6, S7",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         note=gettext_noop(
             "Counted from the filing date. Restoration 6-12 months after expiry is "
             "discretionary.")),
    Rule("tm_renewal", TM, ("JP",), "registered", years(10), RENEWAL, "S8, S9",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         note=gettext_noop("Grace renewals cost double. The JPO sends no reminder.")),
    Rule("tm_renewal", TM, ("KR",), "registered", years(10), RENEWAL, "S10, S11",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None),
    # ⚠ The notes leave the earliest payment date to Common Regulations Rule 30; `opens` marks
    # WIPO's reminder 6 months before expiry (Protocol Art 7(3)). A stored copy of Rule 30(1)(b)
    # says a payment received more than 3 months early counts as received 3 months before.
    Rule("madrid_renewal", TM, ("WO",), "international_registration", years(10),
         gettext_noop("International registration renewal (WIPO)"), "S12",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         uncertain=True,
         note=gettext_noop(
             "⚠ Window start is WIPO's 6-month reminder; check Rule 30 for the earliest "
             "payment. Designated countries may add their own grace surcharges.")),
    Rule("madrid_dependency_end", TM, ("WO",), "international_registration", years(5),
         gettext_noop("End of dependency on the basic mark"), "S13-S15", rolls=False,
         note=gettext_noop(
             "Until then the IR falls with the basic mark (central attack); transformation "
             "into national applications within 3 months keeps the IR date.")),
    # 2. Paris priority (Art 4C): counted from the first filing
    Rule("paris_priority", ("patent",), PATENT_OFFICES, "priority_or_filed", months(12),
         gettext_noop("Last day to file abroad with priority"), "S22, S23", acts_at=ANY_OFFICE),
    Rule("paris_priority", ("utility_model",), UTILITY_MODEL_OFFICES, "priority_or_filed",
         months(12), gettext_noop("Last day to file abroad with priority"), "S22, S23",
         acts_at=ANY_OFFICE),
    Rule("paris_priority", ("design",), DESIGN_OFFICES, "priority_or_filed", months(6),
         gettext_noop("Last day to file abroad with priority"), "S22, S23", acts_at=ANY_OFFICE),
    Rule("paris_priority", TM, TRADEMARK_OFFICES, "priority_or_filed", months(6),
         gettext_noop("Last day to file abroad with priority"), "S22, S23", acts_at=ANY_OFFICE),
    # PCT national phase (WO = the PCT application), counted from priority, else filing
    Rule("pct_national_phase", PATENT_LIKE, ("WO",), "priority_or_filed", months(30),
         gettext_noop("PCT national phase entry (most offices)"), "S24, S25",
         acts_at=ANY_OFFICE,
         note=gettext_noop("LU and TZ: 20/21 months unless a demand is filed by month 19.")),
    Rule("pct_national_phase_ep", ("patent",), ("WO",), "priority_or_filed", months(31),
         gettext_noop("PCT regional phase entry at the EPO"), "S24, S25", acts_at="EP"),
    Rule("pct_national_phase_cn", PATENT_LIKE, ("WO",), "priority_or_filed", months(30),
         gettext_noop("PCT national phase entry in China"), "S26",
         grace_after=months(2), acts_at="CN",
         note=gettext_noop("Late entry up to 32 months with a surcharge.")),
    # 3. Trademark opposition windows: open on publication, close on `due`
    Rule("opposition_window", TM, ("CN",), "published", months(3),
         gettext_noop("Opposition period ends"), "S34, S35", window_before=months(3),
         note=gettext_noop(
             "No extension. Madrid designations: 3 months from the 1st of the month after "
             "WIPO Gazette publication (not computed here).")),
    Rule("opposition_window", TM, ("US",), "published", days(30),
         gettext_noop("Opposition period ends"), "S36", window_before=days(30),
         grace_after=days(150),  # extensions are capped at 180 days from publication
         note=gettext_noop(
             "Extensions on request (+30 days) or for good cause, at most 180 days.")),
    Rule("opposition_window", TM, ("EU",), "published", months(3),
         gettext_noop("Opposition period ends"), "S37, S38", window_before=months(3),
         note=gettext_noop(
             "IRs designating the EU: months 1-4 after republication (not computed here).")),
    # ⚠ The notes say "2 months counted from (and including) the publication date", i.e. one day
    # earlier; the newer stored copy of S39 says the period begins immediately after the advert
    # date, with the example 11 April 2013 -> 11 June 2013. The newer text is encoded.
    Rule("opposition_window", TM, ("GB",), "published", months(2),
         gettext_noop("Opposition period ends"), "S39, S40", window_before=months(2),
         grace_after=months(1), uncertain=True,
         note=gettext_noop("⚠ Extended to 3 months only for whoever files the free TM7A.")),
    # CN annuities: year n is due on the (n-1)th anniversary of filing; the annuity of the grant
    # year is paid with the grant formalities, so only years due after the grant date are listed.
    # ⚠ If an anniversary falls between paying the grant fees and the grant date, that year is
    # not listed: the notes do not say whether the grant formalities cover it.
    Rule("cn_annuity", ("patent",), ("CN",), "filed", years(0), gettext_noop("CN annuity"),
         "S30, S31", grace_after=months(6), repeat_every=years(1), count=20,
         skip_until="registered",
         note=gettext_noop(
             "Late period: month 1 free, then +5% a month (max 25%); unpaid, the patent ends "
             "as of the due date.")),
    Rule("cn_annuity", ("utility_model",), ("CN",), "filed", years(0), gettext_noop("CN annuity"),
         "S30, S31", grace_after=months(6), repeat_every=years(1), count=10,
         skip_until="registered",
         note=gettext_noop("Late period: month 1 free, then +5% a month (max 25%).")),
    Rule("cn_annuity", ("design",), ("CN",), "filed", years(0), gettext_noop("CN annuity"),
         "S30, S31", grace_after=months(6), repeat_every=years(1), count=cn_design_term_years,
         skip_until="registered",
         note=gettext_noop("Late period: month 1 free, then +5% a month (max 25%).")),
    # US utility patent maintenance fees at 3.5, 7.5 and 11.5 years after grant. The window
    # (3, 7, 11 years) is USPTO practice, 37 CFR 1.362(d), not in the domain notes.
    Rule("us_maintenance_fee", ("patent",), ("US",), "registered", months(42),
         gettext_noop("US maintenance fee"), "S32, S33", window_before=months(6),
         grace_after=months(6), repeat_every=years(4), count=3,
         note=gettext_noop(
             "Window opens 6 months before (USPTO practice); grace fees carry a surcharge.")),
    # End of term: milestones, not acts. Trademarks have none (renewable without limit).
    Rule("end_of_term", ("patent",), ("CN",), "filed", years(20),
         gettext_noop("End of maximum term"), "S27-S29", rolls=False),
    Rule("end_of_term", ("utility_model",), ("CN",), "filed", years(10),
         gettext_noop("End of maximum term"), "S27-S29", rolls=False),
    Rule("end_of_term", ("design",), ("CN",), "filed",
         lambda filed: years(cn_design_term_years(filed)),
         gettext_noop("End of maximum term"), "S27-S29", rolls=False,
         note=gettext_noop("15 years if filed on or after 1 June 2021, otherwise 10 years.")),
    Rule("end_of_term", ("patent",), ("US",), "filed", years(20),
         gettext_noop("End of maximum term"), "S32", rolls=False,
         note=gettext_noop("Plus any patent term adjustment (PTA).")),
    # ⚠ Not in the domain notes: 20 years from filing is the TRIPS Art 33 minimum, given in the
    # brief for these offices. Renewal fees at EP/GB/JP/KR are not encoded at all.
    Rule("end_of_term", ("patent",), ("EP", "GB", "JP", "KR"), "filed", years(20),
         gettext_noop("End of maximum term"), "TRIPS Art 33", rolls=False, uncertain=True,
         note=gettext_noop(
             "⚠ Not in the domain notes; annual renewal fees keep the patent alive meanwhile.")),
)
# fmt: on

SUPPORTED: dict[str, tuple[str, ...]] = {
    right: tuple(o for o in OFFICES if any(right in r.rights and o in r.offices for r in RULES))
    for right in RIGHTS
}


@dataclass(frozen=True)
class FilingDates:
    """The dates of one filing that deadlines hang on (`registered` doubles as grant date)."""

    right: str
    office: str
    filed: date | None = None
    priority: date | None = None
    published: date | None = None
    registered: date | None = None
    international_registration: date | None = None

    def anchor_date(self, anchor: Anchor) -> date | None:
        if anchor == "priority_or_filed":
            return self.priority or self.filed
        return getattr(self, anchor)


@dataclass(frozen=True)
class Deadline:
    """One dated obligation or milestone; `kind` plus `sequence` identify it across recomputes."""

    kind: str
    sequence: int | None  # renewal number, annuity year, maintenance-fee number; None if single
    label: str
    due: date  # rolled to a working day unless the rule is a milestone
    opens: date | None
    grace_ends: date | None
    source: str
    office: str | None  # where the act is done; None when it depends on the owner's plans
    nominal_due: date  # before rolling
    note: str = ""
    uncertain: bool = False

    @property
    def key(self) -> str:
        return self.kind if self.sequence is None else f"{self.kind}:{self.sequence}"


ClosingDays = Iterable[date] | Mapping[str, Iterable[date]]


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
    for f in fields(FilingDates)[2:]:
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
    if filing.office == "WO" and filing.right != "trademark":
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
        closed = {office: frozenset(d) for office, d in closing_days.items()}
    else:
        closed = {filing.office: frozenset(closing_days)}
    deadlines = [
        deadline
        for rule in rules_for(filing.right, filing.office)
        for deadline in _apply(rule, filing, closed, until)
    ]
    return sorted(deadlines, key=lambda d: (d.due, d.key))


def _apply(
    rule: Rule, filing: FilingDates, closed: dict[str, frozenset[date]], until: date | None
) -> list[Deadline]:
    anchor = filing.anchor_date(rule.anchor)
    skip_until = filing.anchor_date(rule.skip_until) if rule.skip_until else None
    if anchor is None or (rule.skip_until and skip_until is None):
        return []
    office = rule.acts_at or filing.office
    closed_here = closed.get(office, frozenset())

    def shown(day: date) -> date:
        return next_working_day(day, closed_here) if rule.rolls else day

    first = rule.due(anchor) if callable(rule.due) else rule.due
    count = rule.count(anchor) if callable(rule.count) else rule.count
    found: list[Deadline] = []
    n = 0
    while count is None or n < count:
        n += 1
        offset = first + rule.repeat_every * (n - 1) if rule.repeat_every else first
        nominal = offset.after(anchor)
        if skip_until and nominal <= skip_until:
            continue
        if found and (nominal > until if until else count is None):
            break
        found.append(
            Deadline(
                kind=rule.kind,
                sequence=n if rule.repeat_every else None,
                label=rule.label,
                due=shown(nominal),
                opens=(offset - rule.window_before).after(anchor) if rule.window_before else None,
                grace_ends=shown((offset + rule.grace_after).after(anchor))
                if rule.grace_after
                else None,
                source=rule.source,
                office=None if office == ANY_OFFICE else office,
                nominal_due=nominal,
                note=rule.note,
                uncertain=rule.uncertain,
            )
        )
    return found


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
        if r.grace_after:
            parts.append(f"grace {r.grace_after} after")
        if r.repeat_every:
            if r.count is None:
                parts.append(f"repeats every {r.repeat_every} without limit")
            else:
                times = "through the term" if callable(r.count) else f"{r.count} times"
                parts.append(f"repeats every {r.repeat_every}, {times}")
        if not r.rolls:
            parts.append("milestone, not rolled")
        parts.append(f"[{r.source}]" + (" ⚠" if r.uncertain else ""))
        lines.append("; ".join(parts))
    return lines

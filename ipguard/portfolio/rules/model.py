"""The rules engine's vocabulary: offices, periods, the columns of a rule, and what it yields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ipguard.lib.dates import add_months


def gettext_noop(message: str) -> str:
    """Marks a label for translation catalogues; the Django layer translates it when shown."""
    return message


RIGHTS: tuple[str, ...] = ("trademark", "patent", "utility_model", "design")
# WO is WIPO: Madrid international registrations for marks, PCT applications for patents and
# utility models. EP (the EPO) grants patents only; EU (EUIPO) registers marks and designs only.
# The export markets added in engine v2 (trademarks, and patents where simply stated).
EXPORT_OFFICES: tuple[str, ...] = (
    "HK", "TW", "SG", "MY", "TH", "VN", "ID", "PH", "IN", "AU", "CA", "MX",
)  # fmt: skip
OFFICES: tuple[str, ...] = ("CN", "US", "EU", "EP", "GB", "JP", "KR", "WO", *EXPORT_OFFICES)

TRADEMARK_OFFICES = ("CN", "US", "EU", "GB", "JP", "KR", "WO", *EXPORT_OFFICES)
PATENT_OFFICES = ("CN", "US", "EP", "GB", "JP", "KR", "WO", *EXPORT_OFFICES)
UTILITY_MODEL_OFFICES = ("CN", "JP", "KR", "WO")  # neither US, EP, EU nor GB has utility models
DESIGN_OFFICES = ("CN", "US", "EU", "GB", "JP", "KR", "WO")  # WO: Hague registrations
PATENT_LIKE = ("patent", "utility_model")

Anchor = Literal[
    "filed", "priority_or_filed", "published", "registered", "international_registration"
]

# How a term's last day follows from its start (ip-rules.md section 7, "Expiry vs anniversary"):
# - "anniversary": the term ends ON the anniversary of its start, and a start on 29 February
#   clamps to the month end (EUTM filed 2016-02-29 expires 2026-02-28: EUTMR Art 52-53,
#   EUTMIR Art 69). Later terms run from the previous expiry. Japan counts this way because the
#   first day is not counted (JP Patent Act Art 3(1)(i), applied to marks by Trademark Act
#   Art 77; Trademark Act Art 19(1): the right expires 10 years after registration).
# - "day_before_anniversary": the first day counts, so the term ends the day before the
#   anniversary (CN: registered 2018-06-14 expires 2028-06-13, CN Trademark Law Art 39-40);
#   each renewal runs 10 years from the day after the previous expiry.
Expiry = Literal["anniversary", "day_before_anniversary"]
EXPIRY_LABELS: dict[str, str] = {
    "anniversary": gettext_noop("Term ends on the anniversary (month-end clamp)"),
    "day_before_anniversary": gettext_noop("Term ends the day before the anniversary"),
}

# What the period after the due date (`Rule.grace_after`) is:
# - "grace": the office still accepts the act late, usually with a surcharge (renewals, annuities).
# - "extension": the period itself can be extended, but only by a request filed before it ends;
#   nothing can be done late, and there is no surcharge. US TTAB opposition: 30 days from
#   publication, extendable on request up to 180 days from publication (15 USC 1063(a),
#   37 CFR 2.102(c), TBMP 202.01, ip-rules.md section 3, S36); UK: 2 months, 3 for whoever files
#   the free TM7A (S39, S40). Pages call it an extension, never a grace period.
LatePeriod = Literal["grace", "extension"]

# Deadline.office for acts done at an office that depends on the owner's plans (a Paris filing
# abroad, PCT entry "at most offices"): only weekends roll such a deadline.
ANY_OFFICE = "*"


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
    `expiry`: set for the renewal of a term. `due` is then the length of the first term and
    `repeat_every` of each later one; the due date is the term's last day under that convention,
    each later term runs from the previous expiry, and the window and grace are counted from the
    expiry date itself (not from the anniversary).
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
    expiry: Expiry | None = None
    # Occurrences 1..skip_first are not listed (EP renewal fees start with year 3).
    skip_first: int = 0
    # Occurrences nominally due on or after this anchor + period are not listed (EP fees stop
    # at grant; annuities at the end of the term). No stop while the anchor date is unknown.
    stop_at: tuple[Anchor, Period] | None = None
    # Due at the end of the month in which the anniversary falls; the grace then ends at the
    # end of its month too (EPC Rule 131(4)).
    month_end: bool = False
    # Only for a Madrid registration that designates this office (US §71, PH declaration of use).
    designation: str | None = None
    # What the period after `due` up to `due + grace_after` is (see LatePeriod).
    late: LatePeriod = "grace"


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
    designated: tuple[str, ...] = ()  # offices designated by a Madrid registration

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
    expiry: str = ""  # the rule's expiry convention, if it renews a term
    calendar: str = ""  # office whose closing days rolled the dates; "" = weekends only
    beyond_calendar: bool = False  # a rolled date lies beyond the years that calendar covers
    calendar_uncertain: bool = False  # rolled past a closing day marked uncertain in the file

    @property
    def key(self) -> str:
        return self.kind if self.sequence is None else f"{self.kind}:{self.sequence}"


@dataclass(frozen=True)
class OfficeCalendar:
    """One office's closing days for the years a shipped calendar file covers.

    Saturdays and Sundays are closed unless listed as working days (China's official make-up
    working Saturdays: a deadline on one does not roll). Dates outside first_year..last_year fall
    back to weekends only, and `covers` says so, so the page can warn.
    """

    office: str
    closed: frozenset[date] = frozenset()
    working_weekend_days: frozenset[date] = frozenset()
    first_year: int = 0
    last_year: int = 0
    source: str = ""
    uncertain_days: frozenset[date] = frozenset()  # closing days we could not pin to a source
    notes: tuple[str, ...] = ()

    def is_closed(self, day: date) -> bool:
        if day in self.closed:
            return True
        return day.weekday() >= 5 and day not in self.working_weekend_days

    def next_working_day(self, day: date) -> date:
        while self.is_closed(day):
            day += timedelta(days=1)
        return day

    def rolled_over_uncertain(self, nominal: date, shown: date) -> bool:
        """Whether rolling `nominal` to `shown` skipped a closing day we could not pin down."""
        day = nominal
        while day < shown:
            if day in self.uncertain_days:
                return True
            day += timedelta(days=1)
        return False

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    @property
    def years(self) -> str:
        return f"{self.first_year}-{self.last_year}"


ClosingDays = Iterable[date] | Mapping[str, Iterable[date] | OfficeCalendar]


def _as_calendar(office: str, value: Iterable[date] | OfficeCalendar) -> OfficeCalendar:
    if isinstance(value, OfficeCalendar):
        return value
    # A bare list of days (tests, callers with their own data) is taken to cover every year.
    return OfficeCalendar(office=office, closed=frozenset(value), first_year=1, last_year=9999)

"""Statutory deadlines of a filing: one table of rules, and one function that applies it.

Pure Python (no Django). Every fact comes from shared/domain/ip-rules.md; `source` names its
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

from ipguard.lib.dates import add_months, end_of_month


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


TM = ("trademark",)
PATENT_LIKE = ("patent", "utility_model")
RENEWAL = gettext_noop("Trademark renewal")
UNVERIFIED_TM = gettext_noop(
    "⚠ Term, window and grace read from the statute named as source, not from the domain "
    "notes: verify with the office before relying on them."
)

# fmt: off
RULES: tuple[Rule, ...] = (
    # 1. Trademark renewals (ip-rules.md section 1)
    Rule("tm_renewal", TM, ("CN",), "registered", years(10), RENEWAL,
         "S1, S2; CN Trademark Law Art 39-40",
         window_before=months(12), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="day_before_anniversary",
         note=gettext_noop(
             "The term ends the day before the 10th anniversary, as the certificate prints it; "
             "the window (12 months) and the grace (6 months) count from that expiry.")),
    Rule("us_section8_declaration", TM, ("US",), "registered", years(6),
         gettext_noop("Section 8 declaration of use"), "S3, S4",
         window_before=years(1), grace_after=months(6),
         note=gettext_noop(
             "Between the 5th and 6th anniversaries; a missed filing cancels the mark.")),
    Rule("us_section8_9_renewal", TM, ("US",), "registered", years(10),
         gettext_noop("Sections 8 and 9 renewal"), "S3, S4",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop(
             "Grace filings pay a per-class surcharge; a missed filing cancels the mark.")),
    Rule("tm_renewal", TM, ("EU",), "filed", years(10), RENEWAL,
         "S5; EUTMR Art 52-53, EUTMIR Art 69",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop("Counted from the filing date. Grace renewals cost 25% more.")),
    Rule("tm_renewal", TM, ("GB",), "filed", years(10), RENEWAL, "S6, S7",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop(
             "Counted from the filing date. Restoration 6-12 months after expiry is "
             "discretionary.")),
    Rule("tm_renewal", TM, ("JP",), "registered", years(10), RENEWAL,
         "S8, S9; JP Trademark Act Art 19-20, Patent Act Art 3(1)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop("Grace renewals cost double. The JPO sends no reminder.")),
    Rule("tm_renewal", TM, ("KR",), "registered", years(10), RENEWAL, "S10, S11",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary"),
    # ⚠ The notes leave the earliest payment date to Common Regulations Rule 30; `opens` marks
    # WIPO's reminder 6 months before expiry (Protocol Art 7(3)). A stored copy of Rule 30(1)(b)
    # says a payment received more than 3 months early counts as received 3 months before.
    Rule("madrid_renewal", TM, ("WO",), "international_registration", years(10),
         gettext_noop("International registration renewal (WIPO)"), "S12",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
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
    Rule("end_of_term", ("patent",), ("EP", "GB", "JP", "KR", *EXPORT_OFFICES), "filed", years(20),
         gettext_noop("End of maximum term"), "TRIPS Art 33", rolls=False, uncertain=True,
         note=gettext_noop(
             "⚠ Not in the domain notes; annual renewal fees keep the patent alive meanwhile.")),

    # --- ip-rules.md section 7: requests for examination ---
    Rule("examination_request", ("patent",), ("CN",), "priority_or_filed", years(3),
         gettext_noop("Request for substantive examination"), "CN Patent Law Art 35; §7",
         note=gettext_noop("Missed, the application is deemed withdrawn.")),
    Rule("examination_request", ("patent",), ("JP",), "filed", years(3),
         gettext_noop("Request for substantive examination"), "JP Patent Act Art 48-3; §7",
         note=gettext_noop("Missed, the application is deemed withdrawn.")),
    Rule("examination_request", ("patent",), ("KR",), "filed", years(3),
         gettext_noop("Request for substantive examination"), "KR Patent Act Art 59; §7",
         note=gettext_noop("Missed, the application is deemed withdrawn.")),
    Rule("examination_request", ("patent",), ("EP",), "published", months(6),
         gettext_noop("Request for substantive examination"), "EPC Rule 70(1); §7",
         uncertain=True,
         note=gettext_noop(
             "⚠ Counted from the publication date, taken as the search report's publication "
             "(an A1 publication); if the report was published later (A3), count from it.")),
    # --- section 7: PCT entry at 31 months besides the EPO, 30 at CN, US, JP, CA ---
    Rule("pct_national_phase_kr", ("patent",), ("WO",), "priority_or_filed", months(31),
         gettext_noop("PCT national phase entry in Korea"), "PCT Art 22/39; §7", acts_at="KR"),
    Rule("pct_national_phase_gb", ("patent",), ("WO",), "priority_or_filed", months(31),
         gettext_noop("PCT national phase entry in the UK"), "PCT Art 22/39; §7", acts_at="GB"),
    Rule("pct_national_phase_au", ("patent",), ("WO",), "priority_or_filed", months(31),
         gettext_noop("PCT national phase entry in Australia"), "PCT Art 22/39; §7",
         acts_at="AU"),
    Rule("pct_national_phase_in", ("patent",), ("WO",), "priority_or_filed", months(31),
         gettext_noop("PCT national phase entry in India"), "PCT Art 22/39; §7", acts_at="IN"),
    Rule("pct_national_phase_us", ("patent",), ("WO",), "priority_or_filed", months(30),
         gettext_noop("PCT national phase entry in the US"), "PCT Art 22/39; §7", acts_at="US"),
    Rule("pct_national_phase_jp", ("patent",), ("WO",), "priority_or_filed", months(30),
         gettext_noop("PCT national phase entry in Japan"), "PCT Art 22/39; §7", acts_at="JP"),
    Rule("pct_national_phase_ca", ("patent",), ("WO",), "priority_or_filed", months(30),
         gettext_noop("PCT national phase entry in Canada"), "PCT Art 22/39; §7",
         grace_after=months(12), acts_at="CA",
         note=gettext_noop("Late entry up to 12 more months with a fee.")),
    # --- section 7: patent renewals outside CN/US ---
    Rule("ep_renewal_fee", ("patent",), ("EP",), "filed", years(0),
         gettext_noop("EPO renewal fee (pending application)"),
         "EPC Art 86, Rule 51, Rule 131(4); §7",
         window_before=months(3), grace_after=months(6), repeat_every=years(1), count=20,
         skip_first=2, stop_at=("registered", Period()), month_end=True,
         note=gettext_noop(
             "Year n is due at the end of the month of the (n-1)th filing anniversary; the "
             "6-month grace costs a surcharge. After grant, renewals are national (or "
             "Unitary Patent).")),
    Rule("gb_renewal_fee", ("patent",), ("GB",), "filed", years(0),
         gettext_noop("UK patent renewal fee"), "UK Patents Rules r.37, Patents Act s.25; §7",
         window_before=months(3), grace_after=months(6), repeat_every=years(1), count=20,
         skip_first=4, skip_until="registered", month_end=True, uncertain=True,
         note=gettext_noop(
             "⚠ First at the 4th filing anniversary, then yearly; taken as due at the end of "
             "the anniversary month with a 6-month late period. A fee due before grant is "
             "paid after grant: not listed.")),
    Rule("jp_annuity", ("patent",), ("JP",), "registered", years(0),
         gettext_noop("JP patent annuity"), "JP Patent Act Art 108, 112; §7",
         grace_after=months(6), repeat_every=years(1), count=20, skip_first=3,
         stop_at=("filed", years(20)), uncertain=True,
         note=gettext_noop(
             "⚠ Years 1-3 are paid at grant; year n is taken as due on the (n-1)th "
             "anniversary of registration, with a 6-month late period at double fee.")),
    Rule("kr_annuity", ("patent",), ("KR",), "registered", years(0),
         gettext_noop("KR patent annuity"), "KR Patent Act Art 79, 81; §7",
         grace_after=months(6), repeat_every=years(1), count=20, skip_first=3,
         stop_at=("filed", years(20)), uncertain=True,
         note=gettext_noop(
             "⚠ Years 1-3 are paid at grant; year n is taken as due on the (n-1)th "
             "anniversary of registration, with a 6-month late period and surcharge.")),
    # --- section 7: designs outside CN ---
    Rule("end_of_term", ("design",), ("US",), "registered", years(15),
         gettext_noop("End of maximum term"), "35 USC 173; §7", rolls=False,
         note=gettext_noop("15 years from grant, with no renewals or maintenance fees.")),
    Rule("design_renewal", ("design",), ("EU", "GB"), "filed", years(5),
         gettext_noop("Design renewal"), "CDR Art 12-13; RDA 1949 s.8; §7",
         window_before=months(6), grace_after=months(6), repeat_every=years(5), count=4,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ 5-year terms up to 25 years from filing. The 6-month window and 6-month "
             "grace (with surcharge) are office practice not in the domain notes.")),
    Rule("end_of_term", ("design",), ("EU", "GB"), "filed", years(25),
         gettext_noop("End of maximum term"), "CDR Art 12; RDA 1949 s.8; §7", rolls=False),
    Rule("end_of_term", ("design",), ("JP",), "filed", years(25),
         gettext_noop("End of maximum term"), "JP Design Act Art 21; §7", rolls=False,
         note=gettext_noop("Kept alive by annuities.")),
    Rule("end_of_term", ("design",), ("KR",), "filed", years(20),
         gettext_noop("End of maximum term"), "KR Design Act Art 91; §7", rolls=False,
         note=gettext_noop("Kept alive by annuities.")),
    Rule("design_renewal", ("design",), ("WO",), "international_registration", years(5),
         gettext_noop("Hague international design renewal (WIPO)"), "Hague Art 17; §7",
         window_before=months(6), grace_after=months(6), repeat_every=years(5), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ 5-year terms; how many renewals depends on each designated party's maximum. "
             "The window is WIPO's reminder and the 6-month grace carries a surcharge.")),
    # --- utility models at JP and KR ---
    Rule("end_of_term", ("utility_model",), ("JP",), "filed", years(10),
         gettext_noop("End of maximum term"), "JP Utility Model Act Art 15", rolls=False,
         uncertain=True, note=gettext_noop("⚠ 10 years from filing; not in the domain notes.")),
    Rule("end_of_term", ("utility_model",), ("KR",), "filed", years(10),
         gettext_noop("End of maximum term"), "KR Utility Model Act Art 22", rolls=False,
         uncertain=True, note=gettext_noop("⚠ 10 years from filing; not in the domain notes.")),
    # --- section 7: acts at designated offices of a Madrid registration ---
    Rule("us_section71_declaration", TM, ("WO",), "international_registration", years(6),
         gettext_noop("US section 71 declaration of use"), "15 USC 1141k; §7",
         window_before=years(1), grace_after=months(6), designation="US", acts_at="US",
         uncertain=True,
         note=gettext_noop(
             "⚠ Due between the 5th and 6th anniversaries of the US registration; counted "
             "here from the IR date, which is earlier, so the real window may be later.")),
    Rule("ph_declaration_of_use", TM, ("WO",), "international_registration", years(3),
         gettext_noop("Philippine declaration of actual use"), "IPOPHL rules; §7",
         designation="PH", acts_at="PH",
         note=gettext_noop(
             "Within 3 years of the designation (the IR date for a designation in the "
             "application); missed, the mark is removed.")),
    # --- Engine v2: trademark offices of the export markets. ⚠ None of these is in the domain
    # notes (except the PH declaration of use, §7); each row names the statute it was read from
    # and is marked uncertain until checked against the office's own page.
    Rule("tm_renewal", TM, ("HK",), "filed", years(10), RENEWAL, "HK Cap 559 s.48-50",
         window_before=months(3), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("TW",), "registered", years(10), RENEWAL, "TW Trademark Act Art 33-34",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="day_before_anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ 10 years from the publication of registration, ending the day before the "
             "anniversary; grace renewals cost double. Verify with TIPO.")),
    Rule("tm_renewal", TM, ("SG",), "filed", years(10), RENEWAL, "SG Trade Marks Act s.18-19",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("MY",), "filed", years(10), RENEWAL, "MY Trademarks Act 2019 s.39-40",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("TH",), "filed", years(10), RENEWAL, "TH Trademark Act s.53-54",
         window_before=days(90), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ Renewal only within the 90 days before expiry; 6-month grace with surcharge. "
             "Verify with the DIP.")),
    Rule("tm_renewal", TM, ("VN",), "filed", years(10), RENEWAL, "VN IP Law Art 93(6)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("ID",), "filed", years(10), RENEWAL, "ID Law 20/2016 Art 35",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("PH",), "registered", years(10), RENEWAL, "PH IP Code s.145-146",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("ph_declaration_of_use", TM, ("PH",), "filed", years(3),
         gettext_noop("Philippine declaration of actual use"), "PH IP Code s.124.2; §7",
         note=gettext_noop("Within 3 years of filing; missed, the mark is removed.")),
    Rule("ph_declaration_of_use_5y", TM, ("PH",), "registered", years(6),
         gettext_noop("Philippine declaration of use (5th anniversary)"), "IPOPHL MC 2017-010",
         window_before=years(1), uncertain=True,
         note=gettext_noop(
             "⚠ Within one year from the 5th anniversary of registration; not in the domain "
             "notes.")),
    Rule("tm_renewal", TM, ("IN",), "filed", years(10), RENEWAL, "IN Trade Marks Act s.23, 25",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ Registration counts from the application date; restoration is possible up to "
             "1 year after expiry. Verify with the Registry.")),
    Rule("tm_renewal", TM, ("AU",), "filed", years(10), RENEWAL, "AU Trade Marks Act s.72, 77-79",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    Rule("tm_renewal", TM, ("CA",), "registered", years(10), RENEWAL, "CA Trademarks Act s.46",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ After expiry CIPO sends a notice and allows 6 months to renew; the window "
             "before expiry is taken as 6 months.")),
    Rule("tm_renewal", TM, ("MX",), "registered", years(10), RENEWAL, "MX LFPPI Art 178, 237",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ 10 years from grant (applications since 10 Aug 2018); renewal needs a "
             "declaration of use.")),
    Rule("mx_declaration_of_use", TM, ("MX",), "registered", months(39),
         gettext_noop("Mexican declaration of use (3rd anniversary)"), "MX LFPPI Art 233",
         window_before=months(3), uncertain=True,
         note=gettext_noop(
             "⚠ Within the 3 months after the 3rd anniversary of registration; missed, the "
             "registration lapses.")),
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
    uncertain_days: frozenset[date] = frozenset()

    def is_closed(self, day: date) -> bool:
        if day in self.closed:
            return True
        return day.weekday() >= 5 and day not in self.working_weekend_days

    def next_working_day(self, day: date) -> date:
        while self.is_closed(day):
            day += timedelta(days=1)
        return day

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

    def shown(day: date) -> date:
        return calendar.next_working_day(day) if rule.rolls else day

    def beyond(*rolled: date | None) -> bool:
        """A rolled date outside the years the office's calendar covers (weekends only there)."""
        return rule.rolls and any(d and not calendar.covers(d) for d in rolled)

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
            nominal = base = expiry
            offset = Period()
        else:
            offset = first + rule.repeat_every * (n - 1) if rule.repeat_every else first
            nominal = offset.after(anchor)
            base = anchor
        if rule.month_end:
            nominal = base = end_of_month(nominal)
            offset = Period()
        if stop and nominal >= stop:
            break
        if skip_until and nominal <= skip_until:
            continue
        if found and (nominal > until if until else count is None):
            break
        due = shown(nominal)
        grace_end = (offset + rule.grace_after).after(base) if rule.grace_after else None
        if grace_end and rule.month_end:
            grace_end = end_of_month(grace_end)
        grace_ends = shown(grace_end) if grace_end else None
        found.append(
            Deadline(
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
                beyond_calendar=bool(calendar.office) and beyond(due, grace_ends),
            )
        )
    return found


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
        if r.grace_after:
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

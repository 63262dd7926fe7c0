"""The table of deadline rules: one row per (rights, offices, kind), each with its source."""

from __future__ import annotations

from datetime import date

from ipguard.portfolio.rules.model import (
    ANY_OFFICE,
    DESIGN_OFFICES,
    EXPORT_OFFICES,
    PATENT_LIKE,
    PATENT_OFFICES,
    TRADEMARK_OFFICES,
    UTILITY_MODEL_OFFICES,
    Period,
    Rule,
    days,
    gettext_noop,
    months,
    years,
)

CN_DESIGN_15_YEAR_TERM_FROM = date(2021, 6, 1)  # amended Patent Law in force (S27-S29)


def cn_design_term_years(filed: date) -> int:
    """CN design term: 15 years if filed on or after 1 June 2021, otherwise 10 years."""
    return 15 if filed >= CN_DESIGN_15_YEAR_TERM_FROM else 10


CA_TEN_YEAR_TERM_FROM = date(2019, 6, 17)  # amended Trademarks Act s.46 in force


def ca_first_term_years(registered: date) -> int:
    """CA: 15-year first term if registered before 17 June 2019, 10 years from that day on."""
    return 10 if registered >= CA_TEN_YEAR_TERM_FROM else 15


TM = ("trademark",)
RENEWAL = gettext_noop("Trademark renewal")
UNVERIFIED_TM = gettext_noop(
    "⚠ Term, window and grace read from the statute named as source, not from the domain "
    "notes: verify with the office before relying on them."
)

CHECKED_TM = gettext_noop(
    "Term, window and grace as the statute or office page named as source states them."
)
SECONDARY_TM = gettext_noop(
    "◐ Term, window and grace from at least two agreeing secondary sources named with the "
    "statute; the statute's own text was not read."
)
CHECKED_TM_WINDOW_SECONDARY = gettext_noop(
    "Term and grace as the statute named as source states them; ◐ the window before expiry "
    "from two agreeing secondary sources."
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
    # Not a grace period: an opposer may extend the 30 days only by a request filed before they
    # end, at most to 180 days from publication (37 CFR 2.102(c), TBMP 202.01).
    Rule("opposition_window", TM, ("US",), "published", days(30),
         gettext_noop("Opposition period ends"), "S36", window_before=days(30),
         grace_after=days(150), late="extension",
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
         grace_after=months(1), uncertain=True, late="extension",
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
         gettext_noop("UK patent renewal fee"),
         # First renewal date the 4th filing anniversary, paid in the 3 months ending with the
         # last day of its month (rule 39A(2) of the 1995 Rules as amended in 2005, now r.37;
         # legislation.gov.uk uksi/2005/2496 art 6); unpaid, the patent ceases at the end of the
         # renewal date (r.36(2), uksi/2007/3291); additional fee for 6 months after the period
         # (Patents (Fees) Rules 2007 Sch 2 Part 2). ⚠ Kept uncertain: a patent granted within 3
         # months before the 4th anniversary or later has its first renewal date 3 months after
         # grant (r.39A(3)), which this row does not list.
         "UK Patents Rules 2007 r.36-37 (legislation.gov.uk uksi/2007/3291; r.39A of "
         "uksi/2005/2496); Patents (Fees) Rules 2007 Sch 2; §7",
         window_before=months(3), grace_after=months(6), repeat_every=years(1), count=20,
         skip_first=4, skip_until="registered", month_end=True, uncertain=True,
         note=gettext_noop(
             "⚠ First at the 4th filing anniversary, then yearly; taken as due at the end of "
             "the anniversary month with a 6-month late period. A fee due before grant is "
             "paid after grant: not listed.")),
    Rule("jp_annuity", ("patent",), ("JP",), "registered", years(0),
         gettext_noop("JP patent annuity"),
         # ⚠ Year 4 on due by the anniversary of registration (kipb-jp.com); late payment up to 6
         # months with a surcharge (allegropat.com): one source each, so still uncertain.
         "JP Patent Act Art 108, 112; §7; kipb-jp.com, allegropat.com",
         grace_after=months(6), repeat_every=years(1), count=20, skip_first=3,
         stop_at=("filed", years(20)), uncertain=True,
         note=gettext_noop(
             "⚠ Years 1-3 are paid at grant; year n is taken as due on the (n-1)th "
             "anniversary of registration, with a 6-month late period at double fee.")),
    Rule("kr_annuity", ("patent",), ("KR",), "registered", years(0),
         gettext_noop("KR patent annuity"),
         # ◐ Years 1-3 paid at registration; year 4 due on the 3rd anniversary of registration
         # (patentrenewal.com: registered 2017-11-14 -> 4th annuity 2020-11-14;
         # yourpatentteam.com); 6-month late period with a surcharge (yezhimaip.com).
         "KR Patent Act Art 79, 81 ◐ (patentrenewal.com; yourpatentteam.com; "
         "yezhimaip.com); §7",
         grace_after=months(6), repeat_every=years(1), count=20, skip_first=3,
         stop_at=("filed", years(20)),
         note=gettext_noop(
             "◐ Years 1-3 are paid at registration; year n is due on the (n-1)th anniversary "
             "of registration, with a 6-month late period and surcharge.")),
    # --- section 7: designs outside CN ---
    Rule("end_of_term", ("design",), ("US",), "registered", years(15),
         gettext_noop("End of maximum term"), "35 USC 173; §7", rolls=False,
         note=gettext_noop("15 years from grant, with no renewals or maintenance fees.")),
    Rule("design_renewal", ("design",), ("EU", "GB"), "filed", years(5),
         gettext_noop("Design renewal"),
         # GB: renew on the 5th anniversary, from 6 months before to 6 months after it, up to
         # 25 years (gov.uk/renew-registered-design). EU: since the 2025 reform the renewal
         # period ends on the expiry date itself and the 6-month grace runs from the day after
         # (dehns.com; harte-bavendamm.de); the old CDR Art 13(3) ran to the month end
         # (ipright.eu). ⚠ Kept uncertain: the reform's start date (1 May or 1 Oct 2025)
         # differs between the notes, and GB's registration-as-of-filing date is unsourced.
         "CDR Art 12-13 (ipright.eu); gov.uk/renew-registered-design; EU reform per "
         "dehns.com, harte-bavendamm.de; RDA 1949 s.8; §7",
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
         gettext_noop("End of maximum term"),
         "JP Utility Model Act Art 15 ◐ (matsunaga.com; plnmw.com)", rolls=False,
         note=gettext_noop("◐ 10 years from filing (two firms' notes agree).")),
    Rule("end_of_term", ("utility_model",), ("KR",), "filed", years(10),
         gettext_noop("End of maximum term"),
         "KR Utility Model Act Art 22 ◐ (wonpat.com; leespat.com; seosip.com)", rolls=False,
         note=gettext_noop(
             "◐ 10 years from filing for applications since 1 July 1999 (firms' notes "
             "agree).")),
    # --- section 7: acts at designated offices of a Madrid registration ---
    Rule("us_section71_declaration", TM, ("WO",), "international_registration", years(6),
         gettext_noop("US section 71 declaration of use"),
         # USPTO (uspto.gov/trademarks/laws/madrid-protocol/registered-extension-protection-
         # maintenance-requirements): between the 5th and 6th anniversaries of the certificate
         # of extension of protection (the US registration), 6-month grace. The filing holds
         # only the IR date, so the row stays uncertain and early.
         "15 USC 1141k; USPTO page 'Registered extension of protection maintenance "
         "requirements'; §7",
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
    # --- Engine v2: trademark offices of the export markets. None of these is in the domain
    # notes (except the PH declaration of use, §7); each row names the statute or page it was
    # checked against. Rows read from the statute or office page, or from at least two agreeing
    # secondary sources (◐, as the domain notes' JP and KR rows are), are not marked uncertain;
    # the others (HK, MY, VN, IN, MX) stay uncertain, each comment saying why.
    # HK: 10 years from the date of registration, renewal before expiry, then a late period of
    # "not less than 6 months, as may be prescribed" (Cap 559 s.49-50, en.wikisource.org). The
    # date of registration is the filing date (s.48 as evolution.hk reads it). ◐ The renewal
    # request can be filed within the 6 months before expiry (hktmd.com; hkbsida.com); the
    # earlier 3 months had no source. ⚠ Kept uncertain: anchor and window not from the rules.
    Rule("tm_renewal", TM, ("HK",), "filed", years(10), RENEWAL,
         "HK Cap 559 s.49-50 (en.wikisource.org, Trade Marks Ordinance p.36); s.48 per "
         "evolution.hk; window ◐ hktmd.com, hkbsida.com",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    # TW Trademark Act (law.moj.gov.tw, J0070001): Art 33, ten years from the date of
    # publication for registration; Art 34, renewal within 6 months before expiry, else at
    # double fee within 6 months from the day following expiry; the renewal takes effect from
    # the day following expiry (hence the term's last day is the day before the anniversary).
    Rule("tm_renewal", TM, ("TW",), "registered", years(10), RENEWAL,
         "TW Trademark Act Art 33-34 (law.moj.gov.tw, pcode J0070001)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="day_before_anniversary",
         note=gettext_noop(
             "10 years from the publication of registration, ending the day before the "
             "anniversary; grace renewals (6 months from the day after expiry) cost double.")),
    # SG: registered as of the application date, which is deemed the date of registration
    # (Trade Marks Bill 1998 cl.15(2), laws.sg/legislation/bill-1998-42/clause-15); renewal not
    # earlier than 6 months before and not later than 6 months after expiry, late fee after it
    # (Trade Marks Rules r.49(1), (3), laws.sg/legislation/sub-leg-1998-tma-r1/reg-49).
    Rule("tm_renewal", TM, ("SG",), "filed", years(10), RENEWAL,
         "SG Trade Marks Rules r.49 (laws.sg/legislation/sub-leg-1998-tma-r1/reg-49); "
         "Trade Marks Bill 1998 cl.15(2) (laws.sg/legislation/bill-1998-42/clause-15)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", note=CHECKED_TM),
    # MY: ⚠ s.39 (10 years from the date of registration) and s.36(1) (date of registration is
    # the filing date) as ipgennesis.com and zicolaw.com read them; kangxin.com gives 6 months
    # before and 6 after, but with an expiry the day BEFORE the anniversary (filed 2020-05-01,
    # in force to 2030-04-30): unresolved, so kept uncertain.
    Rule("tm_renewal", TM, ("MY",), "filed", years(10), RENEWAL,
         "MY Trademarks Act 2019 s.36(1), s.39-40 (per ipgennesis.com, zicolaw.com, kangxin.com)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    # TH: the DIP's own page: 10 years, renewal within 3 months before expiry or within 6 months
    # after it (Trademark Act s.53-54, Ministerial Regulation 37). The older text's 90 days is
    # replaced by 3 months. The term counts from the filing date (s.42, as read by tmp-ip.com).
    Rule("tm_renewal", TM, ("TH",), "filed", years(10), RENEWAL,
         "TH Trademark Act s.53-54; DIP (ipthailand.go.th/en/trademark-002, "
         "'The trademark registration renewal')",
         window_before=months(3), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop(
             "Renewal within the 3 months before expiry, or within 6 months after it (DIP).")),
    # VN: ◐ valid to the end of 10 years from the filing date (IP Law Art 93(6)); renewal within
    # 6 months before expiry, late up to 6 months after with 10% a month (Circular 01/2007
    # Art 20.4(b)): vietanlaw.com, greenip.asia, bigpro-ip.com, wizpro.com.vn agree. ⚠ Kept
    # uncertain: whether the term ends on or the day before the anniversary is not stated.
    Rule("tm_renewal", TM, ("VN",), "filed", years(10), RENEWAL,
         "VN IP Law Art 93(6); Circular 01/2007 Art 20.4(b) ◐ (vietanlaw.com; greenip.asia)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True, note=UNVERIFIED_TM),
    # ID: ◐ 10 years from the filing date, renewal from 6 months before expiry, 6-month grace
    # with a surcharge (Law 20/2016 Art 35): affa.co.id, investinasia.id, ulixirglobal.com.
    Rule("tm_renewal", TM, ("ID",), "filed", years(10), RENEWAL,
         "ID Law 20/2016 Art 35 ◐ (affa.co.id; investinasia.id; ulixirglobal.com)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", note=SECONDARY_TM),
    # PH: ◐ IP Code s.146 as psip.cc quotes it: renewal within 6 months before expiry, or
    # within 6 months after it with an additional fee; 10-year terms (s.145; aaaipright.com,
    # innotec.ru agree).
    Rule("tm_renewal", TM, ("PH",), "registered", years(10), RENEWAL,
         "PH IP Code s.145-146 ◐ (psip.cc; aaaipright.com; innotec.ru)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", note=SECONDARY_TM),
    Rule("ph_declaration_of_use", TM, ("PH",), "filed", years(3),
         gettext_noop("Philippine declaration of actual use"), "PH IP Code s.124.2; §7",
         note=gettext_noop("Within 3 years of filing; missed, the mark is removed.")),
    Rule("ph_declaration_of_use_5y", TM, ("PH",), "registered", years(6),
         gettext_noop("Philippine declaration of use (5th anniversary)"),
         "IPOPHL MC 2017-010 ◐ (mirandah.com; poncelaw.com.ph; bccslaw.com; lysaght.co.uk)",
         window_before=years(1),
         note=gettext_noop(
             "◐ Within one year from the 5th anniversary of registration (IPOPHL MC 17-010, "
             "as several firms' notes state it); no extension.")),
    Rule("tm_renewal", TM, ("IN",), "filed", years(10), RENEWAL,
         # ◐ Renewal within one year before expiry (Trade Marks Rules 2017 r.57-58: itaxfair.com,
         # abizchancellor.com), 6 months after with a surcharge (selvams.com). ⚠ Kept uncertain:
         # the application-date anchor (s.23) was not found in a source.
         "IN Trade Marks Act s.23, 25; TM Rules 2017 r.57-58 ◐ (itaxfair.com; selvams.com)",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ Registration counts from the application date; restoration is possible up to "
             "1 year after expiry. Verify with the Registry.")),
    # AU: expires 10 years after the filing date (Trade Marks Act 1995 s.72(3)); renewal within
    # 6 months after expiry (s.79), both austlii.edu.au. ◐ Request within the 12 months before
    # expiry (Trade Marks Regulations reg 7.3): read from mondaq.com (Changes To Grace Period
    # For Trade Mark Renewal) and halfords.com.au, not from the regulation itself.
    Rule("tm_renewal", TM, ("AU",), "filed", years(10), RENEWAL,
         "AU Trade Marks Act 1995 s.72(3), s.79 (austlii.edu.au tma1995121); reg 7.3 ◐",
         window_before=years(1), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", note=CHECKED_TM_WINDOW_SECONDARY),
    # CA: Trademarks Act s.46 as amended from 17 June 2019 (text quoted by carsonlaw.ca): an
    # initial period of 10 years from the day of registration, renewals of 10 years from the
    # expiry; the prescribed period runs from 6 months before to 6 months after expiry
    # (milleriplaw.com; worldtrademarkreview.com). Registrations before that day keep their
    # 15-year first term (gevers.eu). ◐ Statute text read through secondary sources.
    Rule("tm_renewal", TM, ("CA",), "registered",
         lambda registered: years(ca_first_term_years(registered)), RENEWAL,
         "CA Trademarks Act s.46 (as amended 17 June 2019, quoted by carsonlaw.ca) ◐",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary",
         note=gettext_noop(
             "◐ 10-year terms; a registration made before 17 June 2019 keeps a 15-year first "
             "term. Renewal from 6 months before to 6 months after expiry.")),
    Rule("tm_renewal", TM, ("MX",), "registered", years(10), RENEWAL,
         # ⚠ Sources disagree on the anchor: 10 years from grant (lawfirmelite, leiej.com.cn,
         # for the current law) or from filing (reyesfenigeng, olivares, older law); 6 months
         # before and after expiry (lawfirmelite). Kept uncertain.
         "MX LFPPI Art 178, 237; anchor disputed (leiej.com.cn vs reyesfenigeng)",
         window_before=months(6), grace_after=months(6), repeat_every=years(10), count=None,
         expiry="anniversary", uncertain=True,
         note=gettext_noop(
             "⚠ 10 years from grant (applications since 10 Aug 2018); renewal needs a "
             "declaration of use.")),
    Rule("mx_declaration_of_use", TM, ("MX",), "registered", months(39),
         gettext_noop("Mexican declaration of use (3rd anniversary)"),
         "MX LFPPI Art 233 ◐ (internationallawoffice.com; country-index.com; ibarra.testapps.mx)",
         window_before=months(3),
         note=gettext_noop(
             "◐ Within the 3 months after the 3rd anniversary of the grant, for registrations "
             "granted from 10 August 2018; missed, the registration lapses.")),
)
# fmt: on


# Kinds of deadline whose period after the due date is an extension on request, not a grace
# period (see LatePeriod in model.py): no right is lost when it passes.
EXTENSION_KINDS: frozenset[str] = frozenset(r.kind for r in RULES if r.late == "extension")


# Kinds of deadline that are milestones of the owner's own filing, not acts the owner must do in
# time: an opposition window is the period in which *others* may oppose the owner's published
# mark (ip-rules.md section 3). Nothing is due from the owner and no right of theirs is lost when
# it ends, so it is never flagged as lapsing and gets no overdue or last-day reminders.
LOSES_NO_RIGHT_KINDS: frozenset[str] = frozenset({"opposition_window"})


def extension_rule(kind: str, office: str) -> Rule | None:
    """The rule of a `kind` deadline at `office` if its late period is an extension on request."""
    if kind not in EXTENSION_KINDS:
        return None
    for rule in RULES:
        if rule.kind == kind and office in rule.offices and rule.late == "extension":
            return rule
    return None

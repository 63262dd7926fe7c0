"""Hand-checked cases for the deadlines added from ip-rules.md section 7 (engine v2).

Each case cites its source; weekdays were checked with date.strftime("%a"). Only weekends roll
here (no calendar passed), so the arithmetic shows plainly.
"""

from datetime import date

from ipguard.portfolio.rules import Deadline, FilingDates, compute_deadlines


def found(filing: FilingDates, **kwargs) -> dict[str, Deadline]:
    return {d.key: d for d in compute_deadlines(filing, **kwargs)}


def dates(d: Deadline) -> tuple[date | None, date, date | None]:
    return d.opens, d.due, d.grace_ends


def test_cn_examination_request_three_years_from_priority():
    # CN Patent Law Art 35, §7: priority 2024-08-31 + 3 y = Tue 2027-08-31.
    filing = FilingDates("patent", "CN", filed=date(2025, 8, 29), priority=date(2024, 8, 31))
    assert found(filing)["examination_request"].due == date(2027, 8, 31)


def test_jp_and_kr_examination_request_three_years_from_filing_not_priority():
    # JP Patent Act Art 48-3, KR Patent Act Art 59, §7: filed 2023-02-28 + 3 y = 2026-02-28,
    # a Saturday -> Mon 2026-03-02. The priority date (2022-03-01) does not count.
    for office in ("JP", "KR"):
        filing = FilingDates("patent", office, filed=date(2023, 2, 28), priority=date(2022, 3, 1))
        assert found(filing)["examination_request"].due == date(2026, 3, 2), office


def test_epo_examination_request_six_months_from_search_report_publication():
    # EPC Rule 70(1), §7: published (with the search report) 2025-08-31 + 6 m = 2026-02-28
    # (Sat) -> Mon 2026-03-02. ⚠ The publication date stands in for the report's.
    filing = FilingDates("patent", "EP", filed=date(2024, 2, 20), published=date(2025, 8, 31))
    request = found(filing)["examination_request"]
    assert request.due == date(2026, 3, 2) and request.uncertain


def test_pct_national_phase_per_office():
    # PCT Art 22/39 and §7: 31 months at KR, GB, AU, IN (and the EPO); 30 at US, JP, CA (+12
    # late) and CN (+2 late). Priority 2024-08-31: 31 m = Wed 2027-03-31; 30 m = 2027-02-28
    # (Sun) -> Mon 2027-03-01; CA late entry 42 m = Tue 2028-02-29 (leap day).
    filing = FilingDates("patent", "WO", filed=date(2025, 8, 29), priority=date(2024, 8, 31))
    deadlines = found(filing)
    for office in ("kr", "gb", "au", "in", "ep"):
        entry = deadlines[f"pct_national_phase_{office}"]
        assert (entry.due, entry.office) == (date(2027, 3, 31), office.upper())
    for office in ("us", "jp", "ca", "cn"):
        assert deadlines[f"pct_national_phase_{office}"].due == date(2027, 3, 1)
    assert deadlines["pct_national_phase_ca"].grace_ends == date(2028, 2, 29)


def test_ep_renewal_fees_from_year_3_at_month_end_until_grant():
    # EPC Art 86, Rule 51: filed 2021-05-12. Year 3 falls due at the end of the month of the
    # 2nd anniversary: Wed 2023-05-31; payable from 3 months before (2023-02-28); grace to the
    # end of the 6th month after (Rule 131(4)): Thu 2023-11-30. Year 4: 2024-05-31 (Fri), grace
    # 2024-11-30 (Sat) -> Mon 2024-12-02. Granted 2025-03-01: year 5 (2025-05-31) is national.
    filing = FilingDates("patent", "EP", filed=date(2021, 5, 12), registered=date(2025, 3, 1))
    deadlines = found(filing)
    assert dates(deadlines["ep_renewal_fee:3"]) == (
        date(2023, 2, 28),
        date(2023, 5, 31),
        date(2023, 11, 30),
    )
    assert deadlines["ep_renewal_fee:4"].grace_ends == date(2024, 12, 2)
    assert "ep_renewal_fee:5" not in deadlines and "ep_renewal_fee:2" not in deadlines
    pending = found(FilingDates("patent", "EP", filed=date(2021, 5, 12)))
    assert "ep_renewal_fee:20" in pending  # until grant, every year to the end of the term


def test_gb_patent_renewal_first_at_year_4_then_yearly():
    # UK Patents Rules r.37, §7: filed 2018-01-15, granted 2021-06-01. First renewal at the 4th
    # anniversary (2022-01-15), taken as due at the end of that month: Mon 2022-01-31; late
    # period 6 months to 2022-07-31 (Sun) -> Mon 2022-08-01 (⚠ month-end reading).
    filing = FilingDates("patent", "GB", filed=date(2018, 1, 15), registered=date(2021, 6, 1))
    deadlines = found(filing, until=date(2024, 1, 1))
    assert dates(deadlines["gb_renewal_fee:5"]) == (
        date(2021, 10, 31),
        date(2022, 1, 31),
        date(2022, 8, 1),
    )
    assert deadlines["gb_renewal_fee:5"].uncertain
    assert [k for k in deadlines if k.startswith("gb_renewal_fee")] == [
        "gb_renewal_fee:5",
        "gb_renewal_fee:6",
    ]


def test_jp_annuities_after_grant_until_the_end_of_term():
    # JP Patent Act Art 108, 112, §7: registered 2022-06-20; years 1-3 paid at grant; year 4
    # due on the 3rd anniversary, Fri 2025-06-20, late period to 2025-12-20 (Sat) -> Mon 22.
    # The term ends 2039-04-10 (filed + 20 y): the last annuity listed is year 17 (2038-06-20).
    filing = FilingDates("patent", "JP", filed=date(2019, 4, 10), registered=date(2022, 6, 20))
    deadlines = found(filing)
    annuities = [k for k in deadlines if k.startswith("jp_annuity")]
    assert annuities[0] == "jp_annuity:4" and annuities[-1] == "jp_annuity:17"
    assert dates(deadlines["jp_annuity:4"]) == (None, date(2025, 6, 20), date(2025, 12, 22))


def test_kr_annuities_start_after_grant():
    # KR Patent Act Art 79, 81, §7: registered 2021-03-02; year 4 due Mon 2024-03-04 (2 Mar is
    # a Saturday). Nothing before grant.
    filing = FilingDates("patent", "KR", filed=date(2018, 9, 1), registered=date(2021, 3, 2))
    assert found(filing)["kr_annuity:4"].due == date(2024, 3, 4)
    assert not [
        k for k in found(FilingDates("patent", "KR", filed=date(2018, 9, 1))) if "annuity" in k
    ]


def test_us_design_ends_fifteen_years_after_grant_without_renewals():
    # 35 USC 173, §7: granted 2020-03-03 -> 2035-03-03, not rolled.
    filing = FilingDates("design", "US", filed=date(2018, 5, 1), registered=date(2020, 3, 3))
    deadlines = found(filing)
    assert deadlines["end_of_term"].due == date(2035, 3, 3)
    assert not [k for k in deadlines if "renewal" in k]


def test_eu_design_filed_on_29_february_renews_every_five_years_to_25():
    # CDR Art 12-13, §7: filed 2020-02-29; terms end 2025-02-28 (Fri, clamped), 2030-02-28,
    # 2035-02-28 and 2040-02-28; window 6 m before, grace 6 m after each expiry (⚠ practice).
    # Protection ends 2045-02-28 (25 y): no fifth renewal.
    filing = FilingDates("design", "EU", filed=date(2020, 2, 29), registered=date(2020, 5, 1))
    deadlines = found(filing)
    assert dates(deadlines["design_renewal:1"]) == (
        date(2024, 8, 28),
        date(2025, 2, 28),
        date(2025, 8, 28),
    )
    assert deadlines["design_renewal:4"].due == date(2040, 2, 28)
    assert "design_renewal:5" not in deadlines
    assert deadlines["end_of_term"].due == date(2045, 2, 28)


def test_gb_jp_kr_design_terms():
    # RDA 1949 s.8 (GB 25 y), JP Design Act Art 21 (25 y), KR Design Act Art 91 (20 y), all
    # from filing 2021-07-07.
    expected = {"GB": date(2046, 7, 7), "JP": date(2046, 7, 7), "KR": date(2041, 7, 7)}
    for office, end in expected.items():
        filing = FilingDates("design", office, filed=date(2021, 7, 7))
        assert found(filing)["end_of_term"].due == end, office


def test_hague_design_renews_every_five_years_at_wipo():
    # Hague Art 17, §7: IR 2022-07-15 -> first term ends Thu 2027-07-15; reminder window from
    # 2027-01-15; grace 2028-01-15 (Sat) -> Mon 2028-01-17.
    filing = FilingDates(
        "design", "WO", filed=date(2022, 7, 1), international_registration=date(2022, 7, 15)
    )
    renewal = found(filing)["design_renewal:1"]
    assert dates(renewal) == (date(2027, 1, 15), date(2027, 7, 15), date(2028, 1, 17))
    assert renewal.office == "WO" and renewal.expiry == "anniversary"


def test_jp_and_kr_utility_models_last_ten_years_from_filing():
    # JP Utility Model Act Art 15 (◐ matsunaga.com, plnmw.com), KR Utility Model Act Art 22
    # (◐ wonpat.com, leespat.com, seosip.com): 10 years from filing, no longer uncertain.
    for office in ("JP", "KR"):
        filing = FilingDates("utility_model", office, filed=date(2020, 4, 1))
        term = found(filing)["end_of_term"]
        assert term.due == date(2030, 4, 1) and not term.uncertain and "◐" in term.source


def test_madrid_designations_of_us_and_ph_add_their_own_acts():
    # 15 USC 1141k (§71) and IPOPHL rules, §7. IR 2020-05-04 designating US and PH:
    # PH declaration of actual use within 3 years: Thu 2023-05-04, at IPOPHL.
    # §71 between the 5th and 6th anniversaries: 2025-05-04 .. Mon 2026-05-04, grace Wed
    # 2026-11-04 (⚠ counted from the IR date; the US registration is later).
    filing = FilingDates(
        "trademark",
        "WO",
        filed=date(2020, 5, 1),
        international_registration=date(2020, 5, 4),
        designated=("PH", "US"),
    )
    deadlines = found(filing)
    assert (deadlines["ph_declaration_of_use"].due, deadlines["ph_declaration_of_use"].office) == (
        date(2023, 5, 4),
        "PH",
    )
    section71 = deadlines["us_section71_declaration"]
    assert dates(section71) == (date(2025, 5, 4), date(2026, 5, 4), date(2026, 11, 4))
    assert section71.office == "US" and section71.uncertain
    undesignated = found(
        FilingDates("trademark", "WO", international_registration=date(2020, 5, 4))
    )
    assert "us_section71_declaration" not in undesignated
    assert "ph_declaration_of_use" not in undesignated

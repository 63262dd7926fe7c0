"""Hand-checked deadlines from the IP-rules research notes (ip-rules.md S-numbers, each citing its
statute or office page); each case shows its arithmetic.

Weekdays were checked with Python's date.strftime("%a").
"""

from datetime import date, datetime

import pytest

from ipguard.lib.dates import add_months
from ipguard.portfolio.rules import (
    OFFICES,
    RIGHTS,
    RULES,
    SUPPORTED,
    Deadline,
    FilingDates,
    RuleError,
    compute_deadlines,
    describe_rules,
    is_supported,
    next_working_day,
)


def by_key(deadlines: list[Deadline]) -> dict[str, Deadline]:
    return {d.key: d for d in deadlines}


def dates(d: Deadline) -> tuple[date | None, date, date | None]:
    return d.opens, d.due, d.grace_ends


# --- Month arithmetic -------------------------------------------------------------------------


def test_add_months_clamps_to_month_end_and_leap_day():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)  # 2024 is a leap year
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)


def test_next_working_day_skips_weekends_and_closing_days():
    assert next_working_day(date(2026, 3, 14)) == date(2026, 3, 16)  # Sat -> Mon
    assert next_working_day(date(2026, 3, 13)) == date(2026, 3, 13)  # Fri stays
    closed = frozenset({date(2026, 3, 16), date(2026, 3, 17)})
    assert next_working_day(date(2026, 3, 14), closed) == date(2026, 3, 18)


# --- Trademarks -------------------------------------------------------------------------------


def test_cn_trademark_term_ends_the_day_before_the_anniversary():
    # ip-rules.md section 1 (S1, S2) and section 7; CN Trademark Law Art 39-40: a certificate
    # for a mark registered 2018-06-14 reads "to 2028-06-13". Renewal due on that expiry
    # (a Tuesday); window opens 12 months before the expiry: 2027-06-13; grace ends 6 months
    # after the expiry: 2028-12-13 (Wed).
    filing = FilingDates("trademark", "CN", filed=date(2016, 5, 6), registered=date(2018, 6, 14))
    renewal = by_key(compute_deadlines(filing))["tm_renewal:1"]
    assert dates(renewal) == (date(2027, 6, 13), date(2028, 6, 13), date(2028, 12, 13))
    assert renewal.nominal_due == date(2028, 6, 13)
    assert renewal.expiry == "day_before_anniversary" and not renewal.uncertain
    assert renewal.source.startswith("S1, S2") and renewal.office == "CN"


def test_cn_later_terms_run_ten_years_from_the_day_after_the_previous_expiry():
    # Second term starts 2028-06-14 and ends 2038-06-13 (a Sunday: the due date rolls to
    # Monday 2038-06-14, the expiry itself stays 2038-06-13). Third: 2048-06-13.
    filing = FilingDates("trademark", "CN", registered=date(2018, 6, 14))
    found = by_key(compute_deadlines(filing, until=date(2050, 1, 1)))
    assert found["tm_renewal:2"].nominal_due == date(2038, 6, 13)
    assert found["tm_renewal:2"].due == date(2038, 6, 14)
    assert found["tm_renewal:3"].nominal_due == date(2048, 6, 13)


def test_cn_grace_counted_from_expiry_rolls_past_a_sunday():
    # Registered 2016-03-14: expiry 2026-03-13 (Fri); opens 2025-03-13; grace 2026-09-13 is a
    # Sunday -> Monday 2026-09-14. Renewal 2 expires 2036-03-13 (Thu), not 2026-03-16 + 10 y.
    filing = FilingDates("trademark", "CN", filed=date(2014, 5, 6), registered=date(2016, 3, 14))
    found = by_key(compute_deadlines(filing, until=date(2040, 1, 1)))
    assert dates(found["tm_renewal:1"]) == (date(2025, 3, 13), date(2026, 3, 13), date(2026, 9, 14))
    assert found["tm_renewal:2"].due == date(2036, 3, 13)
    assert "tm_renewal:3" not in found  # 2046 is past `until`


def test_eutm_filed_on_29_february_expires_on_the_clamped_month_end():
    # ip-rules.md section 7; EUTMR Art 52-53, EUTMIR Art 69: EUTM filed 2016-02-29 expires
    # 2026-02-28 and its 6-month grace ends 2026-08-28 (counted from that clamped expiry, not
    # from the filing date, which would give 2026-08-29). The expiry is a Saturday, so the last
    # day to renew without surcharge rolls to Monday 2026-03-02. Window: 2025-08-28 (Thu).
    filing = FilingDates("trademark", "EU", filed=date(2016, 2, 29), registered=date(2016, 7, 1))
    renewal = by_key(compute_deadlines(filing))["tm_renewal:1"]
    assert renewal.nominal_due == date(2026, 2, 28) and renewal.expiry == "anniversary"
    assert dates(renewal) == (date(2025, 8, 28), date(2026, 3, 2), date(2026, 8, 28))


def test_jp_term_ends_on_the_anniversary_because_the_first_day_is_not_counted():
    # JP Trademark Act Art 19(1), Patent Act Art 3(1)(i) (first day not counted), S8, S9:
    # registered 2018-06-14 -> expires 2028-06-14 (Wed), unlike CN's 2028-06-13.
    filing = FilingDates("trademark", "JP", registered=date(2018, 6, 14))
    renewal = by_key(compute_deadlines(filing))["tm_renewal:1"]
    assert dates(renewal) == (date(2027, 12, 14), date(2028, 6, 14), date(2028, 12, 14))


def test_us_section8_then_section8_9_every_ten_years():
    # Registered 2020-01-15.
    # §8: between 5th and 6th anniversaries, 2025-01-15 .. 2026-01-15 (Thu), grace to 2026-07-15.
    # §§8+9 #1: 2029-01-15 .. 2030-01-15 (Tue), grace to 2030-07-15 (Mon).
    # §§8+9 #2: 2040-01-15 is a Sunday -> 2040-01-16; grace 2040-07-15 (Sun) -> 2040-07-16.
    filing = FilingDates("trademark", "US", filed=date(2018, 6, 1), registered=date(2020, 1, 15))
    found = by_key(compute_deadlines(filing, until=date(2045, 1, 1)))
    assert dates(found["us_section8_declaration"]) == (
        date(2025, 1, 15),
        date(2026, 1, 15),
        date(2026, 7, 15),
    )
    assert dates(found["us_section8_9_renewal:1"]) == (
        date(2029, 1, 15),
        date(2030, 1, 15),
        date(2030, 7, 15),
    )
    assert dates(found["us_section8_9_renewal:2"]) == (
        date(2039, 1, 15),
        date(2040, 1, 16),
        date(2040, 7, 16),
    )
    assert "us_section8_9_renewal:3" not in found


def test_eu_renewal_counts_from_filing_and_clamps_month_end():
    # Filed 2016-08-31: due 2026-08-31 (Mon); window opens 6 months before: 2026-02-28.
    # Grace: filing + 126 months = 2027-02-28, a Sunday -> 2027-03-01.
    filing = FilingDates("trademark", "EU", filed=date(2016, 8, 31), registered=date(2017, 1, 9))
    renewal = by_key(compute_deadlines(filing))["tm_renewal:1"]
    assert dates(renewal) == (date(2026, 2, 28), date(2026, 8, 31), date(2027, 3, 1))


@pytest.mark.parametrize(
    ("office", "opens", "due", "grace"),
    [
        # Anchor 2016-12-01 (filing for GB, registration for JP/KR); 2026-12-01 is a Tuesday.
        ("GB", date(2026, 6, 1), date(2026, 12, 1), date(2027, 6, 1)),  # 6 m window
        ("JP", date(2026, 6, 1), date(2026, 12, 1), date(2027, 6, 1)),  # 6 m window
        ("KR", date(2025, 12, 1), date(2026, 12, 1), date(2027, 6, 1)),  # 1 y window
    ],
)
def test_gb_jp_kr_renewals(office: str, opens: date, due: date, grace: date):
    filing = FilingDates("trademark", office, filed=date(2016, 12, 1), registered=date(2016, 12, 1))
    assert dates(by_key(compute_deadlines(filing))["tm_renewal:1"]) == (opens, due, grace)


def test_gb_renewal_uses_filing_date_but_jp_uses_registration_date():
    gb = FilingDates("trademark", "GB", filed=date(2016, 12, 1), registered=date(2017, 4, 1))
    jp = FilingDates("trademark", "JP", filed=date(2016, 12, 1), registered=date(2017, 4, 1))
    assert by_key(compute_deadlines(gb))["tm_renewal:1"].nominal_due == date(2026, 12, 1)
    assert by_key(compute_deadlines(jp))["tm_renewal:1"].nominal_due == date(2027, 4, 1)


def test_madrid_renewal_and_dependency_end():
    # IR date 2019-08-31. Dependency ends 2024-08-31, a Saturday, and is NOT rolled (milestone).
    # Renewal: 2029-08-31 (Fri); opens 6 months before = 2029-02-28 (⚠ Rule 30); grace 2030-02-28.
    filing = FilingDates(
        "trademark", "WO", filed=date(2019, 8, 31), international_registration=date(2019, 8, 31)
    )
    found = by_key(compute_deadlines(filing))
    assert found["madrid_dependency_end"].due == date(2024, 8, 31)
    assert found["madrid_dependency_end"].opens is None
    renewal = found["madrid_renewal:1"]
    assert dates(renewal) == (date(2029, 2, 28), date(2029, 8, 31), date(2030, 2, 28))
    assert renewal.uncertain and "Rule 30" in renewal.note


def test_opposition_windows_open_on_publication():
    # Published 2025-06-03 (Tue).
    # CN: +3 months = 2025-09-03 (Wed). EU: the same. GB: +2 months = 2025-08-03 (Sun) -> 08-04,
    # TM7A extension to +3 months = 2025-09-03. US: +30 days = 2025-07-03 (Thu); cap +180 days
    # = 2025-11-30 (Sun) -> 2025-12-01.
    expected = {
        "CN": (date(2025, 9, 3), None),
        "EU": (date(2025, 9, 3), None),
        "GB": (date(2025, 8, 4), date(2025, 9, 3)),
        "US": (date(2025, 7, 3), date(2025, 12, 1)),
    }
    for office, (due, grace) in expected.items():
        filing = FilingDates(
            "trademark", office, filed=date(2025, 1, 2), published=date(2025, 6, 3)
        )
        window = by_key(compute_deadlines(filing))["opposition_window"]
        assert (window.opens, window.due, window.grace_ends) == (date(2025, 6, 3), due, grace)


def test_gb_opposition_matches_ukipo_worked_example():
    # S39 (newer copy): advertised 11 April 2013 -> latest date 11 June 2013; TM7A -> 11 July.
    filing = FilingDates("trademark", "GB", filed=date(2013, 1, 7), published=date(2013, 4, 11))
    window = by_key(compute_deadlines(filing))["opposition_window"]
    assert (window.due, window.grace_ends) == (date(2013, 6, 11), date(2013, 7, 11))


def test_trademark_without_registration_gets_no_renewal_but_gets_opposition():
    filing = FilingDates("trademark", "CN", filed=date(2025, 1, 2), published=date(2025, 6, 3))
    assert sorted(d.key for d in compute_deadlines(filing)) == [
        "opposition_window",
        "paris_priority",
    ]


def test_no_dates_means_no_deadlines():
    assert compute_deadlines(FilingDates("patent", "CN")) == []


# --- Paris priority and PCT ---------------------------------------------------------------------


def test_paris_priority_months_by_right_and_from_priority_if_claimed():
    # Filed 2025-03-03: patent +12 m = 2026-03-03 (Tue); design and trademark +6 m = 2025-09-03.
    assert by_key(compute_deadlines(FilingDates("patent", "US", filed=date(2025, 3, 3))))[
        "paris_priority"
    ].due == date(2026, 3, 3)
    for right in ("design", "trademark"):
        found = by_key(compute_deadlines(FilingDates(right, "GB", filed=date(2025, 3, 3))))
        assert found["paris_priority"].due == date(2025, 9, 3)
    # A claimed priority 2025-02-28 counts instead: +6 m = 2025-08-28 (Thu).
    claimed = FilingDates("trademark", "GB", filed=date(2025, 3, 3), priority=date(2025, 2, 28))
    paris = by_key(compute_deadlines(claimed))["paris_priority"]
    assert paris.due == date(2025, 8, 28) and paris.office is None


def test_pct_national_phase_from_priority():
    # Priority 2024-08-31, PCT filed 2025-08-29.
    # 30 months = 2027-02-28, a Sunday -> Monday 2027-03-01 (general and CN).
    # EPO 31 months = 2027-03-31 (Wed). CN late entry 32 months = 2027-04-30 (Fri).
    # Paris 12 months from priority = 2025-08-31 (Sun) -> 2025-09-01.
    filing = FilingDates("patent", "WO", filed=date(2025, 8, 29), priority=date(2024, 8, 31))
    found = by_key(compute_deadlines(filing))
    assert found["pct_national_phase"].due == date(2027, 3, 1)
    assert found["pct_national_phase"].nominal_due == date(2027, 2, 28)
    assert found["pct_national_phase_ep"].due == date(2027, 3, 31)
    assert found["pct_national_phase_ep"].office == "EP"
    cn = found["pct_national_phase_cn"]
    assert (cn.due, cn.grace_ends, cn.office) == (date(2027, 3, 1), date(2027, 4, 30), "CN")
    assert found["paris_priority"].due == date(2025, 9, 1)
    assert "end_of_term" not in found  # a PCT application is not a patent


def test_pct_without_priority_counts_from_filing_and_utility_models_skip_the_epo():
    # Filed 2024-11-15: 30 months = 2027-05-15 (Sat) -> 2027-05-17.
    filing = FilingDates("utility_model", "WO", filed=date(2024, 11, 15))
    found = by_key(compute_deadlines(filing))
    assert found["pct_national_phase"].due == date(2027, 5, 17)
    assert "pct_national_phase_ep" not in found  # the EPO grants no utility models


# --- Closing days -------------------------------------------------------------------------------


def test_closing_days_roll_due_and_grace():
    # CN mark registered 2016-10-02: expiry 2026-10-01 (Thu) falls in the National Day holiday
    # 1-8 Oct -> first working day Friday 2026-10-09. Grace 2027-04-01 (Thu) is unaffected.
    holiday = [date(2026, 10, day) for day in range(1, 9)]
    filing = FilingDates("trademark", "CN", registered=date(2016, 10, 2))
    renewal = by_key(compute_deadlines(filing, closing_days=holiday))["tm_renewal:1"]
    assert (renewal.due, renewal.grace_ends) == (date(2026, 10, 9), date(2027, 4, 1))
    assert by_key(compute_deadlines(filing))["tm_renewal:1"].due == date(2026, 10, 1)


def test_closing_days_apply_to_the_office_where_the_act_is_done():
    # EPO entry 2027-03-31: WIPO's closing days do not move it; the EPO's do (-> Thu 2027-04-01).
    filing = FilingDates("patent", "WO", filed=date(2025, 8, 29), priority=date(2024, 8, 31))
    epo_closed = [date(2027, 3, 31)]
    plain = by_key(compute_deadlines(filing, closing_days=epo_closed))
    assert plain["pct_national_phase_ep"].due == date(2027, 3, 31)
    per_office = by_key(compute_deadlines(filing, closing_days={"EP": epo_closed}))
    assert per_office["pct_national_phase_ep"].due == date(2027, 4, 1)


# --- Patents and designs ------------------------------------------------------------------------


def test_cn_design_term_depends_on_filing_date_and_is_not_rolled():
    # Filed 2021-05-31 -> 10 y: 2031-05-31 (Sat, stays). Filed 2021-06-01 -> 15 y: 2036-06-01 (Sun).
    old = FilingDates("design", "CN", filed=date(2021, 5, 31), registered=date(2021, 9, 1))
    new = FilingDates("design", "CN", filed=date(2021, 6, 1), registered=date(2021, 9, 1))
    old_found, new_found = by_key(compute_deadlines(old)), by_key(compute_deadlines(new))
    assert old_found["end_of_term"].due == date(2031, 5, 31)
    assert new_found["end_of_term"].due == date(2036, 6, 1)
    # Annuities run through the term: last year 10 vs 15.
    assert max(d.sequence or 0 for d in old_found.values() if d.kind == "cn_annuity") == 10
    assert max(d.sequence or 0 for d in new_found.values() if d.kind == "cn_annuity") == 15


def test_cn_invention_annuities_start_after_grant():
    # Filed 2015-05-10, granted 2018-07-02 (in year 4, which began 2018-05-10 and was paid at
    # grant). Year 5 is due 2019-05-10 (Fri); its late period ends 2019-11-10 (Sun) -> 11-11.
    # Year 20 is due 2034-05-10; the term ends 2035-05-10.
    filing = FilingDates("patent", "CN", filed=date(2015, 5, 10), registered=date(2018, 7, 2))
    found = compute_deadlines(filing)
    annuities = [d for d in found if d.kind == "cn_annuity"]
    assert [d.sequence for d in annuities] == list(range(5, 21))
    assert (annuities[0].key, annuities[0].due, annuities[0].grace_ends) == (
        "cn_annuity:5",
        date(2019, 5, 10),
        date(2019, 11, 11),
    )
    assert annuities[-1].due == date(2034, 5, 10)
    assert by_key(found)["end_of_term"].due == date(2035, 5, 10)


def test_cn_annuities_wait_for_grant_and_respect_until():
    pending = FilingDates("patent", "CN", filed=date(2015, 5, 10))
    assert not [d for d in compute_deadlines(pending) if d.kind == "cn_annuity"]
    granted = FilingDates("patent", "CN", filed=date(2015, 5, 10), registered=date(2018, 7, 2))
    short = compute_deadlines(granted, until=date(2021, 1, 1))
    assert [d.key for d in short if d.kind == "cn_annuity"] == ["cn_annuity:5", "cn_annuity:6"]


def test_grant_on_an_anniversary_pays_that_year_at_grant():
    # Filed 2020-05-10, granted 2023-05-10, the day year 4 begins: year 4 is paid with the grant
    # formalities, so the first listed annuity is year 5, due 2024-05-10 (Fri).
    filing = FilingDates("patent", "CN", filed=date(2020, 5, 10), registered=date(2023, 5, 10))
    first = next(d for d in compute_deadlines(filing) if d.kind == "cn_annuity")
    assert (first.key, first.due) == ("cn_annuity:5", date(2024, 5, 10))


def test_end_of_term_is_a_milestone_and_never_rolls():
    # CN invention filed 2016-04-05: 20 y = 2036-04-05, a Saturday, shown as is.
    filing = FilingDates("patent", "CN", filed=date(2016, 4, 5))
    assert by_key(compute_deadlines(filing))["end_of_term"].due == date(2036, 4, 5)


def test_cn_utility_model_term_is_ten_years():
    filing = FilingDates(
        "utility_model", "CN", filed=date(2020, 4, 1), registered=date(2020, 12, 1)
    )
    found = by_key(compute_deadlines(filing))
    assert found["end_of_term"].due == date(2030, 4, 1)
    assert max(d.sequence or 0 for d in found.values() if d.kind == "cn_annuity") == 10


def test_us_maintenance_fees_handle_leap_days():
    # Granted 2020-08-31. Fee 1: window opens 3 y = 2023-08-31, due 3.5 y = 2024-02-29 (leap),
    # grace 4 y = 2024-08-31 (Sat) -> 2024-09-02. Fees 2 and 3 due 2028-02-29 (Tue) and
    # 2032-02-29 (Sun) -> 2032-03-01.
    filing = FilingDates("patent", "US", filed=date(2018, 3, 5), registered=date(2020, 8, 31))
    found = by_key(compute_deadlines(filing))
    assert dates(found["us_maintenance_fee:1"]) == (
        date(2023, 8, 31),
        date(2024, 2, 29),
        date(2024, 9, 2),
    )
    assert found["us_maintenance_fee:2"].due == date(2028, 2, 29)
    assert found["us_maintenance_fee:3"].due == date(2032, 3, 1)
    assert "us_maintenance_fee:4" not in found
    assert found["end_of_term"].due == date(2038, 3, 5)  # 20 y from filing


def test_patents_at_ep_gb_jp_kr_end_twenty_years_after_filing():
    for office in ("EP", "GB", "JP", "KR"):
        found = by_key(compute_deadlines(FilingDates("patent", office, filed=date(2021, 2, 26))))
        assert found["end_of_term"].due == date(2041, 2, 26) and found["end_of_term"].uncertain


# --- Open-ended series and keys -----------------------------------------------------------------


def test_until_bounds_open_ended_renewals_but_always_lists_the_first():
    # EU mark filed 1996-04-01: renewals due 2006, 2016, 2026, 2036 ...
    filing = FilingDates("trademark", "EU", filed=date(1996, 4, 1), registered=date(1997, 5, 1))

    def renewals(**kwargs: date) -> list[str]:
        return [d.key for d in compute_deadlines(filing, **kwargs) if d.kind == "tm_renewal"]

    assert renewals() == ["tm_renewal:1"]
    assert renewals(until=date(2030, 1, 1)) == ["tm_renewal:1", "tm_renewal:2", "tm_renewal:3"]
    assert renewals(until=date(2000, 1, 1)) == ["tm_renewal:1"]


def test_keys_are_kind_or_kind_and_sequence_and_unique():
    filing = FilingDates("patent", "CN", filed=date(2015, 5, 10), registered=date(2018, 7, 2))
    keys = [d.key for d in compute_deadlines(filing)]
    assert len(keys) == len(set(keys))
    assert "end_of_term" in keys and "paris_priority" in keys and "cn_annuity:20" in keys


def test_deadlines_are_sorted_by_due_date():
    filing = FilingDates("trademark", "US", filed=date(2018, 6, 1), registered=date(2020, 1, 15))
    found = compute_deadlines(filing, until=date(2060, 1, 1))
    assert [d.due for d in found] == sorted(d.due for d in found)


# --- Errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filing", "message"),
    [
        (FilingDates("trademark", "XX", filed=date(2020, 1, 1)), "Unknown office 'XX'"),
        (FilingDates("trademark", "cn", filed=date(2020, 1, 1)), "Unknown office 'cn'"),
        (FilingDates("copyright", "CN"), "Unknown right 'copyright'"),
        (FilingDates("trademark", "EP"), "No rules for a trademark at EP"),
        (FilingDates("patent", "EU"), "No rules for a patent at EU"),
        (FilingDates("utility_model", "US"), "No rules for a utility_model at US"),
        (FilingDates("utility_model", "EP"), "No rules for a utility_model at EP"),
        (
            FilingDates("trademark", "CN", filed=date(2020, 5, 1), registered=date(2020, 4, 30)),
            "registered date 2020-04-30 is before the filing date",
        ),
        (
            FilingDates("trademark", "CN", filed=date(2020, 5, 1), published=date(2020, 1, 1)),
            "published date",
        ),
        (
            FilingDates("patent", "US", filed=date(2020, 5, 1), priority=date(2020, 5, 2)),
            "priority date 2020-05-02 is after",
        ),
        (
            FilingDates("patent", "WO", filed=date(2020, 5, 1), registered=date(2022, 1, 1)),
            "never granted",
        ),
        (
            FilingDates(
                "trademark",
                "WO",
                filed=date(2020, 5, 1),
                international_registration=date(2020, 1, 1),
            ),
            "international registration date",
        ),
        (FilingDates("patent", "US", filed=datetime(2020, 5, 1, 12, 0)), "must be a date"),
    ],
)
def test_bad_input_raises_rule_error(filing: FilingDates, message: str):
    with pytest.raises(RuleError, match=message):
        compute_deadlines(filing)


def test_rule_error_is_a_value_error():
    assert issubclass(RuleError, ValueError)


# --- The table itself ---------------------------------------------------------------------------


def test_table_covers_every_supported_combination_and_is_well_formed():
    assert set(SUPPORTED) == set(RIGHTS)
    assert is_supported("trademark", "WO") and not is_supported("trademark", "EP")
    for rule in RULES:
        assert set(rule.rights) <= set(RIGHTS) and set(rule.offices) <= set(OFFICES)
        assert (rule.repeat_every is None) == (rule.count == 1), rule.kind
        assert rule.source and rule.label
        assert ("⚠" in rule.note) == rule.uncertain, rule.kind
    # One row per (right, office, kind): keys cannot collide.
    triples = [(r, o, rule.kind) for rule in RULES for r in rule.rights for o in rule.offices]
    assert len(triples) == len(set(triples))
    assert len(describe_rules()) == len(RULES)
    assert describe_rules()[0].startswith("trademark at CN: tm_renewal due 10y after registered")

"""Hand-checked dates for export-office rows checked against a source (helper h11b).

Each case cites the source named in its row of ipguard/portfolio/rules/table.py; weekdays were
checked with strftime("%a"). Dates beyond the years an office calendar covers roll past
weekends only.
"""

from datetime import date

from ipguard.portfolio.rules import FilingDates, compute_deadlines


def deadlines(office: str, **dates):
    filing = FilingDates("trademark", office, **dates)
    return {d.key: d for d in compute_deadlines(filing, until=date(2045, 1, 1))}


def test_sg_renewal_counts_from_the_filing_date_with_6_months_either_side():
    # Trade Marks Bill 1998 cl.15(2): registered as of the application date, deemed the date
    # of registration; Trade Marks Rules r.49(1): renewal not earlier than 6 months before and
    # not later than 6 months after expiry (laws.sg). Filed Thu 2016-03-10, registered later:
    # expiry Tue 2026-03-10, window opens Thu 2025-09-10, grace ends Thu 2026-09-10.
    renewal = deadlines("SG", filed=date(2016, 3, 10), registered=date(2017, 6, 14))["tm_renewal:1"]
    assert (renewal.opens, renewal.due, renewal.grace_ends) == (
        date(2025, 9, 10),
        date(2026, 3, 10),
        date(2026, 9, 10),
    )
    assert not renewal.uncertain and "reg-49" in renewal.source


def test_th_window_is_three_months_not_ninety_days():
    # DIP page "The trademark registration renewal" (Trademark Act s.53-54): renewal within
    # 3 months before expiry or within 6 months after it. Filed 2016-05-31: expiry Sun
    # 2026-05-31 -> Mon 2026-06-01; 3 months before the expiry is 2026-02-28 (90 days would be
    # 2026-03-02); grace ends Mon 2026-11-30.
    renewal = deadlines("TH", filed=date(2016, 5, 31))["tm_renewal:1"]
    assert renewal.nominal_due == date(2026, 5, 31)
    assert renewal.opens == date(2026, 2, 28)
    assert renewal.grace_ends == date(2026, 11, 30)
    assert not renewal.uncertain and "ipthailand.go.th" in renewal.source


def test_au_renewal_expires_ten_years_after_filing_with_6_month_grace():
    # Trade Marks Act 1995 s.72(3): expires 10 years after the filing date, whatever the
    # registration date; s.79: renewal within 6 months after expiry (austlii). ◐ reg 7.3:
    # request within 12 months before. Filed Thu 2016-03-10, registered 2017-06-14: expiry
    # Tue 2026-03-10, opens Tue 2025-03-10, grace ends Thu 2026-09-10.
    renewal = deadlines("AU", filed=date(2016, 3, 10), registered=date(2017, 6, 14))["tm_renewal:1"]
    assert (renewal.opens, renewal.due, renewal.grace_ends) == (
        date(2025, 3, 10),
        date(2026, 3, 10),
        date(2026, 9, 10),
    )
    assert not renewal.uncertain and "s.72(3)" in renewal.source


def test_ca_first_term_is_ten_years_from_registration_since_june_2019():
    # Trademarks Act s.46 as amended 17 June 2019 (quoted by carsonlaw.ca): 10 years from
    # the day of registration; renewal from 6 months before to 6 months after expiry.
    # Registered Tue 2020-03-10: expiry Sun 2030-03-10 -> Mon 2030-03-11; opens Tue
    # 2029-09-10; grace ends Tue 2030-09-10. The second term runs 10 years from that expiry.
    found = deadlines("CA", filed=date(2018, 1, 5), registered=date(2020, 3, 10))
    first, second = found["tm_renewal:1"], found["tm_renewal:2"]
    assert (first.opens, first.due, first.grace_ends) == (
        date(2029, 9, 10),
        date(2030, 3, 11),
        date(2030, 9, 10),
    )
    assert first.nominal_due == date(2030, 3, 10)
    assert second.nominal_due == date(2040, 3, 10)
    assert not first.uncertain


def test_ca_registration_before_june_2019_keeps_a_15_year_first_term():
    # gevers.eu: registering before 17 June 2019 gives a 15-year term. Registered Wed
    # 2017-06-14: expiry Mon 2032-06-14; grace ends Tue 2032-12-14. Later terms: 10 years.
    found = deadlines("CA", filed=date(2015, 2, 2), registered=date(2017, 6, 14))
    first, second = found["tm_renewal:1"], found["tm_renewal:2"]
    assert first.due == date(2032, 6, 14)
    assert first.grace_ends == date(2032, 12, 14)
    assert second.nominal_due == date(2042, 6, 14)


def test_ph_fifth_year_declaration_of_use():
    # IPOPHL MC 17-010 as mirandah.com, poncelaw.com.ph, bccslaw.com and lysaght.co.uk state
    # it (◐): within one year from the 5th anniversary of registration. Registered Mon
    # 2021-06-14: window Sun 2026-06-14 .. Mon 2027-06-14.
    declaration = deadlines("PH", filed=date(2019, 2, 1), registered=date(2021, 6, 14))[
        "ph_declaration_of_use_5y"
    ]
    assert (declaration.opens, declaration.due) == (date(2026, 6, 14), date(2027, 6, 14))
    assert not declaration.uncertain and "◐" in declaration.source


def test_mx_declaration_of_use_within_3_months_after_third_anniversary_of_grant():
    # LFPPI Art 233 as internationallawoffice.com and country-index.com state it (◐): within
    # the 3 months after the 3rd anniversary of the grant. Granted Mon 2021-06-14: window
    # Fri 2024-06-14 .. Sat 2024-09-14 -> Mon 2024-09-16.
    declaration = deadlines("MX", filed=date(2020, 11, 2), registered=date(2021, 6, 14))[
        "mx_declaration_of_use"
    ]
    assert declaration.opens == date(2024, 6, 14)
    assert declaration.nominal_due == date(2024, 9, 14)
    assert declaration.due == date(2024, 9, 16)
    assert not declaration.uncertain


def test_tw_renewal_from_publication_with_double_fee_grace_from_the_day_after_expiry():
    # TW Trademark Act Art 33-34 (law.moj.gov.tw, J0070001): 10 years from the publication for
    # registration; renewal within 6 months before expiry; double fee within 6 months from the
    # day following expiry; renewal effective from the day following expiry. Published for
    # registration Sat 2016-01-16: the term's last day is Thu 2026-01-15, window opens Tue
    # 2025-07-15, grace (6 months from Fri 2026-01-16) ends Wed 2026-07-15; the second term
    # runs from 2026-01-16, its last day Tue 2036-01-15.
    found = deadlines("TW", filed=date(2015, 5, 4), registered=date(2016, 1, 16))
    first, second = found["tm_renewal:1"], found["tm_renewal:2"]
    assert (first.opens, first.due, first.grace_ends) == (
        date(2025, 7, 15),
        date(2026, 1, 15),
        date(2026, 7, 15),
    )
    assert second.nominal_due == date(2036, 1, 15)
    assert not first.uncertain and "law.moj.gov.tw" in first.source


def test_hk_window_is_six_months_but_stays_uncertain():
    # Cap 559 s.49-50; ◐ hktmd.com and hkbsida.com: renewal within the 6 months before expiry.
    # Filed Fri 2016-09-30: expiry Wed 2026-09-30, window opens Mon 2026-03-30, grace ends
    # Tue 2027-03-30.
    renewal = deadlines("HK", filed=date(2016, 9, 30))["tm_renewal:1"]
    assert (renewal.opens, renewal.due, renewal.grace_ends) == (
        date(2026, 3, 30),
        date(2026, 9, 30),
        date(2027, 3, 30),
    )
    assert renewal.uncertain


def test_id_renewal_six_months_either_side_of_the_tenth_filing_anniversary():
    # ◐ Law 20/2016 Art 35 as affa.co.id, investinasia.id and ulixirglobal.com state it: 10
    # years from the filing date, renewal from 6 months before, 6-month grace. Filed Mon
    # 2016-08-29: expiry Sat 2026-08-29 -> Mon 2026-08-31; opens Sat 2026-02-28 (no 29
    # February in 2026: month-end clamp; not rolled); grace ends Sun 2027-02-28 (clamped) ->
    # Mon 2027-03-01.
    renewal = deadlines("ID", filed=date(2016, 8, 29))["tm_renewal:1"]
    assert renewal.nominal_due == date(2026, 8, 29)
    assert renewal.due == date(2026, 8, 31)
    assert renewal.opens == date(2026, 2, 28)
    assert renewal.grace_ends == date(2027, 3, 1)
    assert not renewal.uncertain and "◐" in renewal.source


def test_kr_fourth_annuity_on_third_anniversary_of_registration():
    # ◐ patentrenewal.com's own example: years 1-3 paid at registration on 2017-11-14, the 4th
    # annuity due 2020-11-14 (a Saturday -> Mon 2020-11-16); 6-month late period
    # (yezhimaip.com) ends Fri 2021-05-14.
    filing = FilingDates("patent", "KR", filed=date(2015, 9, 17), registered=date(2017, 11, 14))
    annuity = {d.key: d for d in compute_deadlines(filing)}["kr_annuity:4"]
    assert annuity.nominal_due == date(2020, 11, 14)
    assert annuity.due == date(2020, 11, 16)
    assert annuity.grace_ends == date(2021, 5, 14)
    assert not annuity.uncertain and "patentrenewal.com" in annuity.source


def test_gb_first_renewal_window_ends_at_the_end_of_the_fourth_anniversary_month():
    # Patents Rules r.39A(2) (uksi/2005/2496, now r.37 of uksi/2007/3291): first renewal date
    # the 4th filing anniversary; period of 3 months ending with the last day of its month;
    # 6 months' additional-fee period after it (Patents (Fees) Rules 2007 Sch 2 Part 2).
    # Filed 2019-05-14, granted 2021-02-01: window Tue 2023-02-28 .. Wed 2023-05-31 (opens
    # 3 months before the month end), late period to Thu 2023-11-30. Still uncertain (late
    # grant case not listed).
    filing = FilingDates("patent", "GB", filed=date(2019, 5, 14), registered=date(2021, 2, 1))
    fee = {d.key: d for d in compute_deadlines(filing)}["gb_renewal_fee:5"]
    assert fee.due == date(2023, 5, 31)
    assert fee.grace_ends == date(2023, 11, 30)
    assert fee.uncertain and "uksi/2007/3291" in fee.source


def test_ph_renewal_six_months_either_side_of_the_tenth_registration_anniversary():
    # ◐ IP Code s.146 as psip.cc quotes it: request within 6 months before expiry, or within
    # 6 months after with an additional fee. Registered Thu 2017-08-31: expiry Tue 2027-08-31;
    # window opens Sun 2027-02-28 (no 31 February: month-end clamp); grace ends Tue 2028-02-29
    # (leap year: the clamp lands on the 29th).
    renewal = deadlines("PH", filed=date(2016, 2, 1), registered=date(2017, 8, 31))["tm_renewal:1"]
    assert (renewal.opens, renewal.due, renewal.grace_ends) == (
        date(2027, 2, 28),
        date(2027, 8, 31),
        date(2028, 2, 29),
    )
    assert not renewal.uncertain and "psip.cc" in renewal.source

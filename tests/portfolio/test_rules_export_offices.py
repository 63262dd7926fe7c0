"""Hand-checked trademark and patent dates at the export-market offices added in engine v2.

Sources are those named in each row of the table (not in the domain notes, except the Philippine
declaration of actual use, ip-rules.md section 7); rows checked against a source have their own
cases in test_rules_export_sources.py. A mark filed on
2016-03-10 (Thu) and registered on 2017-06-14 (Wed). Weekdays checked with strftime("%a").
"""

from datetime import date

import pytest

from ipguard.portfolio.models import Office
from ipguard.portfolio.rules import EXPORT_OFFICES, OFFICES, FilingDates, compute_deadlines

FILED, REGISTERED = date(2016, 3, 10), date(2017, 6, 14)


def found(office: str, right: str = "trademark"):
    filing = FilingDates(right, office, filed=FILED, registered=REGISTERED)
    return {d.key: d for d in compute_deadlines(filing)}


@pytest.mark.parametrize(
    ("office", "opens", "due", "grace"),
    [
        # Filing-date anchor: expiry Tue 2026-03-10; grace 6 m after expiry = Thu 2026-09-10.
        ("HK", date(2025, 9, 10), date(2026, 3, 10), date(2026, 9, 10)),  # Cap 559: ◐ 6 m window
        ("SG", date(2025, 9, 10), date(2026, 3, 10), date(2026, 9, 10)),  # TMA s.18-19: 6 m
        ("MY", date(2025, 9, 10), date(2026, 3, 10), date(2026, 9, 10)),  # TMA 2019 s.39: 6 m
        ("TH", date(2025, 12, 10), date(2026, 3, 10), date(2026, 9, 10)),  # s.53: 90 days
        ("VN", date(2025, 9, 10), date(2026, 3, 10), date(2026, 9, 10)),  # IP Law Art 93(6)
        ("ID", date(2025, 9, 10), date(2026, 3, 10), date(2026, 9, 10)),  # Law 20/2016 Art 35
        ("IN", date(2025, 3, 10), date(2026, 3, 10), date(2026, 9, 10)),  # s.25: 1 y window
        ("AU", date(2025, 3, 10), date(2026, 3, 10), date(2026, 9, 10)),  # s.77-79: 12 m
        # Registration-date anchor: expiry Mon 2027-06-14; grace Tue 2027-12-14.
        ("PH", date(2026, 12, 14), date(2027, 6, 14), date(2027, 12, 14)),  # IP Code s.145
        ("MX", date(2026, 12, 14), date(2027, 6, 14), date(2027, 12, 14)),  # LFPPI Art 178
        # TW: the term ends the day before the anniversary, Sun 2027-06-13 -> due Mon 14;
        # window and grace count from the 13th (Art 33-34).
        ("TW", date(2026, 12, 13), date(2027, 6, 14), date(2027, 12, 13)),
    ],
)
def test_trademark_renewal_at_export_offices(office, opens, due, grace):
    renewal = found(office)["tm_renewal:1"]
    assert (renewal.opens, renewal.due, renewal.grace_ends) == (opens, due, grace)
    assert renewal.source
    # Rows checked against a source are no longer uncertain (test_rules_export_sources.py).
    assert renewal.uncertain == (office not in {"SG", "TH", "AU", "TW", "ID", "PH"})


def test_tw_nominal_expiry_is_the_day_before_the_anniversary():
    assert found("TW")["tm_renewal:1"].nominal_due == date(2027, 6, 13)


def test_philippine_declarations_of_use():
    # §7 and PH IP Code s.124.2: declaration of actual use within 3 years of filing:
    # 2019-03-10 is a Sunday -> Mon 2019-03-11 (certain). ⚠ IPOPHL MC 2017-010: a second
    # declaration within one year from the 5th anniversary of registration: 2022-06-14 ..
    # Wed 2023-06-14 (◐: firms' notes agree, see test_rules_export_sources.py).
    deadlines = found("PH")
    first = deadlines["ph_declaration_of_use"]
    assert first.due == date(2019, 3, 11) and not first.uncertain
    second = deadlines["ph_declaration_of_use_5y"]
    assert (second.opens, second.due) == (date(2022, 6, 14), date(2023, 6, 14))
    assert not second.uncertain


def test_mexican_declaration_of_use_after_the_third_anniversary():
    # ⚠ LFPPI Art 233: within 3 months after the 3rd anniversary of registration:
    # 2020-06-14 .. 2020-09-14 (Mon).
    declaration = found("MX")["mx_declaration_of_use"]
    assert (declaration.opens, declaration.due) == (date(2020, 6, 14), date(2020, 9, 14))


@pytest.mark.parametrize("office", EXPORT_OFFICES)
def test_patents_at_export_offices_end_twenty_years_after_filing(office):
    # TRIPS Art 33 (⚠ not in the domain notes): filed 2016-03-10 -> 2036-03-10, not rolled.
    term = found(office, "patent")["end_of_term"]
    assert term.due == date(2036, 3, 10) and term.uncertain


def test_the_register_offers_every_office_the_engine_knows():
    assert set(OFFICES) <= set(Office.values)

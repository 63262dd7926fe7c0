"""Office closing days from the shipped calendar files (ipguard/portfolio/calendars/*.json).

Each case names the day it hangs on; the calendars were generated from holidays 0.108 (State
Council 2026 arrangement for CN) plus office closures with their own source (JPO year end:
Act on Holidays of Administrative Organs Art 1(1)(iii)). Weekdays checked with strftime("%a").
"""

from datetime import date

import pytest

from ipguard.portfolio import calendars
from ipguard.portfolio.rules import OFFICES, FilingDates, compute_deadlines


def renewal(office: str, **dates: date):
    filing = FilingDates("trademark", office, **dates)
    found = compute_deadlines(filing, closing_days=calendars.office_calendars())
    return next(d for d in found if d.key == "tm_renewal:1")


def test_every_office_has_a_calendar_with_source_covering_2026_and_2027():
    shipped = calendars.office_calendars()
    assert set(OFFICES) <= set(shipped)
    for office, calendar in shipped.items():
        assert calendar.first_year <= 2026 and calendar.last_year >= 2027, office
        assert "holidays 0.108" in calendar.source, office
    assert len(calendars.CALENDAR_VERSION) == 12


def test_cn_make_up_working_saturday_does_not_roll():
    # Registered 2016-02-15 -> expires 2026-02-14, a Saturday that the State Council made a
    # working day (2026 Spring Festival arrangement): the renewal is due that Saturday.
    cn = calendars.calendar_for("CN")
    assert date(2026, 2, 14).strftime("%a") == "Sat" and not cn.is_closed(date(2026, 2, 14))
    found = renewal("CN", registered=date(2016, 2, 15))
    assert (found.nominal_due, found.due) == (date(2026, 2, 14), date(2026, 2, 14))


def test_cn_expiry_inside_spring_festival_rolls_to_the_first_working_day():
    # Registered 2016-02-18 -> expires Tue 2026-02-17 (Spring Festival). Closed 15-23 Feb
    # (16-20 holiday and bridge days, 21-22 weekend, 23 day off for the 28 Feb make-up day):
    # due Tue 2026-02-24. Grace ends 2026-08-17 (Mon, a working day).
    found = renewal("CN", registered=date(2016, 2, 18))
    assert (found.due, found.grace_ends, found.calendar) == (
        date(2026, 2, 24),
        date(2026, 8, 17),
        "CN",
    )
    assert not found.beyond_calendar


def test_cn_expiry_inside_national_day_rolls_past_the_golden_week():
    # Registered 2016-10-02 -> expires Thu 2026-10-01. Closed 1-7 Oct; Thu 8 Oct works.
    found = renewal("CN", registered=date(2016, 10, 2))
    assert found.due == date(2026, 10, 8)


def test_cn_grace_end_on_a_holiday_rolls_too():
    # Registered 2016-04-06 -> expires 2026-04-05 (Sun) -> due Tue 2026-04-07 (Mon 6 Apr is the
    # observed Tomb-Sweeping Day). Grace: 2026-10-05 (Mon, National Day week) -> Thu 2026-10-08.
    found = renewal("CN", registered=date(2016, 4, 6))
    assert (found.due, found.grace_ends) == (date(2026, 4, 7), date(2026, 10, 8))


def test_jpo_year_end_closure_rolls_into_january():
    # JP: registered 2016-12-29 -> expires Tue 2026-12-29 (JPO closed 29 Dec - 3 Jan; 2 and 3
    # Jan 2027 are a weekend) -> due Mon 2027-01-04.
    found = renewal("JP", registered=date(2016, 12, 29))
    assert (found.nominal_due, found.due) == (date(2026, 12, 29), date(2027, 1, 4))


def test_uk_bank_holiday_rolls():
    # GB: filed 2016-08-31 -> expires Mon 2026-08-31, the summer bank holiday (England) ->
    # due Tue 2026-09-01.
    assert renewal("GB", filed=date(2016, 8, 31)).due == date(2026, 9, 1)


def test_kr_chuseok_rolls():
    # KR: registered 2016-09-25 -> expires Fri 2026-09-25, Chuseok (24-26 Sep 2026) -> Mon 28.
    assert renewal("KR", registered=date(2016, 9, 25)).due == date(2026, 9, 28)


def test_a_date_beyond_the_covered_years_says_so():
    # The second CN term ends 2036-02-14: the calendar covers 2026-2027 only.
    filing = FilingDates("trademark", "CN", registered=date(2016, 2, 15))
    found = compute_deadlines(
        filing, closing_days=calendars.office_calendars(), until=date(2037, 1, 1)
    )
    first, second = (d for d in found if d.kind == "tm_renewal")
    assert not first.beyond_calendar and second.beyond_calendar


@pytest.mark.parametrize("office", sorted(OFFICES))
def test_no_shipped_closing_day_is_a_working_day(office):
    calendar = calendars.calendar_for(office)
    for day in calendar.closed:
        assert calendar.next_working_day(day) > day
    for day in calendar.working_weekend_days:
        assert day.weekday() >= 5 and not calendar.is_closed(day)


def test_shipped_files_are_what_the_generator_makes_from_holidays_and_our_closures():
    # Provenance: the files hold exactly holidays 0.108's days plus office_closures.json, so a
    # hand edit (or a library upgrade) shows here and gets reviewed.
    import json

    from ipguard.portfolio.management.commands.calendars_generate import (
        OFFICES as GENERATED,
    )
    from ipguard.portfolio.management.commands.calendars_generate import office_calendar

    closures = json.loads(calendars.OFFICE_CLOSURES_FILE.read_text("utf-8"))["closures"]
    for office in GENERATED:
        shipped = json.loads((calendars.DIRECTORY / f"{office}.json").read_text("utf-8"))
        assert shipped == office_calendar(office, closures), office


def test_cn_2027_is_flagged_until_the_state_council_publishes_its_arrangement():
    # holidays 0.108 has no 2027 make-up working days for CN: those rows are marked uncertain.
    cn = calendars.calendar_for("CN")
    assert date(2027, 10, 1) in cn.uncertain_days and date(2026, 10, 1) not in cn.uncertain_days
    assert cn.notes and "2027" in cn.notes[0]


def test_jpo_year_end_closure_rows_carry_their_statute():
    import json

    jp = json.loads((calendars.DIRECTORY / "JP.json").read_text("utf-8"))
    row = next(r for r in jp["closed"] if r["date"] == "2026-12-29")
    assert "Act on Holidays of Administrative Organs" in row["source"]
    assert not row.get("uncertain")


def test_a_date_rolled_past_an_unconfirmed_office_closure_says_so():
    # PCT priority 2024-05-24: EPO entry at 31 months = Thu 2026-12-24, an EPO closing day we
    # could not pin to a published list (office_closures.json, uncertain); 25 Dec is a Bavarian
    # holiday, 26-27 a weekend -> Mon 2026-12-28, flagged. The US entry at 30 months, Tue
    # 2026-11-24, is a plain working day.
    filing = FilingDates("patent", "WO", filed=date(2025, 5, 20), priority=date(2024, 5, 24))
    found = {
        d.kind: d for d in compute_deadlines(filing, closing_days=calendars.office_calendars())
    }
    epo = found["pct_national_phase_ep"]
    assert (epo.due, epo.calendar, epo.calendar_uncertain) == (date(2026, 12, 28), "EP", True)
    assert not found["pct_national_phase_us"].calendar_uncertain

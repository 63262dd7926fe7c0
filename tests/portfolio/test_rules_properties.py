"""Properties that must hold for every valid filing, checked with hypothesis."""

import calendar
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ipguard.lib.dates import add_months
from ipguard.portfolio.rules import RULES, SUPPORTED, FilingDates, compute_deadlines
from ipguard.portfolio.rules.table import CA_TEN_YEAR_TERM_FROM

MILESTONES = {"end_of_term", "madrid_dependency_end"}  # expiries: shown as they fall
MONTH_END_KINDS = {rule.kind for rule in RULES if rule.month_end}
COMBINATIONS = [(right, office) for right, offices in SUPPORTED.items() for office in offices]
DATE_FIELDS = ("filed", "priority", "published", "registered", "international_registration")

some_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def filings(draw: st.DrawFn) -> FilingDates:
    """Valid filings: every date that is present is consistent with the filing date."""
    right, office = draw(st.sampled_from(COMBINATIONS))
    filed = draw(some_day)

    def maybe_after(max_days: int) -> date | None:
        return draw(st.none() | st.integers(0, max_days).map(lambda n: filed + timedelta(n)))

    priority = draw(st.none() | st.integers(0, 366).map(lambda n: filed - timedelta(n)))
    pct = office == "WO" and right in ("patent", "utility_model")
    international = office == "WO" and right in ("trademark", "design")  # Madrid or Hague
    designated = draw(st.lists(st.sampled_from(["US", "PH", "EU", "JP"]), unique=True))
    return FilingDates(
        right=right,
        office=office,
        filed=filed,
        priority=priority,
        published=maybe_after(900),
        registered=None if pct else maybe_after(3000),
        international_registration=maybe_after(60) if international else None,
        designated=tuple(designated) if international else (),
    )


closing_days = st.lists(some_day, max_size=10)


@given(filings(), closing_days)
def test_windows_open_before_due_and_grace_ends_after(filing: FilingDates, closed: list[date]):
    for deadline in compute_deadlines(filing, closing_days=closed):
        if deadline.opens is not None:
            assert deadline.opens < deadline.due
        if deadline.grace_ends is not None:
            assert deadline.grace_ends > deadline.due
        assert deadline.due >= deadline.nominal_due


@given(filings(), closing_days)
def test_due_dates_are_working_days(filing: FilingDates, closed: list[date]):
    assert {rule.kind for rule in RULES if not rule.rolls} == MILESTONES
    for deadline in compute_deadlines(filing, closing_days=closed):
        shown = [deadline.due] + ([deadline.grace_ends] if deadline.grace_ends else [])
        if deadline.kind in MILESTONES:
            assert deadline.due == deadline.nominal_due  # expiries are never moved
            continue
        for day in shown:
            assert day.weekday() < 5
            if deadline.office == filing.office:
                assert day not in closed


@given(filings(), st.integers(1, 2000))
@settings(max_examples=200)
def test_moving_every_date_later_never_moves_a_deadline_earlier(filing: FilingDates, shift: int):
    moved = replace(
        filing,
        **{
            name: getattr(filing, name) + timedelta(shift)
            for name in DATE_FIELDS
            if getattr(filing, name) is not None
        },
    )
    # The one place the law itself runs backwards: a Canadian mark registered before 17 June
    # 2019 has a 15-year first term, one registered on or after it 10 years (Trademarks Act
    # s.46 as amended), so a registration moved across that day renews years earlier.
    assume(
        not (
            filing.office == "CA"
            and filing.registered is not None
            and filing.registered < CA_TEN_YEAR_TERM_FROM <= moved.registered
        )
    )
    before = {d.key: d for d in compute_deadlines(filing)}
    after = {d.key: d for d in compute_deadlines(moved)}
    assert {d.kind for d in before.values()} == {d.kind for d in after.values()}
    for key in before.keys() & after.keys():
        assert after[key].due >= before[key].due
        # Clamping a month end loses at most 3 days and rolling adds at most 2, so a shift of
        # 6 days or more always shows, except for fees due at the end of a month.
        if shift >= 6 and before[key].kind not in MONTH_END_KINDS:
            assert after[key].due > before[key].due


@given(filings())
def test_keys_are_unique_and_sequences_positive(filing: FilingDates):
    deadlines = compute_deadlines(filing, until=date(2100, 1, 1))
    keys = [d.key for d in deadlines]
    assert len(keys) == len(set(keys))
    assert all(d.sequence is None or d.sequence >= 1 for d in deadlines)


@given(some_day, st.integers(-600, 600))
def test_add_months_moves_exactly_that_many_months(start: date, months: int):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    # The day is kept unless the target month is too short, in which case it is its last day.
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last_day)


@given(some_day, st.integers(0, 600))
def test_add_months_is_monotone(start: date, months: int):
    assert add_months(start, months) <= add_months(start + timedelta(1), months)


@given(filings())
@settings(max_examples=200)
def test_a_rolled_date_is_never_a_closing_day_of_the_shipped_calendar(filing: FilingDates):
    from ipguard.portfolio import calendars

    shipped = calendars.office_calendars()
    for deadline in compute_deadlines(filing, closing_days=shipped):
        if not deadline.calendar:
            continue  # milestones and acts at an office of the owner's choice
        calendar = shipped[deadline.calendar]
        for day in (deadline.due, deadline.grace_ends):
            if day is not None:
                assert not calendar.is_closed(day), (deadline.key, day)

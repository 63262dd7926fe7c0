"""The reminder calendar as plain Python: slots, recipients and digest hours."""

from datetime import UTC, date, datetime

import pytest

from ipguard.reminders.schedule import (
    DEFAULT_OFFSETS,
    current_slot,
    next_digest_at,
    parse_offsets,
    recipients,
)

DUE = date(2026, 6, 30)


def slot_on(today, **kwargs):
    slot = current_slot(due=DUE, today=today, offsets=DEFAULT_OFFSETS, **kwargs)
    return slot and slot.key


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 4, 30), None),  # 61 days ahead: nothing yet
        (date(2026, 5, 1), "before:60"),
        (date(2026, 5, 30), "before:60"),  # still the same slot: no second reminder
        (date(2026, 5, 31), "before:30"),
        (date(2026, 6, 23), "before:7"),
        (date(2026, 6, 29), "before:1"),
        (date(2026, 6, 30), "before:0"),
        (date(2026, 7, 1), "overdue:1"),
        (date(2026, 7, 7), "overdue:1"),
        (date(2026, 7, 8), "overdue:2"),
        (date(2026, 9, 30), "overdue:14"),
    ],
)
def test_the_current_slot_follows_the_default_offsets(today, expected):
    assert slot_on(today) == expected


def test_a_missed_week_yields_the_latest_slot_only():
    # Sweeps down from 1 to 24 June: the first sweep afterwards sends the 7-day reminder, not
    # the 30-day one as well.
    assert slot_on(date(2026, 6, 24)) == "before:7"


def test_custom_offsets_and_an_item_created_late():
    slot = current_slot(due=DUE, today=date(2026, 6, 20), offsets=[14, 3])
    assert slot.key == "before:14"
    assert slot.falls_on == date(2026, 6, 16)


def test_snoozed_items_are_silent_until_the_snooze_ends_then_remind_once():
    snooze = date(2026, 7, 10)
    assert slot_on(date(2026, 7, 4), snoozed_until=snooze) is None
    assert slot_on(date(2026, 7, 9), snoozed_until=snooze) is None
    woke = current_slot(
        due=DUE, today=date(2026, 7, 10), offsets=DEFAULT_OFFSETS, snoozed_until=snooze
    )
    assert woke.key == "snooze:2026-07-10"
    assert woke.overdue
    assert slot_on(date(2026, 7, 14), snoozed_until=snooze) == "snooze:2026-07-10"
    # The next weekly slot after the snooze is a normal one again.
    assert slot_on(date(2026, 7, 15), snoozed_until=snooze) == "overdue:3"


def test_a_snooze_that_ended_before_the_current_slot_changes_nothing():
    assert slot_on(date(2026, 6, 29), snoozed_until=date(2026, 6, 1)) == "before:1"


def test_owner_reminded_before_and_company_owners_escalated_after():
    assert recipients(item_owner_id=5, company_owner_ids=[1, 2], overdue=False) == {5: False}
    assert recipients(item_owner_id=5, company_owner_ids=[1, 2], overdue=True) == {
        5: False,
        1: True,
        2: True,
    }
    # An item nobody owns goes to the company's owners, not as an escalation yet.
    assert recipients(item_owner_id=None, company_owner_ids=[1], overdue=False) == {1: False}
    # The item owner who is also a company owner gets one email, marked as an escalation.
    assert recipients(item_owner_id=1, company_owner_ids=[1], overdue=True) == {1: True}


@pytest.mark.parametrize(
    ("after", "time_zone", "hour", "expected"),
    [
        # 07:59 in Shanghai (23:59 UTC): the 08:00 digest is a minute away.
        (datetime(2026, 3, 1, 23, 59, tzinfo=UTC), "Asia/Shanghai", 8, "2026-03-02T00:00"),
        # 08:00 exactly has passed: tomorrow.
        (datetime(2026, 3, 2, 0, 0, tzinfo=UTC), "Asia/Shanghai", 8, "2026-03-03T00:00"),
        # New York is still on the previous day.
        (datetime(2026, 3, 2, 3, 0, tzinfo=UTC), "America/New_York", 8, "2026-03-02T13:00"),
        # Berlin before and after the spring change on 29 March 2026: 08:00 local stays 08:00.
        (datetime(2026, 3, 28, 8, 0, tzinfo=UTC), "Europe/Berlin", 8, "2026-03-29T06:00"),
        (datetime(2026, 3, 27, 8, 0, tzinfo=UTC), "Europe/Berlin", 8, "2026-03-28T07:00"),
        # Autumn change on 25 October 2026.
        (datetime(2026, 10, 24, 12, 0, tzinfo=UTC), "Europe/Berlin", 8, "2026-10-25T07:00"),
        # 02:00 does not exist in Berlin on 29 March: the digest goes at 03:00 CEST.
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), "Europe/Berlin", 2, "2026-03-29T01:00"),
    ],
)
def test_digest_falls_on_the_local_hour_across_time_zones_and_dst(after, time_zone, hour, expected):
    result = next_digest_at(after=after, time_zone=time_zone, hour=hour)
    assert result.tzinfo is not None
    assert result.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") == expected


def test_offsets_are_parsed_sorted_and_checked():
    assert parse_offsets("7, 60，30; 7, 0") == [60, 30, 7, 0]
    with pytest.raises(ValueError, match="whole number"):
        parse_offsets("30, soon")
    with pytest.raises(ValueError, match="more than"):
        parse_offsets("400")
    with pytest.raises(ValueError, match="at least one"):
        parse_offsets(" , ")

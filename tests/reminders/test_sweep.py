"""The sweep at fixed instants: which ledger rows it claims, for whom, and never twice."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipguard.reminders.models import (
    Delivery,
    ReminderPolicy,
    ReminderPreference,
    ReminderStatus,
    SentReminder,
)
from ipguard.reminders.sweep import reminders_sweep
from tests.factories import ActionItemFactory, CompanyFactory, member
from tests.reminders.builders import make_deadline

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def sweep(now, **kwargs):
    with time_machine.travel(now, tick=False):
        return reminders_sweep(now=now, **kwargs)


def slots(**filters):
    return sorted(
        SentReminder.objects.filter(**filters).values_list("recipient__email", "slot", "source")
    )


def test_offsets_each_produce_one_reminder_to_the_item_owner(personas):
    due = date(2026, 7, 31)
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=due)
    for days_before in range(70, -1, -1):
        sweep(at(due - timedelta(days=days_before)))
        sweep(at(due - timedelta(days=days_before), hour=21))  # a second beat the same day
    assert slots() == [
        ("editor@acme.test", f"before:{offset}", "action") for offset in (0, 1, 30, 60, 7)
    ]


def test_a_policy_changes_the_offsets(personas):
    ReminderPolicy.objects.create(company=personas.company, offsets=[14])
    due = date(2026, 6, 20)
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=due)
    sweep(at(date(2026, 6, 5)))
    assert not SentReminder.objects.exists()
    sweep(at(date(2026, 6, 6)))
    assert slots() == [("editor@acme.test", "before:14", "action")]


def test_missed_sweeps_catch_up_once(personas):
    due = date(2026, 6, 30)
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=due)
    # The worker was down from 20 May to 25 June; the first sweep back sends one reminder.
    sweep(at(date(2026, 6, 25)))
    sweep(at(date(2026, 6, 25), hour=10))
    assert slots() == [("editor@acme.test", "before:7", "action")]


def test_overdue_items_escalate_weekly_to_owners_until_done(personas):
    due = date(2026, 5, 20)
    item = ActionItemFactory(company=personas.company, owner=personas.editor, due_date=due)
    sweep(at(date(2026, 5, 21)))
    assert slots() == [
        ("editor@acme.test", "overdue:1", "action"),
        ("owner@acme.test", "overdue:1", "action"),
    ]
    assert SentReminder.objects.get(recipient=personas.owner).is_escalation
    assert not SentReminder.objects.get(recipient=personas.editor).is_escalation
    sweep(at(date(2026, 5, 27)))
    assert SentReminder.objects.count() == 2
    sweep(at(date(2026, 5, 28)))
    assert SentReminder.objects.filter(slot="overdue:2").count() == 2
    item.status = "done"
    item.save()
    sweep(at(date(2026, 6, 4)))
    assert SentReminder.objects.count() == 4


def test_done_dismissed_and_not_applicable_items_get_nothing(personas):
    due = date(2026, 6, 1)
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=due, status="done")
    ActionItemFactory(
        company=personas.company, owner=personas.editor, due_date=due, status="not_applicable"
    )
    make_deadline(personas.company, due_date=due, owner=personas.editor, status="dismissed")
    make_deadline(personas.company, due_date=due, owner=personas.editor, status="done")
    sweep(at(due))
    assert not SentReminder.objects.exists()


def test_deadlines_remind_the_asset_owner(personas):
    make_deadline(personas.company, due_date=date(2026, 6, 8), owner=personas.editor)
    sweep(NOW)
    assert slots() == [("editor@acme.test", "before:7", "deadline")]


def test_snoozed_items_wait_then_remind_once_when_the_snooze_ends(personas):
    item = ActionItemFactory(
        company=personas.company,
        owner=personas.editor,
        due_date=date(2026, 5, 25),
        snoozed_until=date(2026, 6, 5),
    )
    sweep(at(date(2026, 6, 1)))
    assert not SentReminder.objects.exists()
    sweep(at(date(2026, 6, 5)))
    sweep(at(date(2026, 6, 6)))
    assert {s for _, s, _ in slots()} == {"snooze:2026-06-05"}
    item.refresh_from_db()
    assert item.snoozed_until == date(2026, 6, 5)


def test_unowned_items_go_to_the_company_owners(personas):
    ActionItemFactory(company=personas.company, owner=None, due_date=date(2026, 6, 8))
    sweep(NOW)
    assert slots() == [("owner@acme.test", "before:7", "action")]


def test_an_owner_who_left_the_company_is_not_reminded(personas):
    ActionItemFactory(company=personas.company, owner=personas.outsider, due_date=date(2026, 6, 8))
    sweep(NOW)
    assert slots() == [("owner@acme.test", "before:7", "action")]


def test_escalations_only_keeps_just_the_escalations(personas):
    ReminderPreference.objects.create(user=personas.owner, escalations_only=True)
    ActionItemFactory(company=personas.company, owner=personas.owner, due_date=date(2026, 6, 8))
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=date(2026, 5, 1))
    sweep(NOW)
    assert slots() == [
        ("editor@acme.test", "overdue:5", "action"),
        ("owner@acme.test", "overdue:5", "action"),
    ]


def test_digest_rows_wait_for_the_local_hour(personas):
    personas.editor.time_zone = "America/New_York"
    personas.editor.save()
    ReminderPreference.objects.create(user=personas.editor, delivery=Delivery.DIGEST, digest_hour=7)
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=date(2026, 6, 8))
    report = sweep(NOW)  # 09:00 UTC = 05:00 in New York
    row = SentReminder.objects.get()
    assert row.delivery == Delivery.DIGEST
    assert row.deliver_after == datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
    assert report.digest_tasks == 0
    assert sweep(datetime(2026, 6, 1, 11, 0, tzinfo=UTC)).digest_tasks == 1


def test_sweep_enqueues_on_commit_and_requeues_only_stale_rows(
    personas, django_capture_on_commit_callbacks, settings
):
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=date(2026, 6, 8))
    with django_capture_on_commit_callbacks() as callbacks:
        first = sweep(NOW)
    assert first.send_tasks == 1
    assert len(callbacks) == 1
    row = SentReminder.objects.get()
    assert row.status == ReminderStatus.QUEUED
    assert row.enqueued_at == NOW
    # Ten minutes later the task is still in the queue: no second task.
    assert sweep(NOW + timedelta(minutes=10)).send_tasks == 0
    # After REQUEUE_AFTER the task is presumed lost (worker killed, Redis flushed).
    later = NOW + timedelta(seconds=settings.REMINDERS_REQUEUE_AFTER_SECONDS + 1)
    assert sweep(later).send_tasks == 1
    assert SentReminder.objects.count() == 1


def test_query_count_grows_with_batches_not_items(personas):
    def queries_for(items_per_company):
        SentReminder.objects.all().delete()
        for _ in range(4):
            company = CompanyFactory()
            owner = member(company, "owner")
            for _ in range(items_per_company):
                ActionItemFactory(company=company, owner=owner, due_date=date(2026, 6, 8))
        with CaptureQueriesContext(connection) as captured:
            report = sweep(NOW, batch_size=10_000)
        return len(captured), report

    small_queries, small = queries_for(5)
    large_queries, large = queries_for(50)
    assert large.claimed > 5 * small.claimed
    # More items, same number of batches: the same number of queries.
    assert large_queries <= small_queries + 2, (small_queries, large_queries)
    assert small_queries < 20


def test_digest_hour_follows_local_time_across_the_berlin_spring_change(personas):
    personas.editor.time_zone = "Europe/Berlin"
    personas.editor.save()
    ReminderPreference.objects.create(user=personas.editor, delivery=Delivery.DIGEST, digest_hour=8)
    friday = ActionItemFactory(
        company=personas.company, owner=personas.editor, due_date=date(2026, 4, 3)
    )
    sweep(datetime(2026, 3, 27, 9, 0, tzinfo=UTC))
    saturday = ActionItemFactory(
        company=personas.company, owner=personas.editor, due_date=date(2026, 4, 4)
    )
    sweep(datetime(2026, 3, 28, 9, 0, tzinfo=UTC))
    rows = {row.item_id: row.deliver_after for row in SentReminder.objects.all()}
    # 08:00 in Berlin both mornings: 07:00 UTC on Saturday (CET), 06:00 UTC on Sunday, the
    # first day of summer time.
    assert rows[friday.pk] == datetime(2026, 3, 28, 7, 0, tzinfo=UTC)
    assert rows[saturday.pk] == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)

"""The sweep split into parts that workers run in parallel: together the parts claim exactly
what one sweep claims, each slot once, even when parts (or whole sweeps) run at the same time."""

import threading
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connections

from ipguard.celery import app as celery_app
from ipguard.reminders.models import ReminderStatus, SentReminder
from ipguard.reminders.sweep import reminders_sweep, reminders_sweep_dispatch, sweep_ranges
from tests.celery_worker import running_worker, wait_until
from tests.factories import ActionItemFactory, CompanyFactory, member
from tests.reminders.builders import make_deadline

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)
# Due dates that hit an offset slot on TODAY (default offsets 60, 30, 7, 1, 0 and overdue).
DUE_DAYS = (60, 30, 7, 1, 0, -1, -3, -10, 45)


def build_companies(count=4):
    for n in range(count):
        company = CompanyFactory(name=f"Parts {n}")
        owner = member(company, "owner", email=f"owner{n}@parts.test")
        editor = member(company, "editor", email=f"editor{n}@parts.test")
        for days in DUE_DAYS:
            ActionItemFactory(company=company, owner=editor, due_date=TODAY + timedelta(days))
            make_deadline(company, due_date=TODAY + timedelta(days), owner=owner)


def ledger():
    return Counter(
        SentReminder.objects.values_list("source", "item_id", "recipient_id", "slot", "delivery")
    )


@pytest.fixture
def sends(monkeypatch):
    """Every send task handed to the broker, by the ledger ids it carries (thread safe)."""
    sent, lock = [], threading.Lock()

    def record(task, *args, **options):
        with lock:
            sent.append((task.name, args))
        return True

    monkeypatch.setattr("ipguard.lib.tasks.enqueue", record)
    return sent


def sent_ids(sends):
    return Counter(pk for name, args in sends if name.endswith("send_reminders") for pk in args[0])


@pytest.mark.django_db
def test_the_ranges_cover_every_item_once_and_the_parts_claim_what_one_sweep_claims(sends):
    build_companies()
    parts = sweep_ranges(parts=3, now=NOW)
    assert len(parts) == 3
    for key in ("action", "deadline"):
        ranges = [part[key] for part in parts]
        assert ranges[0][0] == 0 and ranges[-1][1] is None
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))

    reports = [reminders_sweep(now=NOW, ranges=ranges) for ranges in parts]
    by_parts = ledger()
    assert all(report.items > 0 for report in reports)
    assert sum(report.items for report in reports) == 4 * len(DUE_DAYS) * 2
    SentReminder.objects.all().delete()
    single = reminders_sweep(now=NOW)
    assert ledger() == by_parts
    assert sum(report.claimed for report in reports) == single.claimed == sum(by_parts.values())
    assert single.claimed > 50
    assert max(by_parts.values()) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_parts_and_a_duplicate_sweep_claim_and_enqueue_each_slot_once(sends):
    build_companies(6)
    parts = sweep_ranges(parts=4, now=NOW)
    # Every part twice (a duplicate beat) plus a whole single-process sweep, all at once.
    jobs = [{"ranges": ranges} for ranges in parts] * 2 + [{}]
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            reminders_sweep(now=NOW, batch_size=5, **job)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    claimed = ledger()
    assert max(claimed.values()) == 1
    ids = sent_ids(sends)
    immediate = set(SentReminder.objects.values_list("pk", flat=True))
    assert set(ids) == immediate and max(ids.values()) == 1

    SentReminder.objects.all().delete()
    reminders_sweep(now=NOW)
    assert ledger() == claimed


@pytest.mark.django_db(transaction=True)
def test_concurrent_dispatchers_enqueue_each_ready_row_once(monkeypatch, settings, sends):
    """Rows claimed while Redis was down are enqueued by the ready step, once, whoever runs it."""
    build_companies(6)
    monkeypatch.setattr("ipguard.lib.tasks.enqueue", lambda *args, **options: False)
    reminders_sweep(now=NOW)
    waiting = set(
        SentReminder.objects.filter(enqueued_at__isnull=True).values_list("pk", flat=True)
    )
    assert len(waiting) == SentReminder.objects.count() > 50

    recorded = []
    monkeypatch.setattr(
        "ipguard.lib.tasks.enqueue", lambda task, *args, **options: recorded.append(args) or True
    )
    # Parts are left on the (recorded) queue: only the ready step runs here, four times at once.
    monkeypatch.setattr("ipguard.reminders.sweep.enqueue", lambda *args, **options: True)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            reminders_sweep_dispatch(parts=4, now=NOW, batch_size=3)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = Counter(pk for args in recorded for pk in args[0])
    assert set(ids) == waiting
    assert max(ids.values()) == 1


@pytest.fixture
def parts_queue(settings):
    """Parts go to a queue the workers consume; sends to one nobody consumes (purged after)."""
    parts, sends = (f"test-parts-{uuid.uuid4().hex[:10]}", f"test-sends-{uuid.uuid4().hex[:10]}")
    settings.REMINDERS_SWEEP_QUEUE = parts
    yield parts, sends
    with celery_app.connection_for_write() as connection:
        for name in (parts, sends):
            connection.default_channel.queue_purge(name)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_real_workers_run_the_parts_and_claim_what_one_sweep_claims(parts_queue):
    parts, sends = parts_queue
    build_companies(6)
    single = reminders_sweep()
    expected = ledger()
    SentReminder.objects.all().delete()

    env = {"CELERY_QUEUE": sends, "REMINDERS_SWEEP_QUEUE": parts}
    with (
        running_worker(queue=parts, extra_env=env) as first,
        running_worker(queue=parts, extra_env=env) as second,
    ):
        report = reminders_sweep_dispatch(parts=6)
        assert report.part_tasks == 6 and report.parts_run_here == 0

        def parts_done():
            output = first.output + second.output
            return output.count("sweep_reminders_part[") and output.count(" succeeded in ") >= 6

        wait_until(parts_done, timeout=90, message="six part tasks to finish")
        assert "sweep_reminders_part[" in first.output
        assert "sweep_reminders_part[" in second.output
    assert ledger() == expected
    assert sum(expected.values()) == single.claimed
    assert set(SentReminder.objects.values_list("status", flat=True)) == {ReminderStatus.QUEUED}


@pytest.mark.django_db
def test_the_beat_task_enqueues_the_parts_on_their_queue_and_they_claim_what_one_sweep_claims(
    monkeypatch, settings, sends
):
    from ipguard.reminders import tasks

    build_companies()
    settings.REMINDERS_SWEEP_PARTS = 3
    settings.REMINDERS_SWEEP_QUEUE = "sweep-parts"
    enqueued = []
    monkeypatch.setattr(
        "ipguard.reminders.sweep.enqueue",
        lambda task, *args, **options: enqueued.append((task, args, options)) or True,
    )
    with time_machine.travel(NOW, tick=False):
        assert tasks.sweep_reminders() == {"part_tasks": 3, "parts_run_here": 0}
    assert not SentReminder.objects.exists()
    assert [(task.name, options) for task, _, options in enqueued] == [
        ("ipguard.reminders.tasks.sweep_reminders_part", {"queue": "sweep-parts"})
    ] * 3
    for task, args, _ in enqueued:  # as a worker would run them, a day later
        with time_machine.travel(NOW + timedelta(days=1), tick=False):
            task(*args)
    by_parts = ledger()
    SentReminder.objects.all().delete()
    reminders_sweep(now=NOW)
    assert ledger() == by_parts and sum(by_parts.values()) > 50


@pytest.mark.django_db
def test_with_the_broker_down_the_dispatcher_sweeps_the_parts_itself(monkeypatch, sends):
    build_companies()
    monkeypatch.setattr("ipguard.reminders.sweep.enqueue", lambda *args, **options: False)
    report = reminders_sweep_dispatch(parts=3, now=NOW)
    assert (report.part_tasks, report.parts_run_here) == (0, 3)
    by_dispatcher = ledger()
    SentReminder.objects.all().delete()
    reminders_sweep(now=NOW)
    assert ledger() == by_dispatcher and sum(by_dispatcher.values()) > 50


@pytest.mark.django_db
def test_one_part_means_one_sweep_in_the_beat_task(monkeypatch, settings, sends):
    from ipguard.reminders import tasks

    build_companies(1)
    settings.REMINDERS_SWEEP_PARTS = 1
    monkeypatch.setattr("ipguard.reminders.sweep.enqueue", pytest.fail)
    with time_machine.travel(NOW, tick=False):
        result = tasks.sweep_reminders()
    assert result["items"] == len(DUE_DAYS) * 2
    assert result["claimed"] == SentReminder.objects.count() > 0

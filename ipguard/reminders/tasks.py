"""Celery tasks: thin wrappers that take ids and call the sweep or the delivery services."""

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings

from ipguard.lib.tasks import enqueue
from ipguard.reminders import delivery
from ipguard.reminders.sweep import reminders_sweep, reminders_sweep_dispatch

logger = logging.getLogger(__name__)

RETRY_OPTIONS = {
    "autoretry_for": (delivery.DeliveryFailed,),
    "retry_backoff": 60,
    "retry_backoff_max": 3600,
    "retry_jitter": False,
    # The ledger counts attempts and marks the row failed; this is only a safety cap.
    "max_retries": delivery.MAX_ATTEMPTS,
}


@shared_task
def sweep_reminders():
    """The beat's sweep: split into REMINDERS_SWEEP_PARTS tasks, or one sweep here if 1."""
    if settings.REMINDERS_SWEEP_PARTS <= 1:
        report = reminders_sweep()
        return {"items": report.items, "claimed": report.claimed, "send_tasks": report.send_tasks}
    report = reminders_sweep_dispatch(parts=settings.REMINDERS_SWEEP_PARTS)
    return {"part_tasks": report.part_tasks, "parts_run_here": report.parts_run_here}


@shared_task
def sweep_reminders_part(ranges, now):
    """One part of a dispatched sweep: `ranges` from sweep_ranges, `now` the dispatch instant."""
    report = reminders_sweep(now=datetime.fromisoformat(now), ranges=ranges)
    return {"items": report.items, "claimed": report.claimed, "send_tasks": report.send_tasks}


@shared_task
def send_reminders(reminder_pks):
    """Send a chunk of immediate reminders; a failing one is retried on its own."""
    for pk in reminder_pks:
        try:
            delivery.reminder_deliver(reminder_pk=pk)
        except delivery.DeliveryFailed:
            enqueue(send_reminder, pk, countdown=delivery.retry_delay(1).total_seconds())


@shared_task(**RETRY_OPTIONS)
def send_reminder(reminder_pk):
    return delivery.reminder_deliver(reminder_pk=reminder_pk)


@shared_task
def send_digests(user_pks):
    for pk in user_pks:
        try:
            delivery.digest_deliver(user_pk=pk)
        except delivery.DeliveryFailed:
            enqueue(send_digest, pk, countdown=delivery.retry_delay(1).total_seconds())


@shared_task(**RETRY_OPTIONS)
def send_digest(user_pk):
    return delivery.digest_deliver(user_pk=user_pk)

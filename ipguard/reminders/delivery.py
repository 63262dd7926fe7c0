"""Sending claimed ledger rows: one email per immediate row, one digest per person.

A row is locked (SELECT ... FOR UPDATE SKIP LOCKED) for the time of its send and only a row
still `queued` is sent, so two tasks for the same row (a duplicate enqueue, a Celery retry and
a sweep's requeue) cannot both send it. If the worker dies mid-send its transaction rolls back
and the row is queued again for the next sweep.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from ipguard.lib.emails import build_email
from ipguard.portfolio.lapse import lapse_state
from ipguard.reminders.due_sources import get_source
from ipguard.reminders.links import action_url, unsubscribe_url
from ipguard.reminders.models import Delivery, ReminderStatus, SentReminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class DeliveryFailed(Exception):
    """The SMTP server refused or could not be reached; the row records it."""


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes, capped at an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def _open_item(row):
    """The item if it still exists, belongs to the row's company and wants reminders today."""
    source = get_source(row.source)
    item = source.get(row.item_id)
    if item is None or item.company_id != row.company_id or not source.is_open(item):
        return source, None
    if item.snoozed_until and item.snoozed_until > timezone.localdate():
        return source, None
    return source, item


def _lapse(source, item, today):
    """For a deadline with a grace period: in grace, or its last day (the right lost tomorrow)."""
    grace_ends = source.grace_ends(item)
    if grace_ends is None:
        return None
    return lapse_state(due=item.due_date, grace_ends=grace_ends, today=today)


def _entry(row, source, item, language):
    today = timezone.localdate()
    return {
        "reminder": row,
        "title": source.title(item, language),
        "why": source.why(item, language),
        "steps": source.what_to_do(item, language),
        "due_date": item.due_date,
        "days_left": (item.due_date - today).days,
        "days_overdue": (today - item.due_date).days,
        "lapse": _lapse(source, item, today),
        "is_escalation": row.is_escalation,
        "done_url": action_url(row, "done"),
        "snooze_url": action_url(row, "snooze"),
        "open_url": action_url(row, "open"),
    }


def _message(name, recipient, context, message_id):
    unsubscribe = unsubscribe_url(recipient)
    context = {
        "recipient": recipient,
        "unsubscribe_url": unsubscribe,
        "preferences_url": f"{settings.SITE_URL}{reverse('reminders:preferences')}",
        **context,
    }
    message = build_email(
        name,
        recipient.email,
        context,
        language=recipient.mail_language,
        headers={
            "Message-ID": f"<{message_id}@ipguard.reminders>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.connection = get_connection(timeout=settings.REMINDERS_SMTP_TIMEOUT_SECONDS)
    return message


def _record_failure(rows, error):
    """Count the attempt; give up after MAX_ATTEMPTS and leave the row failed for the owners."""
    now = timezone.now()
    final = False
    for row in rows:
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = ReminderStatus.FAILED
            final = True
        # Celery's autoretry paces the next attempts; the sweep only steps in if that retry is
        # lost, REMINDERS_REQUEUE_AFTER_SECONDS after this one.
        row.enqueued_at = now
        row.save(update_fields=["attempts", "last_error", "status", "enqueued_at"])
    return final


def _record_success(rows):
    now = timezone.now()
    for row in rows:
        row.status = ReminderStatus.SENT
        row.sent_at = now
        row.attempts += 1
        row.last_error = ""
        row.save(update_fields=["status", "sent_at", "attempts", "last_error", "title"])


def reminder_deliver(*, reminder_pk: int) -> str:
    """Send one immediate reminder. Returns what happened; raises DeliveryFailed to retry."""
    error = None
    with transaction.atomic():
        row = (
            SentReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "company")
            .filter(pk=reminder_pk, status=ReminderStatus.QUEUED)
            .first()
        )
        if row is None:
            return "not queued"
        source, item = _open_item(row)
        if item is None:
            row.status = ReminderStatus.CANCELLED
            row.save(update_fields=["status"])
            return "cancelled"
        language = row.recipient.mail_language
        entry = _entry(row, source, item, language)
        row.title = entry["title"][:300]
        message = _message(
            "reminder",
            row.recipient,
            {"company": row.company, **entry},
            message_id=f"reminder-{row.pk}",
        )
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - every transport error is recorded, then retried
            error = exc
            final = _record_failure([row], exc)
        else:
            _record_success([row])
            return "sent"
    logger.warning("reminder %s not sent: %s", reminder_pk, error)
    if final:
        return "failed"
    raise DeliveryFailed(str(error)) from error


def digest_deliver(*, user_pk: int) -> str:
    """Send one digest with every queued digest row of this person whose hour has come."""
    error = None
    with transaction.atomic():
        rows = list(
            SentReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "company")
            .filter(
                recipient_id=user_pk,
                status=ReminderStatus.QUEUED,
                delivery=Delivery.DIGEST,
                deliver_after__lte=timezone.now(),
            )
            .order_by("due_date", "pk")
        )
        if not rows:
            return "nothing due"
        recipient = rows[0].recipient
        language = recipient.mail_language
        entries, live_rows = [], []
        for row in rows:
            source, item = _open_item(row)
            if item is None:
                row.status = ReminderStatus.CANCELLED
                row.save(update_fields=["status"])
                continue
            entry = _entry(row, source, item, language)
            row.title = entry["title"][:300]
            entry["company"] = row.company
            entries.append(entry)
            live_rows.append(row)
        if not live_rows:
            return "cancelled"
        with translation.override(language):
            message = _message(
                "digest",
                recipient,
                {"entries": entries, "date": timezone.localdate()},
                message_id=f"digest-{user_pk}-{live_rows[0].pk}-{len(live_rows)}",
            )
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001
            error = exc
            final = _record_failure(live_rows, exc)
        else:
            _record_success(live_rows)
            return "sent"
    logger.warning("digest for user %s not sent: %s", user_pk, error)
    if final:
        return "failed"
    raise DeliveryFailed(str(error)) from error

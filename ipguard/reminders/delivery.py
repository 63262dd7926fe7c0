"""Sending claimed ledger rows: one email per immediate row, one digest per person.

Each send is three steps: claim (a short transaction moves a row still `queued` to `sending`,
locked with SELECT ... FOR UPDATE SKIP LOCKED), send (no transaction open), record (a short
transaction writes `sent`, or the failure). Two tasks for the same row (a duplicate enqueue, a
Celery retry and a sweep's requeue) cannot both claim it. If the worker dies mid-send the row
stays `sending` until its claim is REMINDERS_REQUEUE_AFTER_SECONDS old; the sweep then queues
it again, and the new message carries the same Message-ID.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from ipguard.lib.emails import build_email
from ipguard.portfolio.lapse import lapse_state
from ipguard.portfolio.rules import LOSES_NO_RIGHT_KINDS
from ipguard.reminders.due_sources import get_source
from ipguard.reminders.links import action_url, unsubscribe_url
from ipguard.reminders.models import Delivery, ReminderStatus, SentReminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RECORD_ATTEMPTS = 5


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
    if grace_ends is None or getattr(item, "kind", "") in LOSES_NO_RIGHT_KINDS:
        return None  # an opposition window loses no right of the owner, extended or not
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


def _write(work):
    """Run one short write transaction, trying again if the database is busy.

    The email has gone out by the time its send is recorded; losing the record to a transient
    "database is locked" (SQLite) would leave the row to be sent again after its claim expires.
    """
    for attempt in range(RECORD_ATTEMPTS):
        try:
            with transaction.atomic():
                return work()
        except OperationalError:
            if attempt == RECORD_ATTEMPTS - 1:
                raise
            logger.warning("recording a reminder send: database busy, trying again")
            time.sleep(0.5 * (attempt + 1))
    return None


def _claim(rows, now):
    """Mark rows "sending" inside the caller's transaction; the claim commits before the send."""
    for row in rows:
        row.status = ReminderStatus.SENDING
        row.claimed_at = now
        row.save(update_fields=["status", "claimed_at", "title"])


FAILURE_FIELDS = ["attempts", "last_error", "status", "enqueued_at"]
SUCCESS_FIELDS = ["status", "sent_at", "attempts", "last_error"]


def _mark_failure(rows, error) -> bool:
    """Count the attempt; give up after MAX_ATTEMPTS and leave the row failed for the owners."""
    now = timezone.now()
    final = False
    for row in rows:
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.status = ReminderStatus.QUEUED
        if row.attempts >= MAX_ATTEMPTS:
            row.status = ReminderStatus.FAILED
            final = True
        # Celery's autoretry paces the next attempts; the sweep only steps in if that retry is
        # lost, REMINDERS_REQUEUE_AFTER_SECONDS after this one.
        row.enqueued_at = now
    return final


def _mark_success(rows):
    now = timezone.now()
    for row in rows:
        row.status = ReminderStatus.SENT
        row.sent_at = now
        row.attempts += 1
        row.last_error = ""


def _save(rows, fields):
    for row in rows:
        row.save(update_fields=fields)


def _send_and_record(message, rows):
    """Send outside any transaction, then record the outcome in a short one.

    No write transaction (and on SQLite no database lock) is held during the SMTP
    conversation, so a slow mail server never blocks the web or the sweep, and the record
    cannot fail because someone else held the lock meanwhile. Returns (final, error).
    """
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - every transport error is recorded, then retried
        final = _mark_failure(rows, exc)
        _write(lambda: _save(rows, FAILURE_FIELDS))
        return final, exc
    _mark_success(rows)
    _write(lambda: _save(rows, SUCCESS_FIELDS))
    return False, None


def reminder_deliver(*, reminder_pk: int) -> str:
    """Send one immediate reminder. Returns what happened; raises DeliveryFailed to retry."""
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
        _claim([row], timezone.now())
    message = _message(
        "reminder",
        row.recipient,
        {"company": row.company, **entry},
        message_id=f"reminder-{row.pk}",
    )
    final, error = _send_and_record(message, [row])
    if error is None:
        return "sent"
    logger.warning("reminder %s not sent: %s", reminder_pk, error)
    if final:
        return "failed"
    raise DeliveryFailed(str(error)) from error


def digest_deliver(*, user_pk: int) -> str:
    """Send one digest with every queued digest row of this person whose hour has come."""
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
        _claim(live_rows, timezone.now())
    with translation.override(language):
        message = _message(
            "digest",
            recipient,
            {"entries": entries, "date": timezone.localdate()},
            message_id=f"digest-{user_pk}-{live_rows[0].pk}-{len(live_rows)}",
        )
    final, error = _send_and_record(message, live_rows)
    if error is None:
        return "sent"
    logger.warning("digest for user %s not sent: %s", user_pk, error)
    if final:
        return "failed"
    raise DeliveryFailed(str(error)) from error

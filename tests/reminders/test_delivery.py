"""Sending ledger rows: once, in the recipient's language, failures recorded and retried."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipguard.reminders import delivery, tasks
from ipguard.reminders.models import Delivery, ReminderPreference, ReminderStatus, SentReminder
from ipguard.reminders.sweep import reminders_sweep
from tests.factories import ActionItemFactory
from tests.reminders.builders import make_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks_inline(monkeypatch):
    """Tasks run in-process as they are enqueued, as a worker would run them."""
    monkeypatch.setattr(
        tasks.send_reminders, "apply_async", lambda args, **kw: tasks.send_reminders(*args)
    )
    monkeypatch.setattr(
        tasks.send_digests, "apply_async", lambda args, **kw: tasks.send_digests(*args)
    )
    retries = []
    monkeypatch.setattr(tasks.send_reminder, "apply_async", lambda args, **kw: retries.append(args))
    monkeypatch.setattr(tasks.send_digest, "apply_async", lambda args, **kw: retries.append(args))
    return retries


def sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_sweep()


def test_a_due_item_sends_one_email_with_the_facts_and_links(
    personas, run_tasks_inline, django_capture_on_commit_callbacks
):
    item = ActionItemFactory(
        company=personas.company,
        owner=personas.editor,
        due_date=timezone.localdate() + timedelta(days=7),
        title={"en": "File the US trademark", "zh_hans": "提交美国商标申请"},
        why={"en": "Amazon Brand Registry needs it.", "zh_hans": "亚马逊品牌备案需要。"},
        steps={"en": ["Ask the agent for a quote"], "zh_hans": ["请代理报价"]},
    )
    sweep(django_capture_on_commit_callbacks)
    sweep(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@acme.test"]
    assert message.subject == "[IPGuard] File the US trademark is due in 7 days"
    assert "Amazon Brand Registry needs it." in message.body
    assert "Ask the agent for a quote" in message.body
    assert item.due_date.isoformat() in message.body
    html = message.alternatives[0][0]
    assert "Mark done" in html and "Snooze 7 days" in html
    assert "/reminders/act/" in message.body and "/reminders/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    row = SentReminder.objects.get()
    assert row.status == ReminderStatus.SENT
    assert row.title == "File the US trademark"
    assert row.attempts == 1


def test_emails_are_in_the_recipients_language(
    personas, run_tasks_inline, django_capture_on_commit_callbacks
):
    personas.editor.language = "zh-hans"
    personas.editor.save()
    ActionItemFactory(
        company=personas.company,
        owner=personas.editor,
        due_date=timezone.localdate() - timedelta(days=3),
        title={"en": "File the US trademark", "zh_hans": "提交美国商标申请"},
    )
    sweep(django_capture_on_commit_callbacks)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["editor@acme.test"].subject == "[IPGuard] “提交美国商标申请”已逾期 3 天"
    assert "标记为完成" in by_recipient["editor@acme.test"].alternatives[0][0]
    owner_mail = by_recipient["owner@acme.test"]
    assert owner_mail.subject.startswith("[IPGuard] Escalation: File the US trademark is 3 days")


def test_deadline_emails_explain_the_statutory_risk(
    personas, run_tasks_inline, django_capture_on_commit_callbacks
):
    make_deadline(
        personas.company,
        due_date=timezone.localdate(),
        owner=personas.editor,
        grace_ends=timezone.localdate() + timedelta(days=180),
    )
    sweep(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == "[IPGuard] Renewal · SUNRISE · CN 12345678 is due today"
    assert "statutory deadline at China (CNIPA)" in message.body
    assert "grace period" in message.body


def test_the_item_closed_after_the_claim_is_not_sent(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    row = SentReminder.objects.create(
        company=personas.company,
        source="action",
        item_id=item.pk,
        recipient=personas.editor,
        slot="before:30",
        due_date=item.due_date,
        delivery=Delivery.IMMEDIATE,
        deliver_after=timezone.now(),
    )
    item.status = "done"
    item.save()
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "cancelled"
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "not queued"
    assert not mail.outbox


def test_a_second_task_for_the_same_row_does_not_send_again(
    personas, run_tasks_inline, django_capture_on_commit_callbacks
):
    ActionItemFactory(company=personas.company, owner=personas.editor)
    sweep(django_capture_on_commit_callbacks)
    row = SentReminder.objects.get()
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "not queued"
    tasks.send_reminders([row.pk, row.pk])
    assert len(mail.outbox) == 1


def test_smtp_failures_are_recorded_retried_and_finally_failed(
    personas, run_tasks_inline, django_capture_on_commit_callbacks, monkeypatch
):
    ActionItemFactory(company=personas.company, owner=personas.editor)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    sweep(django_capture_on_commit_callbacks)
    row = SentReminder.objects.get()
    assert row.status == ReminderStatus.QUEUED
    assert row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert run_tasks_inline == [(row.pk,)]  # retried on its own, with back-off
    for _ in range(delivery.MAX_ATTEMPTS - 2):
        with pytest.raises(delivery.DeliveryFailed):
            tasks.send_reminder(row.pk)
    assert tasks.send_reminder(row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == ReminderStatus.FAILED
    assert row.attempts == delivery.MAX_ATTEMPTS


def test_retry_task_has_celery_autoretry_with_backoff():
    assert tasks.send_reminder.autoretry_for == (delivery.DeliveryFailed,)
    assert tasks.send_reminder.retry_backoff == 60
    assert tasks.send_reminder.max_retries == delivery.MAX_ATTEMPTS


def test_a_digest_collects_every_due_item_in_one_email(
    personas, run_tasks_inline, django_capture_on_commit_callbacks
):
    ReminderPreference.objects.create(user=personas.editor, delivery=Delivery.DIGEST, digest_hour=8)
    today = timezone.localdate()
    ActionItemFactory(company=personas.company, owner=personas.editor, due_date=today)
    ActionItemFactory(
        company=personas.company, owner=personas.editor, due_date=today + timedelta(days=30)
    )
    make_deadline(personas.company, due_date=today + timedelta(days=1), owner=personas.editor)
    sweep(django_capture_on_commit_callbacks)
    assert not mail.outbox
    SentReminder.objects.update(deliver_after=timezone.now() - timedelta(minutes=1))
    sweep(django_capture_on_commit_callbacks)
    sweep(django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject.startswith("[IPGuard] 3 items need attention")
    assert message.body.count("/reminders/act/") == 9
    assert set(SentReminder.objects.values_list("status", flat=True)) == {"sent"}


def test_failed_reminders_show_to_owners_on_the_log_and_dashboard(
    personas, owner_client, editor_client
):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    SentReminder.objects.create(
        company=personas.company,
        source="action",
        item_id=item.pk,
        recipient=personas.editor,
        slot="before:30",
        due_date=item.due_date,
        delivery=Delivery.IMMEDIATE,
        deliver_after=timezone.now(),
        status=ReminderStatus.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: editor@acme.test",
        title="Register mark X",
    )
    page = owner_client.get(reverse("reminders:log"))
    assert page.status_code == 200
    assert "could not be delivered" in page.content.decode()
    assert "SMTPRecipientsRefused" in page.content.decode()
    assert "could not be delivered" in owner_client.get(reverse("core:dashboard")).content.decode()
    assert editor_client.get(reverse("reminders:log")).status_code == 403
    assert "could not be delivered" not in (
        editor_client.get(reverse("core:dashboard")).content.decode()
    )


def test_the_log_lists_only_the_current_companys_reminders(personas, owner_client):
    other_item = ActionItemFactory(company=personas.other_company)
    SentReminder.objects.create(
        company=personas.other_company,
        source="action",
        item_id=other_item.pk,
        recipient=personas.outsider,
        slot="before:30",
        due_date=date(2026, 1, 1),
        delivery=Delivery.IMMEDIATE,
        deliver_after=timezone.now(),
        title="Rival secret",
    )
    assert "Rival secret" not in owner_client.get(reverse("reminders:log")).content.decode()


def _queued_row(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    return SentReminder.objects.create(
        company=personas.company,
        source="action",
        item_id=item.pk,
        recipient=personas.editor,
        slot="before:30",
        due_date=item.due_date,
        delivery=Delivery.IMMEDIATE,
        deliver_after=timezone.now(),
    )


@pytest.mark.django_db(transaction=True)
def test_the_claim_commits_before_the_smtp_conversation_and_no_transaction_spans_it(
    personas, monkeypatch
):
    """On SQLite a transaction held across the SMTP call locked out the record of the send."""
    from django.db import connection

    row = _queued_row(personas)
    seen = {}
    real_send = mail.EmailMessage.send

    def observing_send(self, *args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        seen["status"] = SentReminder.objects.get(pk=row.pk).status
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", observing_send)
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "sent"
    assert seen == {"in_transaction": False, "status": ReminderStatus.SENDING}
    row.refresh_from_db()
    assert (row.status, row.attempts, len(mail.outbox)) == (ReminderStatus.SENT, 1, 1)


def test_a_claimed_row_is_not_sent_by_a_second_task(personas):
    row = _queued_row(personas)
    SentReminder.objects.filter(pk=row.pk).update(
        status=ReminderStatus.SENDING, claimed_at=timezone.now()
    )
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "not queued"
    assert not mail.outbox


def test_the_sweep_requeues_a_send_whose_worker_died_only_after_its_claim_expired(
    personas, settings, run_tasks_inline, django_capture_on_commit_callbacks
):
    settings.REMINDERS_REQUEUE_AFTER_SECONDS = 600
    row = _queued_row(personas)
    now = timezone.now()
    SentReminder.objects.filter(pk=row.pk).update(
        status=ReminderStatus.SENDING, claimed_at=now - timedelta(seconds=599), enqueued_at=now
    )
    sweep(django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.status == ReminderStatus.SENDING  # still inside its claim: maybe still sending
    assert not mail.outbox
    SentReminder.objects.filter(pk=row.pk).update(claimed_at=now - timedelta(seconds=601))
    report = sweep(django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert report.released == 1
    assert row.status == ReminderStatus.SENT
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [
        f"<reminder-{row.pk}@ipguard.reminders>"
    ]


def test_a_busy_database_while_recording_is_tried_again(personas, monkeypatch):
    from django.db import OperationalError

    row = _queued_row(personas)
    monkeypatch.setattr(delivery.time, "sleep", lambda seconds: None)
    real_save = delivery._save
    calls = []

    def locked_once(rows, fields):
        calls.append(fields)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        real_save(rows, fields)

    monkeypatch.setattr(delivery, "_save", locked_once)
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "sent"
    row.refresh_from_db()
    assert (row.status, row.attempts, len(calls), len(mail.outbox)) == ("sent", 1, 2, 1)

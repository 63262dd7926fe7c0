"""End to end: a real Celery worker on the real Redis sends to a real SMTP server on loopback.

The worker is then killed in the middle of a run; two more sweeps must deliver what was left,
and no message may arrive twice. The same test runs on the PostgreSQL test database and, through
a second pytest process, on a SQLite file shared by the test and the worker (`make run`'s set-up).
"""

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from ipguard.celery import app as celery_app
from ipguard.reminders import delivery
from ipguard.reminders.models import ReminderStatus, SentReminder
from ipguard.reminders.sweep import reminders_sweep
from tests.celery_worker import ROOT, running_worker, wait_until
from tests.factories import ActionItemFactory, CompanyFactory, member


class Mailbox:
    """aiosmtpd handler that keeps every accepted message.

    `hold_at = n` makes the n-th MAIL command wait until released, so a test can kill the
    worker at a known point in the middle of a send.
    """

    def __init__(self):
        self.messages = []
        self.mail_commands = 0
        self.hold_at = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self._lock:
            self.mail_commands += 1
            hold = self.mail_commands == self.hold_at
        if hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        with self._lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def count(self):
        with self._lock:
            return len(self.messages)

    def message_ids(self):
        with self._lock:
            return [message["Message-ID"] for _, message in self.messages]

    def recipients(self):
        with self._lock:
            return Counter(rcpt for rcpts, _ in self.messages for rcpt in rcpts)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def queue(settings):
    name = f"test-reminders-{uuid.uuid4().hex[:10]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = name
    settings.REMINDERS_REQUEUE_AFTER_SECONDS = 2
    yield name
    celery_app.conf.task_default_queue = previous
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(name)


def worker_env(mailbox):
    return {
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "REMINDERS_REQUEUE_AFTER_SECONDS": "2",
        "SITE_URL": "http://testserver",
    }


def ledger_statuses():
    return Counter(SentReminder.objects.values_list("status", flat=True))


@pytest.mark.integration
def test_each_reminder_arrives_exactly_once_even_when_the_worker_is_killed(
    transactional_db, mailbox, queue
):
    company = CompanyFactory()
    owner = member(company, "owner", email="boss@example.test")
    editor = member(company, "editor", email="doer@example.test", language="zh-hans")
    today = timezone.localdate()
    for _ in range(5):
        ActionItemFactory(company=company, owner=editor, due_date=today + timedelta(days=7))
    # Overdue: the editor is reminded and the owner gets an escalation.
    ActionItemFactory(company=company, owner=editor, due_date=today - timedelta(days=2))
    ActionItemFactory(company=company, owner=editor, due_date=today, status="done")

    with running_worker(queue=queue, extra_env=worker_env(mailbox)) as worker:
        reminders_sweep()
        reminders_sweep()  # a duplicate beat
        wait_until(lambda: mailbox.count() >= 7, timeout=60, message="the first 7 emails")
        time.sleep(2)  # anything extra would have arrived by now
        assert mailbox.count() == 7, worker.output
        assert mailbox.recipients() == {"doer@example.test": 6, "boss@example.test": 1}
        chinese = next(m for r, m in mailbox.messages if r == ("doer@example.test",))
        assert chinese.is_multipart()
        assert {part.get_content_type() for part in chinese.walk()} >= {"text/plain", "text/html"}
        assert ledger_statuses() == {ReminderStatus.SENT: 7}

    # A second wave; the worker dies while sending its 12th message.
    for _ in range(30):
        ActionItemFactory(company=company, owner=owner, due_date=today + timedelta(days=1))
    mailbox.hold_at = mailbox.mail_commands + 12
    with running_worker(queue=queue, extra_env=worker_env(mailbox)) as worker:
        reminders_sweep()
        assert mailbox.holding.wait(60), worker.output
        worker.kill()
    mailbox.release.set()
    assert mailbox.count() == 7 + 11
    # The 12th was claimed (committed as "sending") before its SMTP conversation began.
    assert ledger_statuses() == {
        ReminderStatus.SENT: 18,
        ReminderStatus.SENDING: 1,
        ReminderStatus.QUEUED: 18,
    }

    with running_worker(queue=queue, extra_env=worker_env(mailbox)):
        time.sleep(2.5)  # past REMINDERS_REQUEUE_AFTER_SECONDS: the lost task is presumed lost
        reminders_sweep()
        time.sleep(2.5)
        reminders_sweep()
        wait_until(
            lambda: ledger_statuses() == {ReminderStatus.SENT: 37},
            timeout=90,
            message="every reminder sent",
        )
        time.sleep(2)

    ids = mailbox.message_ids()
    duplicates = [mid for mid, seen in Counter(ids).items() if seen > 1]
    assert not duplicates, duplicates
    assert len(ids) == 37
    assert mailbox.recipients() == {"doer@example.test": 6, "boss@example.test": 31}
    assert set(ids) == {
        f"<reminder-{pk}@ipguard.reminders>"
        for pk in SentReminder.objects.values_list("pk", flat=True)
    }


@pytest.mark.integration
def test_the_worker_test_also_passes_on_a_sqlite_file(tmp_path):
    """Web, worker and beat on one SQLite file must also send each reminder exactly once."""
    if connection.vendor == "sqlite":
        pytest.skip("this session already runs the worker test on SQLite")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "true"}
    tests = [
        f"{__file__}::test_each_reminder_arrives_exactly_once_even_when_the_worker_is_killed",
        f"{__file__}::test_on_sqlite_a_send_is_recorded_while_another_process_writes",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *tests, "-q", "-p", "no:cacheprovider", "-x"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout


@pytest.mark.integration
def test_on_sqlite_a_send_is_recorded_while_another_process_writes(transactional_db, monkeypatch):
    """The bug of `make run`: the web wrote while the send task held a read transaction across
    the SMTP call, so recording the send failed with "database is locked" and the next sweep
    sent it again. Now the claim commits first and the record waits for the lock."""
    if connection.vendor != "sqlite":
        pytest.skip("runs in the SQLite session of the test above")
    from django.core import mail

    company = CompanyFactory()
    editor = member(company, "editor", email="doer@example.test")
    ActionItemFactory(company=company, owner=editor, due_date=timezone.localdate())
    reminders_sweep()
    row = SentReminder.objects.get()
    path = connection.settings_dict["NAME"]
    real_send = mail.EmailMessage.send

    def send_while_the_web_writes(message, *args, **kwargs):
        sent = real_send(message, *args, **kwargs)
        writing = threading.Event()

        def web_request():
            other = sqlite3.connect(path, timeout=20, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE reminders_sentreminder SET title = title WHERE id = ?", [row.pk])
            writing.set()
            time.sleep(1.5)
            other.execute("COMMIT")
            other.close()

        threading.Thread(target=web_request, daemon=True).start()
        assert writing.wait(10)
        return sent

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", send_while_the_web_writes)
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "sent"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (ReminderStatus.SENT, 1)
    assert len(mail.outbox) == 1

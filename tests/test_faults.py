"""Fault injection with real processes: workers and a web server killed with SIGKILL mid-task,
a private Redis stopped during a request and started again.

After recovery every report is ready (or failed with a reason), every due reminder was sent
exactly once, and no evidence file or row is orphaned. Nothing here touches the shared Redis
on 6379 except through this run's own queues.
"""

import http.client
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipguard.celery import app as celery_app
from ipguard.evidence.models import EvidenceEntry, EvidenceRecord
from ipguard.evidence.orphans import vault_orphans
from ipguard.reminders.models import SentReminder
from ipguard.reminders.sweep import reminders_sweep
from ipguard.reports import services
from ipguard.reports.models import Report
from tests import celery_worker
from tests.celery_worker import ROOT, running_worker, wait_until
from tests.factories import ActionItemFactory, AssessmentFactory
from tests.reminders.test_worker_delivery import Mailbox, free_port, worker_env
from tests.test_redis_down import _use_broker

pytestmark = pytest.mark.integration

LEASE = 4  # seconds; TASK_LEASE_SECONDS for this module's workers and sweeps


@pytest.fixture
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def reports_root(settings, tmp_path):
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


@pytest.fixture
def own_queue(settings):
    """This test's tasks go to (and its workers read) a queue of its own."""
    name = f"test-faults-{uuid.uuid4().hex[:10]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = name
    settings.TASK_LEASE_SECONDS = LEASE
    settings.REPORTS_REQUEUE_AFTER_SECONDS = 1
    settings.REMINDERS_REQUEUE_AFTER_SECONDS = 2
    yield name
    celery_app.conf.task_default_queue = previous
    try:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_purge(name)
    except Exception:  # noqa: BLE001 - a private Redis may be gone already
        pass


def _past_lease(report):
    report.refresh_from_db()
    left = (report.started_at + timedelta(seconds=LEASE + 0.2) - timezone.now()).total_seconds()
    time.sleep(max(left, 0))


def _finished(report):
    return Report.objects.get(pk=report.pk).status in ("ready", "failed")


def test_workers_killed_mid_render_and_mid_reminder_lose_nothing_and_send_nothing_twice(
    transactional_db,
    personas,
    reports_root,
    mailbox,
    own_queue,
):
    AssessmentFactory(company=personas.company, number=1, overall_score=62)
    today = timezone.localdate()
    for _ in range(6):
        ActionItemFactory(company=personas.company, owner=personas.editor, due_date=today)
    env = {
        **worker_env(mailbox),
        "REPORTS_ROOT": str(reports_root),
        "TASK_LEASE_SECONDS": str(LEASE),
    }

    # One worker: the render is slowed down so it is surely mid-render when killed; the third
    # email waits at the SMTP server so the worker is surely mid-send when killed.
    mailbox.hold_at = 3
    with running_worker(app="tests.slow_worker", queue=own_queue,
                        extra_env={**env, "SLOW_RENDER_SECONDS": "60"}) as worker:  # fmt: skip
        reminders_sweep()
        assert mailbox.holding.wait(60), worker.output
        worker.kill()
    mailbox.release.set()
    with running_worker(app="tests.slow_worker", queue=own_queue,
                        extra_env={**env, "SLOW_RENDER_SECONDS": "60"}) as worker:  # fmt: skip
        report = services.report_request(company=personas.company, quarter="2026-Q4", language="en")
        wait_until(lambda: Report.objects.get(pk=report.pk).status == "rendering", timeout=180,
                   message="the render to start")  # fmt: skip
        worker.kill()
    assert Counter(SentReminder.objects.values_list("status", flat=True)) == {
        "sent": 2, "sending": 1, "queued": 3,
    }  # fmt: skip

    # Recovery: a new worker and the two sweeps the beat would run.
    with running_worker(queue=own_queue, extra_env=env):
        _past_lease(report)  # also past the 2 s after which a claimed send is presumed lost
        assert services.report_requeue_stale() == [report.pk]
        reminders_sweep()
        wait_until(lambda: _finished(report), timeout=180, message="the render to finish")
        wait_until(
            lambda: set(SentReminder.objects.values_list("status", flat=True)) == {"sent"},
            timeout=180,
            message="every reminder sent",
        )
        time.sleep(1)  # a duplicate would have arrived by now
    report.refresh_from_db()
    assert report.status == "ready", report.failure_reason
    ids = mailbox.message_ids()
    reminders = [mid for mid in ids if mid.endswith("@ipguard.reminders>")]
    assert len(reminders) == len(set(reminders)) == SentReminder.objects.count() == 6
    assert mailbox.recipients()["owner@acme.test"] == 1  # "your report is ready", once


def test_a_pool_process_killed_mid_render_is_taken_over_once_its_lease_is_over(
    transactional_db, personas, reports_root, own_queue, tmp_path
):
    """kill -9 of the prefork child only: the worker survives and Celery requeues the task; the
    render is finished by the redelivered copy or by the sweep, whichever comes after its lease
    (tests/reports/test_workflow.py checks that a copy inside the lease leaves it alone)."""
    AssessmentFactory(company=personas.company, number=1, overall_score=62)
    env = {"REPORTS_ROOT": str(reports_root), "TASK_LEASE_SECONDS": str(LEASE),
           "SLOW_RENDER_SECONDS": "60",
           "SLOW_RENDER_ONCE_FILE": str(tmp_path / "slowed")}  # fmt: skip
    with running_worker(app="tests.slow_worker", queue=own_queue, extra_env=env,
                        pool="prefork") as worker:  # fmt: skip
        report = services.report_request(company=personas.company, quarter="2026-Q4", language="en")
        wait_until(lambda: Report.objects.get(pk=report.pk).status == "rendering", timeout=180,
                   message="the render to start")  # fmt: skip
        for child in worker.pool_children():
            os.kill(child, signal.SIGKILL)
        # Celery requeues the lost task at once. The new pool process takes the render over if
        # its lease is already over, else leaves it to the sweep.
        _past_lease(report)
        assert services.report_requeue_stale() in ([], [report.pk])
        wait_until(lambda: _finished(report), timeout=180, message="the render to finish")
    report.refresh_from_db()
    assert (report.status, report.render_attempts) == ("ready", 2), report.failure_reason


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of this test's own on a free port, that the test may stop and start."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            wait_until(self._answers, timeout=20, message="the private Redis")

        def stop(self):
            self.process.kill()
            self.process.wait(timeout=10)

        def _answers(self):
            return port_answers(port, b"PING\r\n", b"+PONG")

    server = Server()
    server.start()
    working = celery_app.conf.broker_url
    _use_broker(server.url)
    yield server
    _use_broker(working)
    if server.process.poll() is None:
        server.stop()


def port_answers(port, probe=b"", expect=b""):
    """True if something accepts connections on `port` (and answers `probe` with `expect`)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
            if probe:
                connection.sendall(probe)
                return connection.recv(16).startswith(expect)
            return True
    except OSError:
        return False


def test_a_report_requested_while_redis_is_stopped_is_rendered_once_it_is_back(
    transactional_db, personas, owner_client, reports_root, own_queue, private_redis, monkeypatch
):
    real_enqueue = services.enqueue

    def redis_dies_first(task, *args, **options):
        # Mid-request: the report row has committed, and Redis goes away before the enqueue.
        private_redis.stop()
        return real_enqueue(task, *args, **options)

    monkeypatch.setattr(services, "enqueue", redis_dies_first)
    started = time.monotonic()
    response = owner_client.post(
        reverse("reports:report_request"),
        {"quarter": "2026-Q4", "language": "en", "paper": "A4"},
        follow=True,
    )
    assert time.monotonic() - started < 8
    assert "it will start when the worker is reachable" in response.content.decode()
    assert owner_client.get(reverse("reports:report_list")).status_code == 200
    report = Report.objects.get()
    assert (report.status, report.enqueued_at) == ("queued", None)
    monkeypatch.setattr(services, "enqueue", real_enqueue)

    private_redis.start()  # empty: whatever it held before is gone too
    env = {"REDIS_URL": private_redis.url, "REPORTS_ROOT": str(reports_root)}
    with running_worker(queue=own_queue, extra_env=env):
        assert services.report_requeue_stale() == [report.pk]
        wait_until(lambda: _finished(report), timeout=180, message="the render")
    report.refresh_from_db()
    assert report.status == "ready", report.failure_reason


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        body.write(f"{value}\r\n".encode())
    for name, (file_name, content) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        )
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def _children(pid):
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path) as listing:
        return [int(child) for child in listing.read().split()]


def test_a_web_server_killed_mid_upload_leaves_no_record_and_a_file_the_clean_up_removes(
    transactional_db, personas, tmp_path, settings
):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.EVIDENCE_ORPHAN_MIN_AGE_SECONDS = 0
    client = Client()
    client.force_login(personas.editor)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    port = free_port()
    env = {**os.environ, "DATABASE_URL": celery_worker.test_database_url(), "DEBUG": "true",
           "MEDIA_ROOT": str(media), "SLOW_STORE_SECONDS": "60"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tests.slow_wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until(lambda: port_answers(port), timeout=30, message="gunicorn")
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        page.request("GET", reverse("evidence:record_create"),
                     headers={"Cookie": f"sessionid={session}"})  # fmt: skip
        answer = page.getresponse()
        answer.read()
        assert answer.status == 200
        token = answer.headers["Set-Cookie"].split("csrftoken=", 1)[1].split(";", 1)[0]
        content = os.urandom(200_000)  # several chunks: the pause falls inside the copy
        body, content_type = _multipart(
            {"title": "Lamp drawings"}, {"files": ("lamp.dwg", content)}
        )

        def upload():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
            try:
                connection.request("POST", reverse("evidence:record_create"), body=body, headers={
                    "Cookie": f"sessionid={session}; csrftoken={token}",
                    "X-CSRFToken": token, "Content-Type": content_type,
                })  # fmt: skip
                connection.getresponse().read()
            except (OSError, http.client.HTTPException):
                pass  # the server died under it, as intended

        uploader = threading.Thread(target=upload, daemon=True)
        uploader.start()
        wait_until(lambda: any(media.rglob("*.partial")), timeout=30, message="the upload")
        for pid in _children(server.pid):
            os.kill(pid, signal.SIGKILL)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        uploader.join(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert not EvidenceRecord.objects.exists() and not EvidenceEntry.objects.exists()
    found = vault_orphans(personas.company)
    assert [stray.name.rsplit("/", 1)[1] for stray in found.files_without_entry] == [
        "lamp.dwg.partial"
    ]
    call_command("remove_evidence_orphans", "--yes", stdout=io.StringIO())
    assert vault_orphans().clean
    assert not [path for path in media.rglob("*") if path.is_file()]

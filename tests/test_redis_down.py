"""With Redis unreachable every page and POST still answers, and queued work is not lost.

The broker is pointed at a closed port (nothing of the shared Redis is touched): a request that
enqueues gives up within the broker's short time-outs, the row stays queued, and the sweep
enqueues it once Redis answers again.
"""

import socket
import time
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from ipguard.celery import app as celery_app
from ipguard.reports import services
from ipguard.reports.models import Report
from tests.test_tenant_isolation import (
    NOT_TENANT_DATA,
    _object_factories,
    _url_arguments,
    iter_named_patterns,
)

# POSTs that would end the walking user's session or membership; their views enqueue nothing.
SESSION_ENDING = {"accounts:logout", "accounts:company_leave", "accounts:company_switch"}
# A request that waits on an unreachable broker longer than this would tie up a web worker. A
# closed port is refused in a fraction of a second and a silent Redis is given up after the 5 s
# socket time-out; the margin is for a loaded machine, where one page once took 9.7 s.
SLOW_REQUEST_SECONDS = 20


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe is


def _use_broker(url):
    celery_app.conf.broker_url = url
    celery_app._after_fork()  # drop pooled connections to the previous broker


@pytest.fixture
def test_queue():
    name = f"test-redis-down-{uuid.uuid4().hex[:10]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = name
    yield name
    celery_app.conf.task_default_queue = previous
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(name)


@pytest.fixture
def redis_down(test_queue):
    working = celery_app.conf.broker_url
    _use_broker(f"redis://127.0.0.1:{closed_port()}/0")
    yield
    _use_broker(working)


def queue_length(name):
    with celery_app.connection_for_write() as connection:
        return connection.default_channel.client.llen(name)


def _timed(call, url):
    started = time.monotonic()
    response = call(url)
    took = time.monotonic() - started
    assert response.status_code < 500, (url, response.status_code)
    assert took < SLOW_REQUEST_SECONDS, (url, took)
    return response


@pytest.mark.django_db(transaction=True)
def test_every_page_and_post_answers_while_redis_is_down(personas, owner_client, redis_down):
    # One object per kind, made before any POST can make one of its own.
    made = {arg: make(personas.company) for arg, make in _object_factories().items()}
    walked = 0
    for name, pattern in iter_named_patterns():
        if name in NOT_TENANT_DATA or "uidb64" in _url_arguments(pattern):
            continue  # signed-token links, walked by their own tests
        url = reverse(name, kwargs={arg: made[arg] for arg in _url_arguments(pattern)})
        _timed(owner_client.get, url)
        if name not in SESSION_ENDING:
            _timed(lambda url: owner_client.post(url, {}), url)
        walked += 1
    assert walked > 30


@pytest.mark.django_db(transaction=True)
def test_a_report_requested_while_redis_is_down_starts_once_redis_is_back(
    personas, owner_client, test_queue, redis_down
):
    started = time.monotonic()
    response = owner_client.post(
        reverse("reports:report_request"),
        {"quarter": "2026-Q4", "language": "en", "paper": "A4"},
        follow=True,
    )
    assert time.monotonic() - started < SLOW_REQUEST_SECONDS
    assert response.status_code == 200
    assert "it will start when the worker is reachable" in response.content.decode()
    report = Report.objects.get(company=personas.company)
    assert (report.status, report.enqueued_at) == ("queued", None)
    rows = owner_client.get(reverse("reports:report_list"), headers={"HX-Request": "true"})
    assert "It will start when the worker is reachable." in rows.content.decode()
    assert services.report_requeue_stale() == []  # still down: nothing reached the queue
    report.refresh_from_db()
    assert report.enqueued_at is None

    _use_broker(settings.CELERY_BROKER_URL)  # Redis is back
    assert services.report_requeue_stale() == [report.pk]
    assert services.report_requeue_stale() == []  # enqueued once, not at every sweep
    assert queue_length(test_queue) == 1
    report.refresh_from_db()
    assert report.status == "queued" and report.enqueued_at is not None
    rows = owner_client.get(reverse("reports:report_list"), headers={"HX-Request": "true"})
    assert "when the worker is reachable" not in rows.content.decode()


@pytest.mark.django_db(transaction=True)
def test_reminders_claimed_while_redis_is_down_are_enqueued_by_the_next_sweep(
    personas, test_queue, redis_down
):
    from ipguard.reminders.models import SentReminder
    from ipguard.reminders.sweep import reminders_sweep
    from tests.factories import ActionItemFactory

    ActionItemFactory(company=personas.company, owner=personas.editor)
    reminders_sweep()
    row = SentReminder.objects.get()
    assert (row.status, row.enqueued_at) == ("queued", None)  # claimed, waiting for the broker
    _use_broker(settings.CELERY_BROKER_URL)
    reminders_sweep()
    row.refresh_from_db()
    assert row.enqueued_at is not None
    assert queue_length(test_queue) == 1

"""The periodic heartbeat runs through a real worker and beat, on the real Redis."""

import pytest
from django.urls import reverse

from ipguard.core.models import WorkerHeartbeat
from tests.celery_worker import running_worker, wait_until


@pytest.mark.integration
def test_beat_schedules_the_heartbeat_and_a_worker_runs_it(transactional_db, client):
    assert not WorkerHeartbeat.objects.exists()
    with running_worker(beat=True, extra_env={"HEARTBEAT_SECONDS": "1"}) as worker:
        wait_until(WorkerHeartbeat.objects.exists, timeout=60, message="a heartbeat")
        first = WorkerHeartbeat.objects.get().last_seen
        # A second beat proves the task is periodic, not a one-off.
        wait_until(
            lambda: WorkerHeartbeat.objects.get().last_seen > first,
            timeout=30,
            message="a second heartbeat",
        )
    assert "record_heartbeat" in worker.output
    health = client.get(reverse("core:health")).json()
    assert health["database"] == "ok"
    assert health["worker_seconds_ago"] is not None

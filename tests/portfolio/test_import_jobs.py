"""The confirm step as a job: queued after commit, run by a worker, all rows or none."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from ipguard.portfolio import imports, tasks
from ipguard.portfolio.models import Asset, Filing, ImportJob
from tests.celery_worker import running_worker, wait_until
from tests.factories import ImportJobFactory

ROWS = (
    "asset,right,mark_type,nice_classes,office,number,filing_date,registration_date\n"
    "SUNBEAM,trademark,word,9,CN,40123456,2014-05-06,2016-03-14\n"
    "SUNBEAM,trademark,word,9,US,88000001,2019-01-10,2020-02-28\n"
    "LED DRIVER,patent,,,CN,202510000001.X,2025-03-01,\n"
)


def _check(client, body=ROWS):
    response = client.post(
        reverse("portfolio:import"), {"file": SimpleUploadedFile("register.csv", body.encode())}
    )
    assert response.status_code == 200
    return ImportJob.objects.latest("pk")


def _confirm(client, job):
    return client.post(reverse("portfolio:import_confirm", args=[job.pk]))


def _broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.mark.django_db
def test_confirm_queues_after_commit_and_the_task_imports_everything(
    personas, editor_client, django_capture_on_commit_callbacks, monkeypatch
):
    job = _check(editor_client)
    assert job.status == "checked" and job.total == 3 and not Asset.objects.exists()
    sent = []
    monkeypatch.setattr(tasks.run_import, "apply_async", lambda **kw: sent.append(kw))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _confirm(editor_client, job)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert not sent and len(callbacks) == 1  # nothing reaches the broker before the commit
    callbacks[0]()
    assert sent == [{"args": [job.pk], "retry": False}]

    job.refresh_from_db()
    assert job.status == "queued" and job.enqueued_at is not None
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert "3 rows queued." in page and "hx-trigger" in page

    assert tasks.run_import(job.pk) == "done"  # the task, called as the worker calls it
    assert tasks.run_import(job.pk) is None  # a redelivered message finds nothing to do
    job.refresh_from_db()
    assert (job.status, job.assets_made, job.filings_made) == ("done", 2, 3)
    assert Filing.objects.filter(asset__company=personas.company).count() == 3
    progress = editor_client.get(reverse("portfolio:import_job_progress", args=[job.pk]))
    assert "Imported 3 filings (2 new assets)." in progress.content.decode()
    assert "hx-trigger" not in progress.content.decode()  # polling stops when the job is over
    # a second confirm changes nothing
    _confirm(editor_client, job)
    assert ImportJob.objects.get(pk=job.pk).status == "done"


@pytest.mark.django_db
def test_running_job_shows_its_progress_and_survives_redis_being_down(
    personas, editor_client, monkeypatch
):
    job = ImportJobFactory(company=personas.company, status="running", total=200)
    imports.progress_set(job.pk, 100)
    url = reverse("portfolio:import_job_progress", args=[job.pk])
    page = editor_client.get(url).content.decode()
    assert "Importing: 100 of 200 rows written." in page and 'value="50"' in page

    def unreachable():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(imports, "_redis", unreachable)
    response = editor_client.get(url)
    assert response.status_code == 200 and "Importing…" in response.content.decode()


@pytest.mark.django_db
def test_broker_down_the_page_answers_and_the_sweep_hands_it_over_later(
    personas, editor_client, django_capture_on_commit_callbacks, monkeypatch
):
    job = _check(editor_client)
    monkeypatch.setattr(tasks.run_import, "apply_async", _broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("portfolio:import_confirm", args=[job.pk]), follow=True
        )
    assert response.status_code == 200
    assert "3 rows queued. They will start when the worker is reachable" in (
        response.content.decode()
    )
    job.refresh_from_db()
    assert job.status == "queued" and job.enqueued_at is None

    # Redis is back: the beat sweep hands the job to a worker (here: runs it in place).
    monkeypatch.setattr(tasks.run_import, "apply_async", lambda args, **kw: tasks.run_import(*args))
    assert imports.import_jobs_requeue_stale() == [job.pk]
    job.refresh_from_db()
    assert job.status == "done" and job.filings_made == 3
    assert imports.import_jobs_requeue_stale() == []


@pytest.mark.django_db
def test_sweep_takes_over_a_dead_workers_job_and_forgets_unconfirmed_files(personas, monkeypatch):
    now = timezone.now()
    dead = ImportJobFactory(
        company=personas.company, status="running", started_at=now - timedelta(hours=1)
    )
    live = ImportJobFactory(company=personas.company, status="running", started_at=now)
    abandoned = ImportJobFactory(company=personas.company)
    ImportJob.objects.filter(pk=abandoned.pk).update(created_at=now - timedelta(days=2))
    sent = []
    monkeypatch.setattr(tasks.run_import, "apply_async", lambda args, **kw: sent.append(args))
    assert imports.import_jobs_requeue_stale(now=now) == [dead.pk]
    assert sent == [[dead.pk]]
    assert ImportJob.objects.get(pk=live.pk).status == "running"
    assert not ImportJob.objects.filter(pk=abandoned.pk).exists()


@pytest.mark.django_db
def test_a_failing_row_leaves_nothing_behind(personas):
    job = ImportJobFactory(company=personas.company, status="queued")
    good = dict(job.rows[0])
    broken = {**good, "asset": "BROKEN", "office": "CN", "filing_date": "2020-02-30"}
    ImportJob.objects.filter(pk=job.pk).update(rows=[good, broken], total=2)
    assert tasks.run_import(job.pk) == "failed"
    job.refresh_from_db()
    assert "day is out of range" in job.failure
    assert not Asset.objects.filter(company=personas.company).exists()  # all or nothing


@pytest.mark.integration
def test_a_real_worker_imports_a_confirmed_file(
    transactional_db, personas, editor_client, monkeypatch
):
    job = _check(editor_client)
    with running_worker() as worker:
        original = tasks.run_import.apply_async
        monkeypatch.setattr(
            tasks.run_import,
            "apply_async",
            lambda **kw: original(queue=worker.queue, **kw),
        )
        assert _confirm(editor_client, job).status_code == 302
        wait_until(
            lambda: ImportJob.objects.get(pk=job.pk).status in ("done", "failed"),
            timeout=90,
            message="the worker to import the file",
        )
    job.refresh_from_db()
    assert job.status == "done", job.failure or worker.output
    assert "run_import" in worker.output
    assert Filing.objects.filter(asset__company=personas.company).count() == 3

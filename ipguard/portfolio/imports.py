"""The spreadsheet import as a job: checked, confirmed, run by a worker, followed by the page.

A 5,000-row import takes longer than a web request may (gunicorn kills a worker after 30 s), so
the confirm step only queues the job; a Celery task writes every row in one transaction (all or
nothing, as before). The task is handed to the broker after the job's row has committed; if the
broker cannot be reached the page still answers and `import_jobs_requeue_stale` (beat) hands it
over again. Progress is a counter in Redis, best effort: the job's status in the database is
what counts.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ipguard.lib.tasks import enqueue
from ipguard.portfolio.models import ImportJob
from ipguard.portfolio.services import filings_import

logger = logging.getLogger(__name__)

Status = ImportJob.Status
# A queued job the worker has not started this long after its hand-over is handed over again.
STALE_QUEUED = timedelta(minutes=2)
# A running job whose worker died (its transaction rolled back) is taken over after this long:
# longer than the task's time limit, so a slow but live run is never run twice.
IMPORT_TIME_LIMIT = 15 * 60  # seconds; 5,000 rows take well under a minute
STALE_RUNNING = timedelta(seconds=IMPORT_TIME_LIMIT + 60)
# Checked files nobody confirmed are deleted after this long.
CHECKED_KEPT = timedelta(days=1)
PROGRESS_EVERY = 100  # rows between two progress updates
PROGRESS_TTL = 3600  # seconds a progress counter is kept in Redis


# --- Progress (Redis, best effort) ------------------------------------------------------------


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=0.5, socket_connect_timeout=0.5)


def _progress_key(job_id: int) -> str:
    return f"ipguard:import:{job_id}:done"


def progress_set(job_id: int, done: int) -> None:
    try:
        _redis().set(_progress_key(job_id), done, ex=PROGRESS_TTL)
    except Exception:  # Redis down or slow: the bar stands still, the import goes on
        logger.warning("import %s: progress not recorded", job_id, exc_info=True)


def progress_get(job: ImportJob) -> int | None:
    """Rows written so far, or None when unknown (not started, or Redis unreachable)."""
    if job.status == Status.DONE:
        return job.total
    if job.status != Status.RUNNING:
        return None
    try:
        value = _redis().get(_progress_key(job.pk))
    except Exception:
        return None
    return int(value) if value is not None else 0


# --- Services ---------------------------------------------------------------------------------


def import_job_check(*, company, user, file_name: str, rows: list[dict]) -> ImportJob:
    """Keep the preview's good rows until the user confirms (or a day passes)."""
    return ImportJob.objects.create(
        company=company, created_by=user, file_name=file_name[:255], rows=rows, total=len(rows)
    )


def _enqueue(job_id: int) -> bool:
    """Hand the job to the broker; False (and logged) when the broker cannot be reached."""
    from ipguard.portfolio.tasks import run_import

    # retry=False: an unreachable broker must not hold the web request; the sweep retries.
    if not enqueue(run_import, job_id, retry=False):
        return False
    ImportJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    return True


def import_job_confirm(*, job: ImportJob) -> bool:
    """checked -> queued, once (a second click changes nothing); enqueued after commit."""
    with transaction.atomic():
        moved = ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED, total__gt=0).update(
            status=Status.QUEUED, queued_at=timezone.now()
        )
        if moved:
            transaction.on_commit(lambda: _enqueue(job.pk))
    return bool(moved)


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Claim a queued job and write all its rows in one transaction; None if not ours to run."""
    claimed = ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # already run, running elsewhere, or a redelivered task: nothing to do
        return None
    job = ImportJob.objects.select_related("company", "created_by").get(pk=job_id)
    progress_set(job.pk, 0)
    try:
        assets, filings = filings_import(
            company=job.company,
            rows=job.rows,
            user=job.created_by,
            progress=lambda done: progress_set(job.pk, done),
            progress_every=PROGRESS_EVERY,
        )
    except Exception as error:
        logger.exception("import %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
            status=Status.FAILED, failure=str(error)[:2000], finished_at=timezone.now()
        )
    else:
        ImportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
            status=Status.DONE,
            assets_made=assets,
            filings_made=filings,
            rows=[],  # written to the register; no need to keep a second copy
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def import_jobs_requeue_stale(*, now=None) -> list[int]:
    """Beat: hand over again queued jobs never started and running jobs whose worker died."""
    now = now or timezone.now()
    ImportJob.objects.filter(status=Status.CHECKED, created_at__lt=now - CHECKED_KEPT).delete()
    ImportJob.objects.filter(status=Status.RUNNING, started_at__lt=now - STALE_RUNNING).update(
        status=Status.QUEUED, started_at=None, queued_at=now
    )
    stale = list(
        ImportJob.objects.filter(status=Status.QUEUED)
        .exclude(enqueued_at__gte=now - STALE_QUEUED)
        .values_list("pk", flat=True)
    )
    for job_id in stale:
        _enqueue(job_id)
    return stale

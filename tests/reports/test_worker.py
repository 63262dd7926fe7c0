"""A report requested from the page is rendered by a real Celery worker over the real Redis."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ipguard.lib.dates import quarter_of
from ipguard.reports import services
from ipguard.reports.models import Report
from ipguard.reports.tasks import render_report
from tests.celery_worker import running_worker, wait_until
from tests.factories import AssessmentFactory
from tests.reports.pdf_tools import pdf_text


@pytest.mark.integration
def test_a_worker_renders_the_requested_report(
    transactional_db, personas, owner_client, monkeypatch, reports_root
):
    AssessmentFactory(company=personas.company, number=1, overall_score=62)
    with running_worker(extra_env={"REPORTS_ROOT": str(reports_root)}) as worker:
        # The page's request goes through the real on_commit hook and the real broker; only the
        # queue is this test's own, so parallel runs on one Redis never take each other's work.
        monkeypatch.setattr(
            services,
            "_enqueue_render",
            lambda pk: render_report.apply_async(args=[pk], queue=worker.queue),
        )
        response = owner_client.post(
            reverse("reports:report_request"),
            # The form offers the last four quarters from today: ask for today's, not a fixed one.
            {"quarter": quarter_of(timezone.localdate()), "language": "en", "paper": "A4"},
        )
        assert response.status_code == 302
        report = Report.objects.get(company=personas.company)
        wait_until(
            lambda: Report.objects.get(pk=report.pk).status in ("ready", "failed"),
            timeout=90,
            message="the worker to render the report",
        )
    report.refresh_from_db()
    assert report.status == "ready", report.failure_reason or worker.output
    assert "render_report" in worker.output
    download = owner_client.get(reverse("reports:report_download", args=[report.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert "Acme Lighting" in text and "62" in text


@pytest.mark.integration
def test_a_render_whose_worker_was_killed_is_finished_by_a_new_worker_after_the_sweep(
    transactional_db, personas, monkeypatch, reports_root, settings
):
    """kill -9 mid-render: the report stays "rendering" (the broker only redelivers its task
    after the visibility timeout); once the lease is over the sweep gives it to a new worker."""
    settings.TASK_LEASE_SECONDS = 6
    settings.REPORTS_REQUEUE_AFTER_SECONDS = 1
    AssessmentFactory(company=personas.company, number=1, overall_score=62)
    env = {"REPORTS_ROOT": str(reports_root), "TASK_LEASE_SECONDS": "6"}
    slow = {**env, "SLOW_RENDER_SECONDS": "60"}
    with running_worker(app="tests.slow_worker", extra_env=slow) as worker:
        queue = worker.queue
        monkeypatch.setattr(
            services,
            "_enqueue_render",
            lambda pk: render_report.apply_async(args=[pk], queue=queue),
        )
        report = services.report_request(company=personas.company, quarter="2026-Q4", language="en")
        wait_until(
            lambda: Report.objects.get(pk=report.pk).status == "rendering",
            timeout=60,
            message="the render to start",
        )
        worker.kill()
    report.refresh_from_db()
    assert (report.status, report.render_attempts) == ("rendering", 1)
    assert services.report_requeue_stale() == []  # its lease still runs: maybe still rendering

    with running_worker(queue=queue, extra_env=env) as worker:
        lease_end = report.started_at + timedelta(seconds=6.2)
        time.sleep(max((lease_end - timezone.now()).total_seconds(), 0))
        assert services.report_requeue_stale() == [report.pk]
        wait_until(
            lambda: Report.objects.get(pk=report.pk).status in ("ready", "failed"),
            timeout=90,
            message="the new worker to finish the render",
        )
    report.refresh_from_db()
    assert report.status == "ready", report.failure_reason or worker.output
    assert report.render_attempts == 2
    assert report.pdf_size > 0

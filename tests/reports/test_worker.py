"""A report requested from the page is rendered by a real Celery worker over the real Redis."""

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

"""The reports page: who sees, requests and downloads what."""

import pytest
from django.urls import reverse

from ipguard.reports import services
from ipguard.reports.models import Report
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def render_inline(monkeypatch):
    """Stand in for the worker: render as soon as the request's transaction commits."""
    monkeypatch.setattr(
        services, "_enqueue_render", lambda pk: services.report_render(report_id=pk)
    )


def ready_report(company, **fields):
    report = ReportFactory(company=company, **fields)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    return report


def test_an_editor_requests_a_report_and_downloads_it(
    history, editor_client, render_inline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("reports:report_request"),
            {"quarter": "2026-Q4", "language": "zh-hans", "paper": "letter"},
        )
    assert response.status_code == 302
    report = Report.objects.get(company=history.company)
    assert (report.status, report.language, report.paper) == ("ready", "zh-hans", "letter")
    assert report.requested_by == history.company.membership_set.get(role="editor").user
    page = editor_client.get(reverse("reports:report_list")).content.decode()
    assert reverse("reports:report_download", args=[report.pk]) in page
    download = editor_client.get(reverse("reports:report_download", args=[report.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "ipguard-health-check-2026-Q4-zh-hans.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_list_shows_each_status_and_a_failures_reason(personas, owner_client):
    ReportFactory(company=personas.company, status="queued", quarter="2026-Q3")
    ReportFactory(company=personas.company, status="rendering", quarter="2026-Q2")
    ReportFactory(company=personas.company, status="failed", failure_reason="OSError: disk full")
    page = owner_client.get(reverse("reports:report_list")).content.decode()
    for text in ["Queued", "Rendering", "Failed", "OSError: disk full", 'hx-trigger="every 3s"']:
        assert text in page
    assert "Download PDF" not in page


def test_a_bad_request_says_why_and_saves_nothing(personas, owner_client):
    response = owner_client.post(
        reverse("reports:report_request"), {"quarter": "1999-Q1", "language": "en", "paper": "A4"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Report.objects.exists()


def test_viewers_download_but_cannot_request(history, viewer_client):
    report = ready_report(history.company)
    assert (
        viewer_client.get(reverse("reports:report_download", args=[report.pk])).status_code == 200
    )
    response = viewer_client.post(
        reverse("reports:report_request"), {"quarter": "2026-Q4", "language": "en", "paper": "A4"}
    )
    assert response.status_code == 403
    assert (
        "Make the report" not in viewer_client.get(reverse("reports:report_list")).content.decode()
    )


def test_another_company_gets_404_and_never_sees_the_report(history, personas):
    report = ready_report(history.company)
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(reverse("reports:report_download", args=[report.pk])).status_code == 404
    page = outsider.get(reverse("reports:report_list")).content.decode()
    assert "No report has been made yet." in page
    assert reverse("reports:report_download", args=[report.pk]) not in page


def test_a_report_without_a_pdf_is_not_downloadable(personas, owner_client):
    report = ReportFactory(company=personas.company, status="rendering")
    assert owner_client.get(reverse("reports:report_download", args=[report.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(history, client):
    report = ready_report(history.company)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_nav_links_to_the_reports_page(owner_client):
    page = owner_client.get(reverse("core:dashboard")).content.decode()
    assert reverse("reports:report_list") in page

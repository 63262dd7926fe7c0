"""The reports list (and the rows a pending report's page polls for) is cached per company and
role, yet a requested, finished or failed report shows at the very next read."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from ipguard.reports import services
from tests.factories import ReportFactory, member
from tests.pages import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("reports:report_list")
REQUEST_URL = reverse("reports:report_request")
WAITING_FOR_THE_WORKER = "It will start when the worker is reachable."


def _page(client, **headers):
    response = client.get(URL, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _rows(client):
    return _page(client, HX_Request="true")


def _request_form_token(page):
    form = re.search(rf'action="{REQUEST_URL}".*?</form>', page, re.DOTALL).group(0)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


@pytest.fixture
def worker_reachable(monkeypatch):
    monkeypatch.setattr(services, "enqueue", lambda task, *args: True)


def test_a_second_read_is_served_from_the_cache(personas, owner_client):
    ReportFactory(company=personas.company)
    for read in (lambda: _page(owner_client), lambda: _rows(owner_client)):
        first = count_queries(read)
        assert count_queries(read) <= first - 1  # the reports with who asked for them


def test_a_requested_report_shows_at_the_next_read(
    personas, editor_client, viewer_client, worker_reachable, django_capture_on_commit_callbacks
):
    assert "No report has been made yet." in _page(viewer_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            REQUEST_URL, {"quarter": "2026-Q3", "language": "en", "paper": "A4"}
        )
    assert response.status_code == 302
    page = _page(viewer_client)
    assert "No report has been made yet." not in page and "Queued" in page


def test_a_report_the_worker_cannot_reach_says_so_until_the_sweep_sends_it(
    personas, viewer_client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "enqueue", lambda task, *args: False)
    with django_capture_on_commit_callbacks() as after_commit:
        services.report_request(company=personas.company, quarter="2026-Q3", language="en")
    assert WAITING_FOR_THE_WORKER not in _page(viewer_client)  # cached before the enqueue
    for callback in after_commit:
        callback()
    assert WAITING_FOR_THE_WORKER in _page(viewer_client)

    monkeypatch.setattr(services, "enqueue", lambda task, *args: True)
    assert services.report_requeue_stale()
    assert WAITING_FOR_THE_WORKER not in _page(viewer_client)


def test_a_finished_report_shows_in_the_page_and_the_polled_rows(history, viewer_client):
    report = ReportFactory(company=history.company)
    assert "Queued" in _page(viewer_client) and "Queued" in _rows(viewer_client)
    services.report_render(report_id=report.pk)
    download = reverse("reports:report_download", args=[report.pk])
    assert download in _page(viewer_client) and download in _rows(viewer_client)
    assert 'hx-trigger="every 3s"' not in _rows(viewer_client)


def test_a_failed_report_shows_its_reason_at_the_next_read(history, viewer_client, monkeypatch):
    def broken(snapshot):
        raise RuntimeError("font cache is unreadable")

    monkeypatch.setattr(services, "report_pdf", broken)
    report = ReportFactory(company=history.company)
    assert "font cache is unreadable" not in _rows(viewer_client)
    services.report_render(report_id=report.pk)
    assert "RuntimeError: font cache is unreadable" in _rows(viewer_client)
    assert "RuntimeError: font cache is unreadable" in _page(viewer_client)


def test_each_reader_gets_their_own_csrf_token_and_the_form_posts(personas, worker_reachable):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(personas.editor)
    second.force_login(member(personas.company, "editor", email="second.editor@acme.test"))
    first_token = _request_form_token(_page(first))
    second_token = _request_form_token(_page(second))  # the same cached body
    wanted = {"quarter": "2026-Q3", "language": "en", "paper": "A4"}

    assert (
        second.post(REQUEST_URL, {**wanted, "csrfmiddlewaretoken": first_token}).status_code == 403
    )
    response = second.post(REQUEST_URL, {**wanted, "csrfmiddlewaretoken": second_token})
    assert response.status_code == 302


def test_a_viewer_and_an_editor_each_get_their_roles_page(personas, viewer_client, editor_client):
    assert REQUEST_URL not in _page(viewer_client)
    assert REQUEST_URL in _page(editor_client)
    assert REQUEST_URL not in _page(viewer_client)


def test_another_company_never_sees_this_companys_reports(personas, owner_client):
    ReportFactory(company=personas.company, status="failed", failure_reason="OSError: disk full")
    assert "OSError: disk full" in _page(owner_client)
    assert "OSError: disk full" not in _page(personas.client_for(personas.outsider))
    assert "OSError: disk full" not in _rows(personas.client_for(personas.outsider))

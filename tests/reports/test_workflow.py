"""The report's status workflow, failures with reasons, the quarterly schedule and the email."""

import datetime

import pytest
from django.core import mail

from ipguard.reports import services
from ipguard.reports.models import Report
from ipguard.reports.services import InvalidReportTransition, report_transition
from tests.factories import CompanyFactory, ReportFactory, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        ("queued", "rendering", True),
        ("queued", "failed", True),
        ("queued", "ready", False),
        ("rendering", "ready", True),
        ("rendering", "failed", True),
        ("rendering", "queued", False),
        ("rendering", "rendering", False),  # only once the first worker is surely gone
        ("ready", "rendering", False),
        ("failed", "queued", False),
    ],
)
def test_only_workflow_moves_are_allowed(start, to, allowed):
    report = ReportFactory(status=start)
    if allowed:
        report_transition(report=report, to=to, reason="boom")
        report.refresh_from_db()
        assert report.status == to
    else:
        with pytest.raises(InvalidReportTransition):
            report_transition(report=report, to=to)
        report.refresh_from_db()
        assert report.status == start


def test_a_stale_copy_cannot_move_a_report_another_worker_moved():
    report = ReportFactory()
    stale = Report.objects.get(pk=report.pk)
    report_transition(report=report, to="rendering")
    with pytest.raises(InvalidReportTransition):
        report_transition(report=stale, to="rendering")


def test_a_redelivered_task_renders_once(history):
    report = ReportFactory(company=history.company)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    first_file = report.pdf.name
    assert services.report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.pdf.name == first_file and report.status == "ready"


def test_a_failure_is_recorded_with_its_reason(history, monkeypatch):
    def broken(snapshot):
        raise RuntimeError("font cache is unreadable")

    monkeypatch.setattr(services, "report_pdf", broken)
    report = ReportFactory(company=history.company)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.failure_reason == "RuntimeError: font cache is unreadable"
    assert not report.pdf and report.finished_at is not None


def test_requesting_enqueues_only_after_commit(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services, "_enqueue_render", queued.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = services.report_request(
            company=personas.company, quarter="2026-Q4", language="en", requested_by=personas.owner
        )
        assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [report.pk]


def test_a_bad_quarter_is_refused_before_anything_is_saved(personas):
    from ipguard.reports.periods import BadQuarter

    with pytest.raises(BadQuarter):
        services.report_request(company=personas.company, quarter="2026-Q9", language="en")
    assert not Report.objects.exists()


def test_the_quarter_start_queues_one_report_per_company_once(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services, "_enqueue_render", queued.append)
    chinese = CompanyFactory(language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        made = services.report_schedule_quarter(today=datetime.date(2027, 1, 1))
    assert {(r.company_id, r.quarter, r.language) for r in made} == {
        (personas.company.pk, "2026-Q4", "en"),
        (personas.other_company.pk, "2026-Q4", "en"),
        (chinese.pk, "2026-Q4", "zh-hans"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        again = services.report_schedule_quarter(today=datetime.date(2027, 1, 1))
    assert again == [] and len(queued) == 3
    assert Report.objects.filter(trigger="scheduled").count() == 3


def test_beat_runs_at_two_on_the_first_day_of_each_quarter(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["quarterly-reports"]
    schedule = entry["schedule"]
    assert entry["task"] == "ipguard.reports.tasks.schedule_quarterly_reports"
    assert schedule.month_of_year == {1, 4, 7, 10}
    assert schedule.day_of_month == {1} and schedule.hour == {2} and schedule.minute == {0}


def test_owners_are_emailed_once_in_their_language(history, django_capture_on_commit_callbacks):
    chinese_owner = member(history.company, "owner", email="boss@acme.test", language="zh-hans")
    report = ReportFactory(company=history.company)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_render(report_id=report.pk)
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {history.owner.email, chinese_owner.email}  # not the editor
    english = recipients[history.owner.email]
    assert english.subject == "Your IP health check report 2026-Q4 for Acme Lighting is ready"
    assert "/reports/" in english.body
    assert "知识产权体检报告" in recipients[chinese_owner.email].subject
    assert services.report_notify_owners(report_id=report.pk) == 0
    assert len(mail.outbox) == 2


def test_a_render_whose_worker_died_is_taken_over(history, fixed_today):
    report = ReportFactory(company=history.company)
    report_transition(report=report, to="rendering")  # ... and then the worker was killed
    assert services.report_render(report_id=report.pk) is None  # too soon to be sure
    fixed_today.shift(datetime.timedelta(minutes=16))
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "ready" and report.pdf


@pytest.fixture
def enqueued(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "_enqueue_render", lambda pk: calls.append(pk) or True)
    return calls


def test_the_sweep_enqueues_again_only_reports_whose_task_was_lost(
    settings, enqueued, django_capture_on_commit_callbacks, fixed_today
):
    settings.REPORTS_REQUEUE_AFTER_SECONDS = 120
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.report_request(company=CompanyFactory(), quarter="2026-Q3", language="en")
    fixed_today.shift(datetime.timedelta(seconds=60))
    lost = ReportFactory(enqueued_at=None)  # Redis was down when it was requested
    done = ReportFactory(status="ready", enqueued_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_requeue_stale() == [lost.pk]
    assert enqueued == [fresh.pk, lost.pk]
    fixed_today.shift(datetime.timedelta(seconds=61))  # fresh's task is now presumed lost too
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_requeue_stale() == [fresh.pk]
    assert done.pk not in enqueued


def test_the_sweep_hands_a_render_past_its_lease_to_a_new_worker(
    history, settings, enqueued, django_capture_on_commit_callbacks, fixed_today
):
    settings.TASK_LEASE_SECONDS = 660
    report = ReportFactory(company=history.company)
    report_transition(report=report, to="rendering", render_attempts=1)  # then kill -9
    fixed_today.shift(datetime.timedelta(seconds=600))
    assert services.report_requeue_stale() == []  # maybe still rendering
    fixed_today.shift(datetime.timedelta(seconds=61))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_requeue_stale() == [report.pk]
    services.report_render(report_id=enqueued[-1])
    report.refresh_from_db()
    assert (report.status, report.render_attempts) == ("ready", 2)


def test_a_report_that_keeps_killing_its_worker_fails_with_the_reason(
    history, settings, fixed_today
):
    settings.REPORTS_MAX_RENDER_ATTEMPTS = 3
    report = ReportFactory(company=history.company)
    for attempt in (1, 2, 3):
        report_transition(report=report, to="rendering", render_attempts=attempt)
        fixed_today.shift(datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS - 1))
        assert services.report_render(report_id=report.pk) is None  # its lease still runs
        fixed_today.shift(datetime.timedelta(seconds=2))
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.failure_reason.startswith("The worker stopped 3 times while rendering")

"""The "report ready" email reaches the owners even when the worker stops right after saving the
PDF (its on-commit email never runs) or the mail server refuses it: the beat's sweep sends it,
once, for a report that finished within the last day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ipguard.reports import services
from ipguard.reports.tasks import sweep_reports
from tests.factories import ReportFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(personas):
    """A rendered report as a worker that stopped before its on-commit email left it."""
    return ReportFactory(company=personas.company, status="ready", finished_at=timezone.now())


def test_the_sweep_emails_each_owner_once(personas, ready):
    second_owner = member(personas.company, "owner", email="second@acme.test")
    sweep_reports()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [personas.owner.email, second_owner.email]
    )
    ready.refresh_from_db()
    assert ready.owners_notified_at is not None
    sweep_reports()
    assert services.report_notify_owners(report_id=ready.pk) == 0
    assert len(mail.outbox) == 2


def test_a_report_that_finished_days_ago_is_not_announced_late(personas):
    ReportFactory(
        company=personas.company, status="ready", finished_at=timezone.now() - timedelta(days=3)
    )
    sweep_reports()
    assert mail.outbox == []


def test_a_refused_email_is_sent_at_the_next_sweep(personas, ready, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services, "send_email", refuse)
    sweep_reports()  # logged, not raised: the requeue part of the sweep still ran
    ready.refresh_from_db()
    assert ready.owners_notified_at is None and mail.outbox == []
    monkeypatch.undo()
    sweep_reports()
    assert [message.to[0] for message in mail.outbox] == [personas.owner.email]

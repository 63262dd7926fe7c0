"""Every email of the app: the subject and plain text show names as typed, the HTML escapes them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipguard.accounts.services import invitation_create
from ipguard.lib.emails import render_email
from ipguard.reminders import delivery
from ipguard.reminders.models import Delivery, ReminderPreference, SentReminder
from ipguard.reminders.sweep import reminders_sweep
from ipguard.reports.services import report_notify_owners
from tests.factories import ActionItemFactory, CompanyFactory, ReportFactory, member

pytestmark = pytest.mark.django_db

COMPANY = 'Smith & Sons <Lighting> "Best" O\'Brien'
PERSON = 'O\'Hara&"Ann"<x> Smith'
SHORT_NAME = 'O\'Hara&"Ann"<x>'  # get_short_name(): the greeting of reminders and digests
ENTITIES = re.compile(r"&(amp|lt|gt|quot|#x27|#39);")


@pytest.fixture
def hostile(db):
    company = CompanyFactory(name=COMPANY)
    owner = member(company, "owner", email="owner@smith.test", full_name=PERSON)
    return company, owner


def _assert_plain_and_escaped(message, *, in_subject=(), in_body=()):
    html = message.alternatives[0][0]
    for text in in_subject:
        assert text in message.subject
    for text in in_body:
        assert text in message.body
        assert text not in html  # the HTML part carries the escaped form instead
    assert not ENTITIES.search(message.subject), message.subject
    assert not ENTITIES.search(message.body), message.body
    assert "Smith &amp; Sons &lt;Lighting&gt;" in html


def test_invitation_email(hostile, django_capture_on_commit_callbacks):
    company, owner = hostile
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(company=company, email="new@example.com", role="editor", invited_by=owner)
    (message,) = mail.outbox
    _assert_plain_and_escaped(message, in_subject=[COMPANY], in_body=[COMPANY, PERSON])


def test_report_ready_email(hostile):
    company, _owner = hostile
    report = ReportFactory(company=company, status="ready")
    assert report_notify_owners(report_id=report.pk) == 1
    (message,) = mail.outbox
    _assert_plain_and_escaped(message, in_body=[COMPANY])


def _queued_rows():
    return SentReminder.objects.filter(status="queued")


def test_reminder_email(hostile, django_capture_on_commit_callbacks):
    company, owner = hostile
    ActionItemFactory(
        company=company,
        owner=owner,
        due_date=timezone.localdate() + timedelta(days=7),
        title={"en": 'Register <Brand> & "logo"', "zh_hans": "注册"},
    )
    with django_capture_on_commit_callbacks(execute=False):
        reminders_sweep()
    (row,) = _queued_rows()
    assert delivery.reminder_deliver(reminder_pk=row.pk) == "sent"
    (message,) = mail.outbox
    _assert_plain_and_escaped(
        message, in_subject=['Register <Brand> & "logo"'], in_body=[COMPANY, SHORT_NAME]
    )


def test_digest_email(hostile, django_capture_on_commit_callbacks):
    company, owner = hostile
    ReminderPreference.objects.create(user=owner, delivery=Delivery.DIGEST, digest_hour=8)
    ActionItemFactory(company=company, owner=owner, due_date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=False):
        reminders_sweep()
    SentReminder.objects.update(deliver_after=timezone.now() - timedelta(minutes=1))
    assert delivery.digest_deliver(user_pk=owner.pk) == "sent"
    (message,) = mail.outbox
    _assert_plain_and_escaped(message, in_body=[COMPANY, SHORT_NAME])


def test_password_reset_email_goes_through_the_helper(hostile, client):
    _company, owner = hostile
    owner.language = "zh-hans"
    owner.save(update_fields=["language"])
    client.post(reverse("accounts:password_reset"), {"email": owner.email})
    (message,) = mail.outbox
    assert message.to == [owner.email]
    # In the account's language, with the reset link in both parts.
    assert "IPGuard" in message.subject and re.search("[\u4e00-\u9fff]", message.subject)
    assert "/accounts/password/reset/" in message.body
    assert "/accounts/password/reset/" in message.alternatives[0][0]


def test_render_email_escapes_only_the_html_part():
    subject, text, html = render_email(
        "report-ready",
        {"report": {"quarter": "2026-Q4"}, "company": {"name": "A & B <c>"}, "link_path": "/r/"},
        language="en",
    )
    assert "A & B <c>" in text
    assert "A &amp; B &lt;c&gt;" in html

"""The demo does not greet a new user with a delivery failure that never happened (issue 16)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ipguard.reminders.models import ReminderStatus, SentReminder

pytestmark = pytest.mark.django_db


def test_the_demo_has_no_failed_reminder_on_the_dashboard(client):
    call_command("seed_demo", stdout=StringIO())
    assert SentReminder.objects.exists()
    assert not SentReminder.objects.filter(status=ReminderStatus.FAILED).exists()
    client.login(email="demo@ipguard.local", password="ipguard-demo-2026")
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "could not be delivered" not in page.lower()
    assert "mailbox unavailable" not in page

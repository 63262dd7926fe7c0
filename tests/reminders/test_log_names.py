"""The reminder log names the item of every row, pending ones included (issue 16)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ipguard.reminders.models import SentReminder
from ipguard.reminders.sweep import reminders_sweep
from tests.factories import ActionItemFactory
from tests.reminders.builders import make_deadline

pytestmark = pytest.mark.django_db


def test_pending_rows_name_their_deadline_and_action(personas, owner_client, monkeypatch):
    from ipguard.reminders import tasks

    monkeypatch.setattr(tasks.send_reminders, "delay", lambda ids: None)  # stay queued
    today = timezone.localdate()
    action = ActionItemFactory(
        company=personas.company,
        owner=personas.editor,
        due_date=today + timedelta(days=7),
        title={"en": "File the US trademark", "zh_hans": "提交美国商标申请"},
    )
    make_deadline(personas.company, due_date=today, owner=personas.editor)
    reminders_sweep()
    assert SentReminder.objects.filter(title="").count() >= 2
    page = owner_client.get(reverse("reminders:log")).content.decode()
    assert "File the US trademark" in page
    assert "Renewal · SUNRISE · CN 12345678" in page
    assert f'href="{action.get_absolute_url()}"' in page

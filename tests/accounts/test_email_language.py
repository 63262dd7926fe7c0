"""Email language and interface language are two settings (issue 16)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipguard.reminders.sweep import reminders_sweep
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

PREFERENCES = {"delivery": "immediate", "digest_hour": "8", "time_zone": "Asia/Shanghai"}


def test_chinese_emails_keep_an_english_interface_and_the_message_speaks_the_page(
    personas, editor_client
):
    response = editor_client.post(
        reverse("reminders:preferences"), {**PREFERENCES, "language": "zh-hans"}, follow=True
    )
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Your reminder preferences were saved." in page
    personas.editor.refresh_from_db()
    assert (personas.editor.language, personas.editor.mail_language) == ("en", "zh-hans")


def test_switching_the_interface_back_keeps_the_email_language(personas, editor_client):
    editor_client.post(reverse("reminders:preferences"), {**PREFERENCES, "language": "zh-hans"})
    editor_client.post(reverse("core:language_switch"), {"language": "zh-hans"})
    editor_client.post(reverse("core:language_switch"), {"language": "en"})
    personas.editor.refresh_from_db()
    assert (personas.editor.language, personas.editor.mail_language) == ("en", "zh-hans")


def test_reminders_go_out_in_the_email_language(
    personas, django_capture_on_commit_callbacks, monkeypatch
):
    from ipguard.reminders import tasks

    monkeypatch.setattr(tasks.send_reminders, "delay", lambda ids: tasks.send_reminders(ids))
    personas.editor.email_language = "zh-hans"
    personas.editor.save(update_fields=["email_language"])
    ActionItemFactory(
        company=personas.company,
        owner=personas.editor,
        due_date=timezone.localdate() + timedelta(days=7),
        title={"en": "File the US trademark", "zh_hans": "提交美国商标申请"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders_sweep()
    (message,) = [m for m in mail.outbox if m.to == ["editor@acme.test"]]
    assert message.subject == "[IPGuard] “提交美国商标申请”还有 7 天到期"

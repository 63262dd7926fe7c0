"""One-click links, unsubscribe without login, and the preference and policy pages."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipguard.actions.models import ActionItem
from ipguard.reminders.links import action_url, unsubscribe_url
from ipguard.reminders.models import Delivery, ReminderPolicy, ReminderPreference, SentReminder
from tests.factories import ActionItemFactory
from tests.reminders.builders import make_deadline

pytestmark = pytest.mark.django_db


def ledger_row(item, recipient, source="action"):
    return SentReminder.objects.create(
        company=item.company,
        source=source,
        item_id=item.pk,
        recipient=recipient,
        slot="before:7",
        due_date=item.due_date,
        delivery=Delivery.IMMEDIATE,
        deliver_after=timezone.now(),
        status="sent",
    )


def local(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_mark_done_from_the_email_without_logging_in_and_only_once(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    url = local(action_url(ledger_row(item, personas.editor), "done"))
    anonymous = Client()
    confirm = anonymous.get(url)
    assert confirm.status_code == 200
    assert "Mark done" in confirm.content.decode()
    item.refresh_from_db()
    assert item.status == "todo"  # a GET (a mail scanner) changes nothing
    done = anonymous.post(url)
    assert done.status_code == 200
    item.refresh_from_db()
    assert item.status == "done"
    assert any("reminder email" in c.text() for c in item.comments.all())
    item.status = "todo"
    item.save()
    again = anonymous.post(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_snooze_for_seven_days(personas):
    item = make_deadline(
        personas.company, due_date=timezone.localdate() + timedelta(days=30), owner=personas.editor
    )
    url = local(action_url(ledger_row(item, personas.editor, source="deadline"), "snooze"))
    assert Client().post(url).status_code == 200
    item.refresh_from_db()
    assert item.snoozed_until == timezone.localdate() + timedelta(days=7)
    assert any("snoozed" in e.text().lower() for e in item.events.all())


def test_a_deadline_snooze_stops_at_its_last_day(personas):
    today = timezone.localdate()
    soon = make_deadline(
        personas.company, due_date=today + timedelta(days=2), owner=personas.editor
    )
    url = local(action_url(ledger_row(soon, personas.editor, source="deadline"), "snooze"))
    assert Client().post(url).status_code == 200
    soon.refresh_from_db()
    assert soon.snoozed_until == today + timedelta(days=2)

    due_today = make_deadline(personas.company, due_date=today, owner=personas.editor)
    url = local(action_url(ledger_row(due_today, personas.editor, source="deadline"), "snooze"))
    response = Client().post(url)
    assert response.status_code == 400
    assert "cannot be snoozed" in response.content.decode()
    due_today.refresh_from_db()
    assert due_today.snoozed_until is None
    # The refused snooze did not use up the link's single use of the ledger row.
    assert not due_today.events.exists()


def test_mark_done_on_a_deadline_goes_through_the_register(personas):
    item = make_deadline(
        personas.company, due_date=timezone.localdate() + timedelta(days=5), owner=personas.editor
    )
    url = local(action_url(ledger_row(item, personas.editor, source="deadline"), "done"))
    assert Client().post(url).status_code == 200
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at is not None
    assert any("done" in e.text().lower() for e in item.events.all())


def test_links_expire(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    url = local(action_url(ledger_row(item, personas.editor), "done"))
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = Client().post(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "todo"


def test_a_tampered_link_is_refused(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    url = local(action_url(ledger_row(item, personas.editor), "done"))
    response = Client().post(url[:-3] + "xyz/")
    assert response.status_code == 400


def test_a_link_for_an_item_moved_to_another_company_is_refused(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    url = local(action_url(ledger_row(item, personas.editor), "done"))
    ActionItem.objects.filter(pk=item.pk).update(company=personas.other_company)
    response = Client().post(url)
    assert response.status_code == 400
    assert "no longer belongs" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "todo"


def test_a_viewer_or_former_member_cannot_act_through_a_link(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.viewer)
    url = local(action_url(ledger_row(item, personas.viewer), "done"))
    assert "cannot change" in Client().post(url).content.decode()
    personas.viewer.membership_set.all().delete()
    assert "no longer a member" in Client().post(url).content.decode()
    item.refresh_from_db()
    assert item.status == "todo"


def test_the_open_link_leads_to_the_item(personas):
    item = ActionItemFactory(company=personas.company, owner=personas.editor)
    url = local(action_url(ledger_row(item, personas.editor), "open"))
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()


def test_unsubscribe_without_login_keeps_escalations(personas):
    url = local(unsubscribe_url(personas.editor))
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(url).status_code == 200
    # RFC 8058 one-click: a bare POST from the mail client, no session or CSRF token.
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert ReminderPreference.objects.get(user=personas.editor).escalations_only
    assert anonymous.post(url[:-4] + "abc/").status_code == 400


def test_preferences_page_saves_delivery_language_and_time_zone(personas, editor_client):
    url = reverse("reminders:preferences")
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "60, 30, 7, 1, 0" in page.content.decode()
    bad = editor_client.post(
        url,
        {"delivery": "digest", "digest_hour": "7", "time_zone": "Mars/Olympus", "language": "en"},
    )
    assert "Unknown time zone" in bad.content.decode()
    assert not ReminderPreference.objects.exists()
    editor_client.post(
        url,
        {
            "delivery": "digest",
            "digest_hour": "7",
            "time_zone": "Europe/Berlin",
            "language": "zh-hans",
            "escalations_only": "on",
        },
    )
    preference = ReminderPreference.objects.get(user=personas.editor)
    assert (preference.delivery, preference.digest_hour, preference.escalations_only) == (
        "digest",
        7,
        True,
    )
    personas.editor.refresh_from_db()
    assert (personas.editor.mail_language, personas.editor.time_zone) == (
        "zh-hans",
        "Europe/Berlin",
    )
    # Emails in Chinese do not switch the screens (issue 16).
    assert personas.editor.language == "en"


def test_only_owners_edit_the_policy_and_bad_input_is_explained(
    personas, owner_client, editor_client
):
    url = reverse("reminders:policy")
    assert editor_client.get(url).status_code == 403
    bad = owner_client.post(url, {"offsets": "30, next week"})
    assert "whole numbers of days" in bad.content.decode()
    assert not ReminderPolicy.objects.exists()
    owner_client.post(url, {"offsets": "90, 14, 0"})
    assert ReminderPolicy.objects.get(company=personas.company).offsets == [90, 14, 0]


def test_the_account_menu_links_to_reminders(owner_client):
    page = owner_client.get(reverse("core:dashboard")).content.decode()
    assert reverse("reminders:preferences") in page

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ipguard.actions.models import ActionItem
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def test_action_plan_lists_open_items_by_tier(personas, viewer_client):
    ActionItemFactory(company=personas.company, tier="urgent", title={"en": "File on Amazon"})
    ActionItemFactory(company=personas.company, tier="long_term", title={"en": "Virtual goods"})
    ActionItemFactory(company=personas.company, status="done", title={"en": "Old thing"})
    ActionItemFactory(company=personas.other_company, title={"en": "Rival's secret"})
    page = viewer_client.get(reverse("actions:action_list")).content.decode()
    assert "File on Amazon" in page and "Virtual goods" in page
    assert "Old thing" not in page
    assert "Rival&#x27;s secret" not in page and "Rival's secret" not in page


def test_owner_and_due_date_can_be_changed_and_are_logged(personas, editor_client):
    action = ActionItemFactory(company=personas.company)
    new_due = date.today() + timedelta(days=90)
    response = editor_client.post(
        reverse("actions:action_edit", args=[action.pk]),
        {"owner": personas.owner.pk, "due_date": new_due.isoformat()},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == personas.owner
    assert action.due_date == new_due
    assert "due date" in action.comments.get().text()


def test_a_bad_due_date_is_a_message_and_nothing_changes(personas, editor_client):
    action = ActionItemFactory(company=personas.company)
    before = action.due_date
    response = editor_client.post(
        reverse("actions:action_edit", args=[action.pk]), {"due_date": "2026-02-30"}
    )
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    action.refresh_from_db()
    assert action.due_date == before


def test_not_applicable_needs_a_reason(personas, editor_client):
    action = ActionItemFactory(company=personas.company)
    url = reverse("actions:action_status", args=[action.pk])
    response = editor_client.post(url, {"status": "not_applicable", "reason": ""})
    assert response.status_code == 400
    assert "Say why this item does not apply" in response.content.decode()
    editor_client.post(url, {"status": "not_applicable", "reason": "We sell no software."})
    action.refresh_from_db()
    assert action.status == "not_applicable"
    assert action.not_applicable_reason == "We sell no software."


def test_status_workflow_refuses_invalid_moves(personas, editor_client):
    action = ActionItemFactory(company=personas.company, status="done")
    response = editor_client.post(
        reverse("actions:action_status", args=[action.pk]), {"status": "in_progress"}
    )
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "done"


def test_done_records_completion_time_and_comments_are_kept(personas, editor_client):
    action = ActionItemFactory(company=personas.company)
    editor_client.post(reverse("actions:action_status", args=[action.pk]), {"status": "done"})
    editor_client.post(
        reverse("actions:action_comment", args=[action.pk]), {"body": "Filed on 3 May."}
    )
    action.refresh_from_db()
    assert action.status == "done" and action.completed_at is not None
    assert list(action.comments.values_list("body", flat=True))[-1] == "Filed on 3 May."


def test_manual_action_gets_the_tier_default_due_date(personas, editor_client):
    editor_client.post(
        reverse("actions:action_create"),
        {"title": "Hire a US attorney", "tier": "strategic", "why": ""},
    )
    action = ActionItem.objects.get(company=personas.company)
    assert action.title_text("en") == "Hire a US attorney"
    assert 180 <= (action.due_date - date.today()).days <= 184

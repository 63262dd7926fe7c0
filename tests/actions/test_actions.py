from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from ipguard.actions.models import ActionItem
from tests.factories import ActionItemFactory, IncidentRunFactory

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


def _action_plan_queries(client):
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(reverse("actions:action_list"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _add_actions(personas, n, incident):
    for i in range(n):
        ActionItemFactory(
            company=personas.company,
            tier=("urgent", "strategic", "long_term")[i % 3],
            status=("todo", "in_progress")[i % 2],
            owner=personas.editor if i % 2 else None,
            incident=incident if i % 4 == 0 else None,
            due_date=date.today() + timedelta(days=(i % 7) - 3),
        )


def test_action_plan_costs_the_same_few_queries_for_3_or_60_actions(personas, editor_client):
    """Owners and incidents come with the actions (select_related), so the page's queries do
    not grow with its rows; the ceiling is today's count (session, user, membership, OTP
    device, the actions, the filter form's owner choices): it may only go down."""
    incident = IncidentRunFactory(company=personas.company)
    _add_actions(personas, 3, incident)
    few, _ = _action_plan_queries(editor_client)
    _add_actions(personas, 57, incident)
    many, page = _action_plan_queries(editor_client)
    assert many == few <= 6
    assert page.count('class="list-group-item list-group-item-action') == 60


def test_action_plan_rows_show_status_owner_incident_and_overdue(personas, viewer_client):
    incident = IncidentRunFactory(company=personas.company)
    late = ActionItemFactory(
        company=personas.company,
        status="in_progress",
        owner=personas.editor,
        incident=incident,
        due_date=date.today() - timedelta(days=2),
        title={"en": "Late one", "zh_hans": "逾期事项"},
    )
    ActionItemFactory(company=personas.company, title={"en": "On time"})
    _, page = _action_plan_queries(viewer_client)
    assert f'href="{late.get_absolute_url()}"' in page
    assert "Overdue" in page and late.due_date.isoformat() in page
    assert "In progress" in page and str(personas.editor) in page
    assert "Incident: Counterfeits abroad" in page and "unassigned" in page
    personas.viewer.language = "zh-hans"  # the profile's language, used on every browser
    personas.viewer.save(update_fields=["language"])
    _, page_zh = _action_plan_queries(viewer_client)
    assert "逾期事项" in page_zh and "海外出现假货" in page_zh and "Overdue" not in page_zh

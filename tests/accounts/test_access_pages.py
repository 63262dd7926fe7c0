"""A viewer meets a styled 403 page that says who can grant access, and no action it cannot
take; sentences keep one full stop after "Co., Ltd." (issue 16)."""

import pytest
from django.urls import reverse

from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_forbidden_page_has_the_navigation_and_names_the_owners(personas, viewer_client):
    response = viewer_client.get(reverse("portfolio:asset_create"))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'class="navbar' in page
    assert "Your role cannot do this" in page
    assert "owner@acme.test" in page
    assert "Viewers can read everything" in page


def test_forbidden_page_in_chinese(personas):
    personas.viewer.language = "zh-hans"
    personas.viewer.save(update_fields=["language"])
    page = personas.client_for(personas.viewer).get(reverse("portfolio:asset_create"))
    assert page.status_code == 403
    assert "您的角色无权执行此操作" in page.content.decode()


def test_viewers_are_not_offered_the_health_check_on_the_dashboard(personas, viewer_client):
    AssessmentFactory(company=personas.company)
    viewer_page = viewer_client.get(reverse("core:dashboard")).content.decode()
    assert "Retake the health check" not in viewer_page
    editor_page = personas.client_for(personas.editor).get(reverse("core:dashboard"))
    assert "Retake the health check" in editor_page.content.decode()


def test_members_page_asks_before_removing_or_leaving(owner_client):
    page = owner_client.get(reverse("accounts:members")).content.decode()
    assert 'data-confirm="Remove' in page
    assert 'data-confirm="Leave this company?' in page
    assert "js/confirm.js" in page


def test_switching_to_a_company_named_ltd_gives_one_full_stop(personas, owner_client):
    from tests.factories import MembershipFactory

    company = personas.other_company
    company.name = "Sunrise Lighting Co., Ltd."
    company.save(update_fields=["name"])
    membership = MembershipFactory(user=personas.owner, company=company, role="owner")
    response = owner_client.post(
        reverse("accounts:company_switch", args=[membership.company.pk]), follow=True
    )
    page = response.content.decode()
    assert "You are now working in Sunrise Lighting Co., Ltd." in page
    assert "Ltd.." not in page


def test_viewers_cannot_be_made_responsible_for_an_action(personas, editor_client):
    from tests.factories import ActionItemFactory

    action = ActionItemFactory(company=personas.company)
    page = editor_client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert personas.editor.email in page or personas.editor.full_name in page
    assert (
        f'value="{personas.viewer.pk}"'
        not in page.split('name="owner"', 1)[1].split("</select>")[0]
    )
    response = editor_client.post(
        reverse("actions:action_edit", args=[action.pk]),
        {"owner": personas.viewer.pk, "due_date": "2026-12-31"},
    )
    action.refresh_from_db()
    assert action.owner_id != personas.viewer.pk
    assert response.status_code in (200, 400)


def test_the_person_responsible_and_the_role_have_different_chinese_words(personas):
    from tests.factories import ActionItemFactory

    personas.editor.language = "zh-hans"
    personas.editor.save(update_fields=["language"])
    action = ActionItemFactory(company=personas.company, owner=personas.editor)
    client = personas.client_for(personas.editor)
    page = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    assert "负责人" in page
    members = client.get(reverse("accounts:members")).content.decode()
    assert "所有者" in members


def test_action_plan_filters_are_styled_and_dates_do_not_break(personas, viewer_client):
    from tests.factories import ActionItemFactory

    ActionItemFactory(company=personas.company)
    page = viewer_client.get(reverse("actions:action_list")).content.decode()
    assert page.count('class="form-select"') >= 3
    assert '<span class="date">' in page

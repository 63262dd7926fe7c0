"""The alliance advisor is cached per company and role, yet saved facts, a new health check and
each reader's own CSRF token all show at the next read."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AssessmentFactory
from tests.pages import csrf_token, read_page, unmasked

pytestmark = pytest.mark.django_db
ADVISOR = reverse("playbooks:alliance_advisor")


def test_a_second_read_is_served_from_the_cache(personas, owner_client):
    first, cold = read_page(owner_client, ADVISOR)
    again, warm = read_page(owner_client, ADVISOR)
    assert warm < cold and unmasked(again) == unmasked(first)


def test_saved_facts_and_a_new_health_check_show_at_the_next_read(personas, owner_client):
    assert 'value="14"' not in read_page(owner_client, ADVISOR)[0]
    AssessmentFactory(company=personas.company, answers={"patent_count": 14})
    assert 'value="14"' in read_page(owner_client, ADVISOR)[0]
    owner_client.post(ADVISOR, {"patent_count": "40", "revenue_band": "5m_50m_usd"})
    page = read_page(owner_client, ADVISOR)[0]
    assert 'value="40"' in page and "Last updated" in page


def test_the_cached_form_posts_with_each_readers_own_token(personas):
    owner, editor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    owner.force_login(personas.owner)
    editor.force_login(personas.editor)
    read_page(owner, ADVISOR)
    owner_token = csrf_token(read_page(owner, ADVISOR)[0])  # from the cache
    editor_token = csrf_token(read_page(editor, ADVISOR)[0])
    facts = {"patent_count": "4", "revenue_band": "under_5m_usd"}
    assert editor.post(ADVISOR, {**facts, "csrfmiddlewaretoken": owner_token}).status_code == 403
    saved = editor.post(ADVISOR, {**facts, "csrfmiddlewaretoken": editor_token})
    assert saved.status_code == 302


def test_a_refused_post_is_not_cached_and_viewers_get_no_form(
    personas, owner_client, viewer_client
):
    response = owner_client.post(ADVISOR, {"patent_count": "-1", "revenue_band": "under_5m_usd"})
    assert response.status_code == 400
    assert "greater than or equal to 0" not in read_page(owner_client, ADVISOR)[0]
    assert "<form" in read_page(owner_client, ADVISOR)[0].split("<main")[1]
    assert "<form" not in read_page(viewer_client, ADVISOR)[0].split("<main")[1]

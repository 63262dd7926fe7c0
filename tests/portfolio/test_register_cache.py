"""The register and an asset's page are cached per company, user and query, yet a write shows
at the very next read (ipguard/lib/fragments.py)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from ipguard.portfolio import services
from tests.factories import AssetFactory, FilingFactory
from tests.pages import csrf_token, read_page, unmasked

pytestmark = pytest.mark.django_db

REGISTER = reverse("portfolio:asset_list")


@pytest.fixture
def lamp(personas):
    asset = AssetFactory(company=personas.company, name="LUMEN")
    FilingFactory(asset=asset, office="CN", number="51234567")
    return asset


def test_a_second_read_is_served_from_the_cache(personas, owner_client, lamp):
    for url in (REGISTER, lamp.get_absolute_url()):
        first, cold = read_page(owner_client, url)
        again, warm = read_page(owner_client, url)
        assert warm <= cold - 3 and unmasked(again) == unmasked(first)


def test_a_renamed_asset_and_a_new_filing_show_at_the_nextread_page(personas, owner_client, lamp):
    detail = lamp.get_absolute_url()
    assert "1 filings" in read_page(owner_client, REGISTER)[0]
    read_page(owner_client, detail)
    services.asset_update(asset=lamp, data={"name": "LUMEN PRO"})
    services.filing_create(
        asset=lamp, data={"office": "US", "number": "98765432", "filing_date": date(2024, 3, 1)}
    )
    register, _ = read_page(owner_client, REGISTER)
    assert "LUMEN PRO" in register and "2 filings" in register and "office-badge" in register
    page, _ = read_page(owner_client, detail)
    assert "LUMEN PRO" in page and "98765432" in page


def test_a_snoozed_deadline_shows_in_the_assets_history_at_the_nextread_page(
    personas, owner_client, lamp
):
    detail = lamp.get_absolute_url()
    before, _ = read_page(owner_client, detail)
    deadline = lamp.filings.get().deadlines.filter(status="open").order_by("due_date").first()
    until = min(deadline.grace_ends or deadline.due_date, date.today() + timedelta(days=10))
    services.deadline_snooze(deadline=deadline, until=until, user=personas.owner)
    after, _ = read_page(owner_client, detail)
    assert until.isoformat() not in before and until.isoformat() in after


def test_each_query_and_each_role_has_its_own_body(personas, owner_client, viewer_client, lamp):
    AssetFactory(company=personas.company, name="ORBIT")
    everything, _ = read_page(owner_client, REGISTER)
    searched, _ = read_page(owner_client, REGISTER + "?q=orbit")
    assert "LUMEN" in everything and "ORBIT" in everything
    assert "ORBIT" in searched and "LUMEN" not in searched
    add_asset = reverse("portfolio:asset_create")
    assert add_asset in everything
    assert add_asset not in read_page(viewer_client, REGISTER)[0]


def test_another_company_gets_a_404_for_a_cached_asset(personas, owner_client, lamp):
    read_page(owner_client, lamp.get_absolute_url())
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(lamp.get_absolute_url()).status_code == 404
    assert "LUMEN" not in outsider.get(REGISTER).content.decode()


def test_a_cached_body_carries_each_readers_owncsrf_token(personas, lamp):
    """A form in a cached body posts for whoever reads it, and no reader gets another's token."""
    detail = lamp.get_absolute_url()
    owner, editor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    owner.force_login(personas.owner)
    editor.force_login(personas.editor)
    owner.get(detail)
    owner_token = csrf_token(owner.get(detail).content.decode())  # the cached body
    editor.get(detail)
    editor_token = csrf_token(editor.get(detail).content.decode())
    assert "csrf-token" not in owner_token + editor_token
    refused = editor.post(reverse("portfolio:asset_archive", args=[lamp.pk]))
    assert refused.status_code == 403
    response = editor.post(
        reverse("portfolio:asset_archive", args=[lamp.pk]),
        {"csrfmiddlewaretoken": editor_token},
    )
    assert response.status_code == 302
    lamp.refresh_from_db()
    assert lamp.archived_at is not None
    assert "Archived" in read_page(editor, detail)[0] or "archived" in read_page(editor, detail)[0]


def test_text_that_spells_the_token_placeholder_is_shown_as_typed(personas, owner_client):
    """Only the template's {% csrf_token %} is replaced: a user cannot write the placeholder."""
    asset = AssetFactory(company=personas.company, name="csrf-token")
    page, _ = read_page(owner_client, asset.get_absolute_url())
    again, _ = read_page(owner_client, asset.get_absolute_url())
    assert again.count("csrf-token") == page.count("csrf-token") >= 1
    response = owner_client.post(
        reverse("portfolio:asset_edit", args=[asset.pk]),
        {"name": "csrf\x00-token", "right": "trademark"},
    )
    assert response.status_code == 400 and "Null characters are not allowed" in (
        response.content.decode()
    )
    asset.refresh_from_db()
    assert asset.name == "csrf-token"

"""The dashboard's panels are cached per company, yet a write is visible at the very next read."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ipguard.actions.services import action_item_complete
from ipguard.lib import fragments
from ipguard.lib.fragments import company_data_changed
from tests.factories import ActionItemFactory, AssetFactory, EvidenceRecordFactory, FilingFactory
from tests.pages import read_page

pytestmark = pytest.mark.django_db

URL = reverse("core:dashboard")


def _page(client):
    return read_page(client, URL)[0]


def _queries(client):
    return read_page(client, URL)[1]


def test_a_second_read_is_served_from_the_cache(personas, owner_client):
    ActionItemFactory(company=personas.company, due_date=date.today() + timedelta(days=3))
    first = _queries(owner_client)
    assert _queries(owner_client) <= first - 5  # the panels' own queries are skipped


def test_a_new_and_a_completed_action_show_at_the_next_read(personas, owner_client):
    _page(owner_client)
    item = ActionItemFactory(
        company=personas.company, title={"en": "Record the logo licence"}, due_date=date.today()
    )
    assert "Record the logo licence" in _page(owner_client)
    action_item_complete(action=item, user=personas.owner)
    assert "Record the logo licence" not in _page(owner_client)


def test_deadlines_written_in_bulk_by_the_service_show_at_the_next_read(personas, owner_client):
    _page(owner_client)
    asset = AssetFactory(company=personas.company, name="Lumen wordmark")
    FilingFactory(asset=asset, filing_date=date.today() - timedelta(days=3650 - 60))
    assert "Lumen wordmark" in _page(owner_client)


def test_new_evidence_shows_at_the_next_read(personas, owner_client):
    before = _page(owner_client)
    EvidenceRecordFactory(company=personas.company, title="Sketches of the lamp base")
    after = _page(owner_client)
    assert "Sketches of the lamp base" not in before and "Sketches of the lamp base" in after


def test_each_company_and_role_has_its_own_fragment(personas, owner_client, viewer_client):
    ActionItemFactory(company=personas.company, title={"en": "Ours only"}, due_date=date.today())
    assert "Ours only" in _page(owner_client)
    other = personas.client_for(personas.outsider)
    assert "Ours only" not in _page(other)
    assert "Ours only" in _page(viewer_client)


def test_a_bump_is_a_new_key(personas):
    personas.company.refresh_from_db()
    before = personas.company.data_version
    company_data_changed(personas.company.pk)
    personas.company.refresh_from_db()
    assert personas.company.data_version == before + 1


def test_the_calendar_shows_a_new_action_and_a_renamed_owner_at_the_next_read(
    personas, owner_client
):
    url = reverse("portfolio:calendar")
    item = ActionItemFactory(
        company=personas.company, title={"en": "Brief the distributor"}, owner=personas.editor
    )
    first = owner_client.get(url).content.decode()
    assert "Brief the distributor" in first
    personas.editor.full_name = "Grace Renamed"
    personas.editor.save()
    assert "Grace Renamed" in owner_client.get(url).content.decode()
    action_item_complete(action=item, user=personas.owner)
    month = reverse("portfolio:calendar_month")
    owner_client.get(month)
    ActionItemFactory(company=personas.company, title={"en": "File the renewal"})
    assert "File the renewal" in owner_client.get(month).content.decode()
    assert "File the renewal" in owner_client.get(url).content.decode()


def test_an_out_of_range_page_warns_every_time(personas, owner_client):
    url = reverse("portfolio:calendar") + "?page=99"
    for _ in range(2):
        assert "There is no page 99" in owner_client.get(url).content.decode()


def test_a_new_release_never_serves_fragments_rendered_by_the_old_one(
    personas, owner_client, monkeypatch
):
    """Fragments are keyed by a hash of the code, templates, translations and content: after a
    deploy that changes how a page reads, the cached panels are rendered anew."""
    ActionItemFactory(company=personas.company, due_date=date.today() + timedelta(days=3))
    cold = _queries(owner_client)
    assert _queries(owner_client) < cold
    monkeypatch.setattr(fragments, "release_version", lambda: "the-next-release")
    assert _queries(owner_client) == cold
    assert _queries(owner_client) < cold


def test_the_release_version_follows_the_files_that_shape_a_page(settings, tmp_path):
    (tmp_path / "ipguard").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "ipguard" / "views.py").write_text("PAGE_SIZE = 50\n")
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ body }}</p>")
    settings.BASE_DIR = tmp_path
    try:
        fragments.release_version.cache_clear()
        before = fragments.release_version()
        fragments.release_version.cache_clear()
        assert fragments.release_version() == before
        template.write_text("<p class='lead'>{{ body }}</p>")
        fragments.release_version.cache_clear()
        assert fragments.release_version() != before
    finally:
        fragments.release_version.cache_clear()

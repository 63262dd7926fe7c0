"""The vault's body is cached per company and role, yet every new record, deposit and anchor
shows at the very next read (ipguard/lib/fragments.py)."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from ipguard.evidence.deposits import external_deposit_create
from ipguard.evidence.models import EvidenceEntry
from ipguard.evidence.services import IncomingFile, chain_anchor
from tests.factories import member
from tests.pages import count_queries, csrf_token

pytestmark = pytest.mark.django_db

URL = reverse("evidence:vault")


def _page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client):
    return count_queries(lambda: _page(client))


def test_a_second_read_is_served_from_the_cache(record_files, viewer_client):
    record_files([("logo.svg", b"<svg/>")])
    first = _queries(viewer_client)
    assert _queries(viewer_client) <= first - 3  # records, their entries, the chain, the anchor


def test_a_new_record_shows_at_the_next_read(record_files, viewer_client):
    record_files([("logo.svg", b"<svg/>")], title="Sunrise logo")
    before = _page(viewer_client)
    record_files([("lamp.dwg", b"AC1032")], title="Desk lamp side view")
    after = _page(viewer_client)
    assert "Desk lamp side view" not in before
    assert "Desk lamp side view" in after and "lamp.dwg" in after and "#2" in after


def test_a_new_deposit_shows_its_certificate_at_the_next_read(
    personas, record_files, viewer_client
):
    record = record_files([("logo.svg", b"<svg/>")])
    _page(viewer_client)
    certificate = b"%PDF certificate"
    external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=EvidenceEntry.objects.get(record=record),
        target="file",
        kind="judicial_blockchain",
        platform="Beijing Internet Court",
        certificate_number="BJ-2026-0042",
        deposited_at=datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC),
        platform_hash="",
        certificate=IncomingFile(
            name="certificate.pdf", stream=io.BytesIO(certificate), size=len(certificate)
        ),
    )
    assert "BJ-2026-0042" in _page(viewer_client)


def test_a_new_anchor_shows_at_the_next_read(personas, record_files, tsa, viewer_client):
    record_files([("logo.svg", b"<svg/>")])
    assert "Last trusted timestamp" not in _page(viewer_client)
    chain_anchor(company=personas.company)
    assert "Last trusted timestamp: entry 1" in _page(viewer_client)


def test_a_viewer_and_an_editor_each_get_their_roles_page(
    record_files, viewer_client, editor_client
):
    record_files([("logo.svg", b"<svg/>")])
    create = reverse("evidence:record_create")
    assert create not in _page(viewer_client)
    assert create in _page(editor_client)
    assert create not in _page(viewer_client)


def test_another_company_never_sees_this_companys_records(personas, record_files, owner_client):
    record_files([("logo.svg", b"<svg/>")], title="Sunrise logo")
    assert "Sunrise logo" in _page(owner_client)
    assert "Sunrise logo" not in _page(personas.client_for(personas.outsider))


def test_each_reader_gets_their_owncsrf_token(personas, record_files):
    record_files([("logo.svg", b"<svg/>")])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(personas.editor)
    second.force_login(member(personas.company, "editor", email="second.editor@acme.test"))
    first_token = csrf_token(_page(first))
    second_token = csrf_token(_page(second))  # the body from the cache, the layout around it not

    # No files: refused by the form (400), which the CSRF check (403) lets through first.
    create = reverse("evidence:record_create")
    assert second.post(create, {"csrfmiddlewaretoken": second_token}).status_code == 400
    assert second.post(create, {"csrfmiddlewaretoken": first_token}).status_code == 403


def test_a_large_vault_pages_its_records_newest_first(personas, viewer_client):
    from datetime import UTC, datetime, timedelta

    from tests.factories import EvidenceRecordFactory

    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(51):
        EvidenceRecordFactory(
            company=personas.company, title=f"Sketch {n:02d}", recorded_at=start + timedelta(n)
        )
    url = reverse("evidence:vault")
    first = viewer_client.get(url).content.decode()
    assert "Sketch 50" in first and "Sketch 01" in first and "Sketch 00" not in first
    assert "1 / 2" in first and "?page=2" in first
    second = viewer_client.get(url + "?page=2").content.decode()
    assert "Sketch 00" in second and "Sketch 50" not in second and "?page=1" in second

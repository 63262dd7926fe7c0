"""Every shown time is in the reader's time zone, chosen in the profile (issue 16).

The instant 2026-12-01 01:30 UTC is 09:30 in Shanghai (UTC+8, no daylight saving) and 02:30 in
Berlin (UTC+1 in winter).
"""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.playbooks.models import Assessment
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

MOMENT = "2026-12-01 01:30:00+00:00"


@pytest.fixture
def zones(personas):
    personas.editor.time_zone = "Asia/Shanghai"
    personas.editor.save(update_fields=["time_zone"])
    personas.viewer.time_zone = "Europe/Berlin"
    personas.viewer.save(update_fields=["time_zone"])
    return personas


def test_comments_show_each_readers_local_time(zones):
    action = ActionItemFactory(company=zones.company)
    editor = zones.client_for(zones.editor)
    with time_machine.travel(MOMENT, tick=False):
        response = editor.post(
            reverse("actions:action_comment", args=[action.pk]), {"body": "Agent instructed."}
        )
    assert response.status_code == 302
    url = reverse("actions:action_detail", args=[action.pk])
    assert "2026-12-01 09:30" in editor.get(url).content.decode()
    viewer_page = zones.client_for(zones.viewer).get(url).content.decode()
    assert "2026-12-01 02:30" in viewer_page
    assert "2026-12-01 09:30" not in viewer_page


def test_the_autosave_note_is_local(zones):
    with time_machine.travel(MOMENT, tick=False):
        Assessment.objects.create(company=zones.company, number=1, started_by=zones.editor)
    page = zones.client_for(zones.editor).get(
        reverse("playbooks:questionnaire_area", args=["profile"])
    )
    assert "Saved automatically at 09:30." in page.content.decode()


def test_vault_records_show_a_local_time_not_a_raw_iso_string(zones, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with time_machine.travel(MOMENT, tick=False):
        record = evidence_record_create(
            company=zones.company,
            user=zones.editor,
            title="Desk lamp drawings",
            files=[IncomingFile(name="lamp.pdf", stream=io.BytesIO(b"%PDF-1.4"), size=8)],
        )
    editor = zones.client_for(zones.editor)
    vault = editor.get(reverse("evidence:vault")).content.decode()
    assert "2026-12-01 09:30" in vault
    assert "2026-12-01T01:30:00Z" not in vault
    detail = editor.get(reverse("evidence:record_detail", args=[record.pk])).content.decode()
    assert "2026-12-01 09:30" in detail and "Asia/Shanghai" in detail
    # The ledger's own UTC stamp stays visible as what the proof rests on.
    assert "2026-12-01T01:30:00Z" in detail


def test_today_on_the_calendar_is_the_readers_day(zones):
    """At 20:00 UTC on 1 December it is already 2 December in Shanghai."""
    ActionItemFactory(company=zones.company, due_date=datetime.date(2026, 12, 1))
    with time_machine.travel("2026-12-01 20:00:00+00:00", tick=False):
        shanghai = zones.client_for(zones.editor).get(reverse("portfolio:calendar"))
        berlin = zones.client_for(zones.viewer).get(reverse("portfolio:calendar"))
    assert "Overdue" in shanghai.content.decode()
    assert "Overdue" not in berlin.content.decode()


def test_the_vaults_trusted_timestamp_is_shown_in_the_readers_zone(zones, settings):
    import datetime as dt

    from ipguard.evidence.models import ChainAnchor

    settings.EVIDENCE_TSA_URL = "https://freetsa.org/tsr"
    ChainAnchor.objects.create(
        company=zones.company,
        position=1,
        entry_hash="0" * 64,
        authority_url="https://freetsa.org/tsr",
        token=b"",
        gen_time=dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC),
        serial_number="1",
    )
    vault = zones.client_for(zones.editor).get(reverse("evidence:vault")).content.decode()
    assert "entry 1, 2026-12-01 09:30 Asia/Shanghai" in vault

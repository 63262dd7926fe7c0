"""The audit trail: the services record who changed what; owners read it with filters; it is
append-only; the company export carries it and deleting the company removes it."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from ipguard.accounts.models import Company, Membership, User
from ipguard.actions.services import action_item_set_status
from ipguard.audit.models import AuditEvent
from ipguard.audit.services import audit_record
from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.portfolio.models import Asset, CalendarFeed, Deadline
from ipguard.portfolio.services import deadline_set_status, filing_create, filing_update
from tests.factories import ActionItemFactory, AssetFactory, FilingFactory, deadline_of

pytestmark = pytest.mark.django_db

AUDIT = "/audit/"


def _codes(company):
    return list(
        AuditEvent.objects.filter(company_id=company.pk)
        .order_by("pk")
        .values_list("code", flat=True)
    )


def test_member_and_role_changes_are_recorded_with_who_and_what(personas, owner_client):
    membership = Membership.objects.get(user=personas.editor)
    owner_client.post(reverse("accounts:membership_role", args=[membership.pk]), {"role": "viewer"})
    owner_client.post(
        reverse("accounts:invitation_create"), {"email": "new@example.com", "role": "editor"}
    )
    viewer = Membership.objects.get(user=personas.viewer)
    owner_client.post(reverse("accounts:membership_remove", args=[viewer.pk]))

    events = list(AuditEvent.objects.filter(company_id=personas.company.pk).order_by("pk"))
    assert [event.code for event in events] == [
        "member.role_changed",
        "member.invited",
        "member.removed",
    ]
    role = events[0]
    assert role.actor_email == "owner@acme.test" and role.actor_id == personas.owner.pk
    assert role.changes == {"role": ["editor", "viewer"]}
    assert role.object_label == str(personas.editor)
    assert events[2].changes == {"role": ["viewer", None]}


def test_company_settings_changes_are_recorded_field_by_field(personas, owner_client):
    page = owner_client.get(reverse("accounts:company_settings"))
    form = page.context["form"]
    data = {name: form.initial.get(name) for name in form.fields if name != "logo"}
    data["export_markets"] = form.initial["export_markets"]
    data["name"] = "Acme Lighting Group"
    data["require_two_factor"] = ""
    response = owner_client.post(reverse("accounts:company_settings"), data)
    assert response.status_code == 302
    (event,) = AuditEvent.objects.filter(code="company.settings_changed")
    assert event.changes == {"name": ["Acme Lighting", "Acme Lighting Group"]}


def test_actions_filings_deadlines_evidence_and_answers_are_recorded(personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    company, editor = personas.company, personas.editor
    action = ActionItemFactory(company=company)
    action_item_set_status(action=action, status="in_progress", user=editor)
    asset = AssetFactory(company=company)
    filing = filing_create(
        asset=asset,
        data={"office": "CN", "number": "123", "status": "filed", "filing_date": date(2024, 1, 2)},
        user=editor,
    )
    filing_update(filing=filing, data={"number": "124"}, user=editor)
    deadline_of(company)
    deadline = Deadline.objects.filter(company=company, status="open").first()
    deadline_set_status(deadline=deadline, status="done", user=editor)
    evidence_record_create(
        company=company,
        user=editor,
        title="Lamp drawings",
        files=[IncomingFile(name="a.png", stream=io.BytesIO(b"png"), size=3)],
    )
    client = personas.client_for(editor)
    client.post(reverse("playbooks:questionnaire"))
    client.post(
        reverse("playbooks:questionnaire_area", args=["profile"]),
        {"shown": ["sells_online"], "sells_online": "yes"},
    )

    codes = _codes(company)
    for code in [
        "action.status_changed",
        "filing.created",
        "filing.updated",
        "deadline.status_changed",
        "evidence.recorded",
        "answers.saved",
    ]:
        assert code in codes, code
    updated = AuditEvent.objects.get(code="filing.updated")
    assert updated.changes == {"number": ["123", "124"]}
    answers = AuditEvent.objects.get(code="answers.saved")
    assert answers.changes == {"sells_online": [None, "yes"]}
    assert {event.actor_email for event in AuditEvent.objects.all()} == {"editor@acme.test"}


def test_the_trail_is_append_only(personas):
    event = audit_record(company=personas.company, actor=personas.owner, code="member.invited")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(code="member.removed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).code == "member.invited"
    # Deleting the person who acted does not touch the trail.
    personas.owner.delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_email == "owner@acme.test"


def test_only_owners_read_the_trail_and_only_their_companys(personas, owner_client):
    audit_record(company=personas.company, actor=personas.owner, code="member.invited")
    audit_record(company=personas.other_company, actor=personas.outsider, code="member.removed")
    page = owner_client.get(AUDIT)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Member invited" in text and "Member removed" not in text
    assert personas.client_for(personas.editor).get(AUDIT).status_code == 403
    assert personas.client_for(personas.viewer).get(AUDIT).status_code == 403


def test_the_trail_filters_by_kind_person_and_date(personas, owner_client):
    company = personas.company
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        audit_record(company=company, actor=personas.owner, code="member.invited")
    audit_record(company=company, actor=personas.editor, code="filing.created")
    audit_record(company=company, actor=personas.owner, code="member.role_changed")

    def shown(query):
        response = owner_client.get(AUDIT, query)
        return response.status_code, [event.code for event in response.context["page"]]

    assert shown({"category": "roles"}) == (200, ["member.role_changed"])
    assert shown({"actor": "editor@acme.test"}) == (200, ["filing.created"])
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert shown({"since": since, "category": "members"}) == (200, [])
    assert shown({"until": since}) == (200, ["member.invited"])
    # Bad input gives a message, never a 500.
    assert owner_client.get(AUDIT, {"since": "9999-99-99"}).status_code == 400
    assert (
        owner_client.get(AUDIT, {"since": "2026-05-01", "until": "2026-04-01"}).status_code == 400
    )
    assert owner_client.get(AUDIT, {"category": "nonsense"}).status_code == 400
    assert owner_client.get(AUDIT, {"page": "99999"}).status_code == 200


def test_the_export_holds_everything_the_company_owns(personas, owner_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    FilingFactory(asset=AssetFactory(company=personas.company, name="SUNRISE"))
    FilingFactory(asset=AssetFactory(company=personas.other_company, name="RIVAL"))
    CalendarFeed.objects.create(user=personas.owner, company=personas.company, token="s3cret-tok")
    audit_record(company=personas.company, actor=personas.owner, code="member.invited")

    response = owner_client.get(reverse("core:company_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"data/accounts.company.json", "data/members.json", "evidence/vault.zip"} <= names
    assets = json.loads(archive.read("data/portfolio.asset.json"))
    assert [row["fields"]["name"] for row in assets] == ["SUNRISE"]
    assert json.loads(archive.read("data/portfolio.filing.json"))
    # Identifiers are kept (a deadline's rule key), only the feed's secret token is left out.
    deadlines = json.loads(archive.read("data/portfolio.deadline.json"))
    assert deadlines and all(row["fields"]["key"] for row in deadlines)
    members = json.loads(archive.read("data/members.json"))
    assert {m["email"] for m in members} == {
        "owner@acme.test",
        "editor@acme.test",
        "viewer@acme.test",
    }
    trail = json.loads(archive.read("data/audit.auditevent.json"))
    assert "member.invited" in [row["fields"]["code"] for row in trail]
    assert b"s3cret-tok" not in b"".join(archive.read(name) for name in names)
    assert (
        personas.client_for(personas.editor).get(reverse("core:company_export")).status_code == 403
    )


def test_deleting_the_company_needs_its_exact_name(personas, owner_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    FilingFactory(asset=AssetFactory(company=personas.company))
    audit_record(company=personas.company, actor=personas.owner, code="member.invited")
    kept = audit_record(
        company=personas.other_company, actor=personas.outsider, code="member.invited"
    )
    url = reverse("core:company_delete")
    assert (
        personas.client_for(personas.editor)
        .post(url, {"confirmation": "Acme Lighting"})
        .status_code
        == 403
    )

    wrong = owner_client.post(url, {"confirmation": "acme lighting"})
    assert wrong.status_code == 400 and "That is not the company" in wrong.content.decode()
    assert Company.objects.filter(pk=personas.company.pk).exists()

    response = owner_client.post(url, {"confirmation": "Acme Lighting"})
    assert response.status_code == 302
    assert not Company.objects.filter(pk=personas.company.pk).exists()
    assert not Asset.objects.filter(company_id=personas.company.pk).exists()
    assert not AuditEvent.objects.filter(company_id=personas.company.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    assert User.objects.filter(email="editor@acme.test").exists()


@pytest.mark.parametrize(
    ("language", "expected", "stored"),
    [
        ("en", ["role:", "Editor → Viewer"], "editor → viewer"),
        ("zh-hans", ["角色:", "编辑者 → 查看者"], "editor → viewer"),
    ],
)
def test_the_trail_shows_field_names_and_values_in_the_readers_language(
    personas, owner_client, language, expected, stored
):
    membership = Membership.objects.get(user=personas.editor)
    owner_client.post(reverse("accounts:membership_role", args=[membership.pk]), {"role": "viewer"})
    personas.owner.language = language
    personas.owner.save(update_fields=["language"])
    page = personas.client_for(personas.owner).get(AUDIT, HTTP_ACCEPT_LANGUAGE=language)
    text = " ".join(page.content.decode().split())
    for piece in expected:
        assert piece in text, piece
    assert stored not in text


def test_status_and_category_values_render_as_labels_in_both_languages(personas):
    from django.utils import translation

    action = ActionItemFactory(company=personas.company)
    event = audit_record(
        company=personas.company,
        actor=personas.owner,
        code="action.status_changed",
        obj=action,
        changes={"status": ["todo", "done"], "tier": [None, "urgent"]},
    )
    with translation.override("en"):
        rows = [(r.field, r.old, r.new) for r in event.change_rows]
        assert rows == [("status", "To do", "Done"), ("tier", "—", "Urgent (1 month)")]
    with translation.override("zh-hans"):
        rows = [(r.field, r.old, r.new) for r in event.change_rows]
        assert "todo" not in str(rows) and "urgent" not in str(rows)
        assert all(not r[0].isascii() for r in rows), rows

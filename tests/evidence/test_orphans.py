"""Files a crash can orphan: uploads move into place on commit; orphans are listed and removed."""

import io
import os
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ipguard.evidence.orphans import vault_orphans
from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.evidence.verification import vault_verify
from tests.evidence.conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_grace(settings):
    settings.EVIDENCE_ORPHAN_MIN_AGE_SECONDS = 0


def _record_without_commit(personas, django_capture_on_commit_callbacks, name, content):
    """Record a file but keep its on-commit move back, as a crash right after the commit would."""
    with django_capture_on_commit_callbacks(execute=False) as moves:
        record = evidence_record_create(
            company=personas.company,
            user=personas.editor,
            title="Lamp",
            files=[IncomingFile(name=name, stream=io.BytesIO(content), size=len(content))],
        )
    return record, moves


def _left_by_a_killed_upload(media, company, content=b"half a drawing"):
    folder = media / "evidence" / str(company.pk) / "0123456789abcdef0123456789abcdef"
    folder.mkdir(parents=True)
    stray = folder / "lamp.dwg.partial"
    stray.write_bytes(content)
    return stray


def test_a_file_gets_its_recorded_name_only_when_the_transaction_commits(
    personas, media, django_capture_on_commit_callbacks
):
    record, moves = _record_without_commit(
        personas, django_capture_on_commit_callbacks, "lamp.dwg", b"AC1032"
    )
    entry = record.entries.get()
    assert [path.name for path in stored_files(media)] == ["lamp.dwg.partial"]
    assert len(moves) == 1
    moves[0]()  # the commit
    assert [path.relative_to(media).as_posix() for path in stored_files(media)] == [
        entry.storage_name
    ]
    assert vault_verify(personas.company).intact


def test_a_refused_upload_leaves_no_file(personas, media):
    from ipguard.evidence.services import UploadRefused

    files = [
        IncomingFile(name="lamp.dwg", stream=io.BytesIO(b"AC1032"), size=6),
        IncomingFile(name="empty.pdf", stream=io.BytesIO(b""), size=None),
    ]
    with pytest.raises(UploadRefused):
        evidence_record_create(
            company=personas.company, user=personas.editor, title="x", files=files
        )
    assert stored_files(media) == []


def test_a_file_left_by_a_killed_upload_is_listed_then_removed_after_confirmation(
    personas, media, owner_client, monkeypatch
):
    stray = _left_by_a_killed_upload(media, personas.company)
    found = vault_orphans(personas.company)
    assert [item.name for item in found.files_without_entry] == [
        stray.relative_to(media).as_posix()
    ]
    assert not found.waiting and not found.missing

    page = owner_client.get(reverse("evidence:verify")).content.decode()
    assert "no entry records" in page and "lamp.dwg.partial" in page
    output = io.StringIO()
    call_command("verify_evidence", stdout=output)
    assert "stored file with no entry" in output.getvalue()

    monkeypatch.setattr("builtins.input", lambda question: "n")
    output = io.StringIO()
    call_command("remove_evidence_orphans", stdout=output)
    assert stray.exists() and "Nothing removed." in output.getvalue()

    monkeypatch.setattr("builtins.input", lambda question: "y")
    call_command("remove_evidence_orphans", stdout=io.StringIO())
    assert not stray.exists() and not stray.parent.exists()
    assert vault_orphans(personas.company).clean
    assert "no entry records" not in owner_client.get(reverse("evidence:verify")).content.decode()


def test_a_file_still_being_uploaded_is_not_an_orphan(personas, media, settings):
    settings.EVIDENCE_ORPHAN_MIN_AGE_SECONDS = 3600
    stray = _left_by_a_killed_upload(media, personas.company)
    assert vault_orphans(personas.company).clean
    old = time.time() - 3601
    os.utime(stray, (old, old))
    assert len(vault_orphans(personas.company).files_without_entry) == 1


def test_a_committed_file_left_under_its_temporary_name_is_moved_into_place(
    personas, media, django_capture_on_commit_callbacks
):
    record, _moves = _record_without_commit(
        personas, django_capture_on_commit_callbacks, "lamp.dwg", b"AC1032"
    )
    found = vault_orphans(personas.company)
    assert found.waiting == [record.entries.get()] and not found.files_without_entry
    assert not vault_verify(personas.company).intact  # the recorded name has no file yet
    output = io.StringIO()
    call_command("remove_evidence_orphans", "--yes", stdout=output)
    assert "moved 1 file(s) into place" in output.getvalue()
    assert vault_verify(personas.company).intact
    assert vault_orphans(personas.company).clean


def test_an_entry_whose_file_is_gone_is_reported_never_removed(personas, media, record_files):
    record = record_files([("lamp.dwg", b"AC1032")])
    entry = record.entries.get()
    (media / entry.storage_name).unlink()
    assert vault_orphans().missing == [entry]
    with pytest.raises(CommandError, match="1 entries have no stored file"):
        call_command("remove_evidence_orphans", "--yes", stdout=io.StringIO())
    assert record.entries.count() == 1

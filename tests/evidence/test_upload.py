import io
import threading
import tracemalloc
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from ipguard.evidence.chain import GENESIS_PREVIOUS_HASH, build_metadata
from ipguard.evidence.models import EvidenceChain, EvidenceEntry, EvidenceRecord
from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.evidence.verification import vault_verify
from ipguard.portfolio.models import Asset
from tests.evidence.conftest import sha256, stored_files
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

DRAWING = b"AC1032 front view of the desk lamp" * 50
PHOTO = b"\xff\xd8\xff first sample photo"


def upload(client, files, **fields):
    data = {"title": "Desk lamp drawings", "author": "Zhang Min", **fields}
    data["files"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(reverse("evidence:record_create"), data)


def test_editor_records_several_files_as_one_record_in_the_chain(personas, editor_client, media):
    asset = Asset.objects.create(company=personas.company, right="design", name="Desk lamp")
    response = upload(
        editor_client,
        [("front.dwg", DRAWING), ("sample.jpg", PHOTO)],
        description="Final drawings before the Canton Fair",
        created_on="2026-11-20",
        asset=asset.pk,
    )

    record = EvidenceRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    entries = list(record.entries.order_by("position"))
    assert [(e.position, e.file_name, e.file_size) for e in entries] == [
        (1, "front.dwg", len(DRAWING)),
        (2, "sample.jpg", len(PHOTO)),
    ]
    assert entries[0].file_sha256 == sha256(DRAWING)
    assert entries[0].previous_hash == GENESIS_PREVIOUS_HASH
    assert entries[1].previous_hash == entries[0].entry_hash
    assert entries[0].metadata == build_metadata(
        title="Desk lamp drawings",
        description="Final drawings before the Canton Fair",
        author="Zhang Min",
        created_on=date(2026, 11, 20),
        asset_ids=[asset.pk],
    )
    chain = EvidenceChain.objects.get(company=personas.company)
    assert (chain.head_position, chain.head_hash) == (2, entries[1].entry_hash)
    assert sorted(path.read_bytes() for path in stored_files(media)) == sorted([DRAWING, PHOTO])

    page = editor_client.get(record.get_absolute_url()).content.decode()
    assert sha256(DRAWING) in page and "front.dwg" in page and "Desk lamp" in page


def test_a_refused_file_says_why_and_nothing_is_stored(personas, editor_client, media):
    response = upload(editor_client, [("front.dwg", DRAWING), ("setup.exe", b"MZ...")])

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was recorded" in page
    assert "setup.exe" in page and "files of type “exe” are not accepted" in page
    assert not EvidenceRecord.objects.exists() and not EvidenceEntry.objects.exists()
    assert stored_files(media) == []


def test_an_empty_file_is_refused(personas, editor_client, media):
    response = upload(editor_client, [("blank.pdf", b"")])

    assert response.status_code == 400
    assert "the file is empty" in response.content.decode()
    assert stored_files(media) == []


def test_a_file_over_the_limit_is_cut_off_while_uploading(personas, editor_client, media, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    big = b"x" * (3 * 1024 * 1024)
    response = upload(
        editor_client, [("ok.pdf", b"%PDF small"), ("huge.tif", big), ("run.bat", b"echo")]
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "huge.tif" in page and "larger than the 1 MB limit" in page
    assert "run.bat" in page and "files of type “bat” are not accepted" in page
    assert not EvidenceEntry.objects.exists()
    assert stored_files(media) == []


def test_no_file_chosen_is_a_form_error(personas, editor_client, media):
    response = editor_client.post(reverse("evidence:record_create"), {"title": "Nothing"})

    assert response.status_code == 400
    assert "choose at least one file" in response.content.decode()
    assert not EvidenceRecord.objects.exists()


def test_another_companys_asset_cannot_be_linked(personas, editor_client, media):
    theirs = Asset.objects.create(company=personas.other_company, right="trademark", name="RIVAL")
    response = upload(editor_client, [("a.png", b"png")], asset=theirs.pk)

    assert response.status_code == 400
    assert not EvidenceRecord.objects.exists()


def test_a_future_creation_date_is_refused(personas, editor_client, media):
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    response = upload(editor_client, [("a.png", b"png")], created_on=tomorrow)

    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()


def test_viewers_can_read_but_not_record(personas, viewer_client, record_files, media):
    record = record_files([("front.dwg", DRAWING)])

    assert viewer_client.get(reverse("evidence:vault")).status_code == 200
    assert viewer_client.get(record.get_absolute_url()).status_code == 200
    assert viewer_client.get(reverse("evidence:record_create")).status_code == 403
    assert upload(viewer_client, [("b.png", b"png")]).status_code == 403
    assert EvidenceEntry.objects.count() == 1
    assert "Record evidence" not in viewer_client.get(reverse("evidence:vault")).content.decode()


def test_vault_lists_only_this_companys_records(personas, owner_client, record_files):
    record_files([("front.dwg", DRAWING)], title="Lamp drawings")
    record_files(
        [("rival.png", b"png")], company=personas.other_company, user=personas.outsider,
        title="Rival secret plan",
    )  # fmt: skip

    page = owner_client.get(reverse("evidence:vault")).content.decode()
    assert "Lamp drawings" in page and "Rival secret plan" not in page
    assert EvidenceChain.objects.get(company=personas.other_company).head_position == 1


def test_a_correction_is_a_new_record_referring_to_the_old(personas, editor_client, record_files):
    old = record_files([("front.dwg", DRAWING)])
    before = EvidenceEntry.objects.get().entry_hash
    response = upload(
        editor_client,
        [("front-v2.dwg", DRAWING + b"fixed")],
        title="Desk lamp drawings (corrected author)",
        corrects=old.pk,
    )

    correction = EvidenceRecord.objects.exclude(pk=old.pk).get()
    assert response.status_code == 302
    assert correction.corrects == old
    assert correction.entries.get().metadata["corrects"] == 1
    assert EvidenceEntry.objects.get(record=old).entry_hash == before
    old_page = editor_client.get(old.get_absolute_url()).content.decode()
    assert "This record was corrected by" in old_page


def test_a_large_file_is_hashed_while_streaming_not_held_in_memory(personas, media, tmp_path):
    source = tmp_path / "scan.tif"
    chunk = bytes(range(256)) * 4096  # 1 MiB
    with open(source, "wb") as out:
        for _ in range(64):
            out.write(chunk)

    tracemalloc.start()
    with open(source, "rb") as stream:
        record = evidence_record_create(
            company=personas.company,
            user=personas.editor,
            title="Scan",
            files=[IncomingFile(name="scan.tif", stream=stream, size=64 * 1024 * 1024)],
        )
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    entry = record.entries.get()
    assert entry.file_size == 64 * 1024 * 1024
    assert entry.file_sha256 == sha256(chunk * 64)
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes"


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_keep_the_chain_linear(personas, media):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    errors = []
    start = threading.Barrier(6)

    def record(index):
        try:
            start.wait()
            evidence_record_create(
                company=personas.company,
                user=personas.editor,
                title=f"Upload {index}",
                files=[
                    IncomingFile(name=f"{index}-{n}.png", stream=io.BytesIO(b"%d-%d" % (index, n)))
                    for n in range(2)
                ],
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    positions = list(EvidenceEntry.objects.order_by("pk").values_list("position", flat=True))
    assert positions == list(range(1, 13))
    for record_ in EvidenceRecord.objects.all():  # each upload's files sit side by side
        mine = sorted(record_.entries.values_list("position", flat=True))
        assert mine[1] == mine[0] + 1
    result = vault_verify(personas.company)
    assert result.intact, result.first_break


def test_recording_completes_the_actions_that_ask_for_evidence(personas, editor_client, media):
    originals = ActionItemFactory(company=personas.company, key="keep_design_originals")
    trademark = ActionItemFactory(company=personas.company, key="deposit_trademark_use_evidence")
    unrelated = ActionItemFactory(company=personas.company, key="register_core_marks")
    linked = ActionItemFactory(company=personas.company, origin="manual", key="")
    elsewhere = ActionItemFactory(company=personas.other_company, key="keep_design_originals")
    declined = ActionItemFactory(
        company=personas.company, key="keep_design_originals", status="not_applicable"
    )

    response = upload(editor_client, [("front.dwg", DRAWING)], action=linked.pk)

    assert response.status_code == 302
    for action in (originals, trademark, unrelated, linked, elsewhere, declined):
        action.refresh_from_db()
    assert (originals.status, trademark.status, linked.status) == ("done", "done", "done")
    assert originals.completed_at is not None
    assert (unrelated.status, elsewhere.status, declined.status) == (
        "todo",
        "todo",
        "not_applicable",
    )
    note = originals.comments.get()
    assert note.is_system and "Desk lamp drawings" in note.text()
    assert EvidenceRecord.objects.get().action == linked

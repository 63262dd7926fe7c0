"""External deposits: the platform's hash is checked against the vault's (ip-rules.md s.4:
the court checks "whether the recomputed hash matched the on-chain one")."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipguard.evidence.deposits import (
    deposit_check,
    deposits_covering,
    external_deposit_create,
    hash_check,
    normalise_hash,
)
from ipguard.evidence.models import EvidenceChain, EvidenceRecord, ExternalDeposit
from ipguard.evidence.services import IncomingFile, UploadRefused
from tests.evidence.conftest import sha256

pytestmark = pytest.mark.django_db


DRAWING = b"lamp drawing v1"
WHEN = datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC)


def _certificate(content=b"%PDF certificate"):
    return IncomingFile(name="certificate.pdf", stream=io.BytesIO(content), size=len(content))


def test_normalise_hash_ignores_case_spaces_and_prefix():
    assert normalise_hash(" 0xAB CD\n:ef-01 ") == "abcdef01"


def test_a_judicial_blockchain_deposit_of_the_file_matches(personas, record_files):
    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()
    shown = " ".join(sha256(DRAWING).upper()[i : i + 8] for i in range(0, 64, 8))

    deposit = external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=entry,
        target=ExternalDeposit.Target.FILE,
        kind=ExternalDeposit.Kind.JUDICIAL_BLOCKCHAIN,
        platform="Hangzhou Internet Court judicial blockchain",
        certificate_number="HZ-2026-000123",
        deposited_at=WHEN,
        platform_hash=shown,
        certificate=_certificate(),
    )

    check = deposit_check(deposit)
    assert check.matches
    assert check.message == (
        "Matches: the platform's hash equals the SHA-256 of file “lamp.dwg” (entry 1)."
    )
    # The certificate itself is a new record, hashed and chained after the deposited file.
    certificate_entry = deposit.certificate_record.entries.get()
    assert certificate_entry.position == 2
    assert certificate_entry.file_sha256 == sha256(b"%PDF certificate")
    assert EvidenceChain.objects.get().head_hash == certificate_entry.entry_hash
    assert [d for d, _check in deposits_covering(record)] == [deposit]


def test_a_mismatch_names_the_expected_and_the_given_hash(personas, record_files):
    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()
    wrong = sha256(b"another file")

    check = hash_check(entry=entry, target=ExternalDeposit.Target.FILE, given=wrong)
    assert not check.matches
    assert check.message == (
        f"Mismatch: expected the SHA-256 of file “lamp.dwg” (entry 1) {sha256(DRAWING)}, "
        f"the platform shows {wrong}."
    )


def test_the_chain_head_hash_given_for_a_file_deposit_is_named(personas, record_files):
    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()

    check = hash_check(entry=entry, target=ExternalDeposit.Target.FILE, given=entry.entry_hash)
    assert not check.matches
    assert check.message.endswith("The platform's hash is the chain head hash at entry 1 instead.")
    head = hash_check(
        entry=entry, target=ExternalDeposit.Target.CHAIN_HEAD, given=entry.entry_hash.upper()
    )
    assert head.matches


def test_a_chain_head_deposit_covers_the_records_before_it(personas, record_files):
    first = record_files([("lamp.dwg", DRAWING)])
    second = record_files([("logo.svg", b"<svg/>")], title="Logo")
    head_entry = second.entries.get()
    deposit = external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=head_entry,
        target=ExternalDeposit.Target.CHAIN_HEAD,
        kind=ExternalDeposit.Kind.NOTARY,
        platform="Shanghai Oriental Notary Office",
        certificate_number="(2026) Hu Dong Zheng No. 88",
        deposited_at=WHEN,
        platform_hash=head_entry.entry_hash,
        certificate=_certificate(),
    )
    assert [d for d, _c in deposits_covering(first)] == [deposit]
    assert [d for d, _c in deposits_covering(second)] == [deposit]
    assert deposits_covering(deposit.certificate_record) == []


def test_a_refused_certificate_records_nothing(personas, record_files, media):
    record = record_files([("lamp.dwg", DRAWING)])
    with pytest.raises(UploadRefused):
        external_deposit_create(
            company=personas.company,
            user=personas.editor,
            entry=record.entries.get(),
            target=ExternalDeposit.Target.FILE,
            kind=ExternalDeposit.Kind.OTHER,
            platform="X",
            certificate_number="1",
            deposited_at=WHEN,
            platform_hash="ab",
            certificate=IncomingFile(name="cert.exe", stream=io.BytesIO(b"MZ"), size=2),
        )
    assert not ExternalDeposit.objects.exists()
    assert EvidenceRecord.objects.count() == 1


def _post(client, url, entry, *, given, target="file", language="en"):
    return client.post(
        url,
        {
            "what": f"{target}:{entry.pk}",
            "kind": "judicial_blockchain",
            "platform": "Beijing Internet Court Tianping chain",
            "certificate_number": "TP-77",
            "deposited_at": "2026-11-03T17:30",
            "platform_hash": given,
            "certificate": SimpleUploadedFile("cert.pdf", b"%PDF cert", "application/pdf"),
        },
        headers={"accept-language": language},
        follow=True,
    )


def test_the_form_records_a_deposit_and_shows_it_matches(personas, record_files, editor_client):
    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()
    url = reverse("evidence:record_deposit_create", args=[record.pk])

    page = editor_client.get(url).content.decode()
    assert "File “lamp.dwg” (entry 1)" in page
    response = _post(editor_client, url, entry, given=sha256(DRAWING).upper())

    assert response.redirect_chain[-1][0] == record.get_absolute_url()
    deposit = ExternalDeposit.objects.get()
    assert deposit.recorded_by == personas.editor
    page = response.content.decode()
    assert "Matches: the platform&#x27;s hash equals" in page
    assert "TP-77" in page


def test_the_form_in_chinese_names_a_mismatch(personas, record_files, editor_client):
    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()
    url = reverse("evidence:record_deposit_create", args=[record.pk])
    editor_client.cookies["django_language"] = "zh-hans"

    response = _post(editor_client, url, entry, given="00" * 32, target="chain_head")
    page = response.content.decode()
    assert "不一致" in page
    assert entry.entry_hash in page


def test_bad_input_is_a_clear_400(personas, record_files, editor_client):
    record = record_files([("lamp.dwg", DRAWING)])
    url = reverse("evidence:record_deposit_create", args=[record.pk])
    response = editor_client.post(url, {"what": "file:999999", "deposited_at": "2999-01-01"})
    assert response.status_code == 400
    assert not ExternalDeposit.objects.exists()


def test_viewers_cannot_enter_deposits_and_other_tenants_get_404(
    personas, record_files, viewer_client
):
    record = record_files([("lamp.dwg", DRAWING)])
    url = reverse("evidence:record_deposit_create", args=[record.pk])
    assert viewer_client.get(url).status_code == 403
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(url).status_code == 404


def test_the_chain_head_form_offers_chain_positions(personas, record_files, editor_client):
    record_files([("lamp.dwg", DRAWING)])
    page = editor_client.get(reverse("evidence:chain_deposit_create")).content.decode()
    assert "Chain head hash at entry 1" in page
    assert "File “" not in page


def test_a_certificate_without_a_hash_is_kept_but_not_called_a_match(personas, record_files):
    record = record_files([("lamp.dwg", DRAWING)])
    deposit = external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=record.entries.get(),
        target=ExternalDeposit.Target.FILE,
        kind=ExternalDeposit.Kind.COPYRIGHT_REGISTRATION,
        platform="Copyright Protection Center of China",
        certificate_number="国作登字-2026-F-00012345",
        deposited_at=WHEN,
        platform_hash="",
        certificate=_certificate(),
    )
    check = deposit_check(deposit)
    assert not check.matches and check.no_hash
    assert check.message.startswith("The certificate shows no hash")


def test_a_judicial_blockchain_deposit_needs_its_hash(personas, record_files, editor_client):
    record = record_files([("lamp.dwg", DRAWING)])
    url = reverse("evidence:record_deposit_create", args=[record.pk])
    response = _post(editor_client, url, record.entries.get(), given="")
    assert response.status_code == 400
    assert "shows the deposited hash" in response.content.decode()
    assert not ExternalDeposit.objects.exists()


def _deposit(personas, entry, certificate):
    return external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=entry,
        target=ExternalDeposit.Target.FILE,
        kind=ExternalDeposit.Kind.OTHER,
        platform="Baoquan",
        certificate_number="BQ-1",
        deposited_at=WHEN,
        platform_hash=sha256(DRAWING),
        certificate=certificate,
    )


@pytest.mark.parametrize("failing", ["deposit_row", "actions_sync"])
def test_a_deposit_that_fails_after_its_certificate_leaves_nothing_half_saved(
    personas, record_files, media, monkeypatch, failing
):
    from django.db import IntegrityError

    from ipguard.evidence import deposit_actions
    from ipguard.evidence.models import EvidenceEntry
    from tests.evidence.conftest import stored_files

    record = record_files([("lamp.dwg", DRAWING)])
    entry = record.entries.get()
    head = EvidenceChain.objects.get().head_hash
    files_before = stored_files(media)

    def fail(*args, **kwargs):
        raise IntegrityError("injected failure")

    if failing == "deposit_row":
        monkeypatch.setattr(ExternalDeposit.objects, "create", fail)
    else:
        monkeypatch.setattr(deposit_actions, "deposit_actions_sync", fail)
    with pytest.raises(IntegrityError):
        _deposit(personas, entry, _certificate())

    assert not ExternalDeposit.objects.exists()
    assert list(EvidenceRecord.objects.all()) == [record]
    assert EvidenceEntry.objects.count() == 1
    assert EvidenceChain.objects.get().head_hash == head
    assert stored_files(media) == files_before  # no certificate file, not even a .partial one

    monkeypatch.undo()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        deposit = _deposit(personas, entry, _certificate())
    assert deposit.certificate_record.entries.get().position == 2  # the chain goes on intact

import io
import logging

import pytest
from django.urls import reverse

from ipguard.evidence.chain import build_entry
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceEntry
from ipguard.evidence.services import IncomingFile, chain_anchor, evidence_record_create
from ipguard.evidence.tasks import anchor_chain_head, anchor_chain_heads
from ipguard.evidence.timestamping import verify_token
from ipguard.evidence.verification import vault_verify
from tests.celery_worker import running_worker, wait_until
from tests.evidence.tsa import LocalTSA

pytestmark = pytest.mark.django_db


def test_the_chain_head_is_timestamped_and_the_token_verified(personas, record_files, tsa):
    record_files([("logo.svg", b"<svg/>"), ("lamp.dwg", b"AC1032")])
    head = EvidenceChain.objects.get(company=personas.company)

    assert anchor_chain_head(personas.company.pk) is not None
    anchor = ChainAnchor.objects.get()
    assert (anchor.position, anchor.entry_hash) == (2, head.head_hash)
    assert anchor.authority_url == tsa.url
    assert verify_token(bytes(anchor.token), head.head_hash, trusted_certs=[tsa.ca_cert_der]).valid
    assert "IPGuard Test TSA" in anchor.signer
    # Nothing new to anchor: the same head is not stamped twice.
    assert anchor_chain_head(personas.company.pk) is None
    assert len(tsa.received) == 1

    record_files([("box.pdf", b"%PDF box")], title="Packaging")
    assert chain_anchor(company=personas.company).position == 3
    result = vault_verify(personas.company)
    assert result.intact
    assert [check.valid for check in result.anchors] == [True, True]


def test_pages_show_the_anchor(personas, record_files, tsa, viewer_client):
    record = record_files([("logo.svg", b"<svg/>")])
    chain_anchor(company=personas.company)

    vault_page = viewer_client.get(reverse("evidence:vault")).content.decode()
    assert "Last trusted timestamp: entry 1" in vault_page
    assert (
        "Covered by the timestamp of entry 1"
        in viewer_client.get(record.get_absolute_url()).content.decode()
    )
    verify_page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "Timestamp valid: signed by" in verify_page


def test_without_an_authority_the_vault_says_the_proof_rests_on_the_chain(
    personas, record_files, settings, viewer_client
):
    settings.EVIDENCE_TSA_URL = ""
    record_files([("logo.svg", b"<svg/>")])

    assert chain_anchor(company=personas.company) is None
    assert anchor_chain_heads() == 0
    page = viewer_client.get(reverse("evidence:vault")).content.decode()
    assert "the proof rests on the hash chain alone" in page
    assert EvidenceChain.objects.get().head_hash in page
    assert "judicial blockchain or a notary" in page


def test_an_unreachable_authority_stores_nothing_and_is_logged(personas, record_files, tsa, caplog):
    record_files([("logo.svg", b"<svg/>")])
    tsa.http_status = 503

    with caplog.at_level(logging.WARNING):
        assert anchor_chain_head(personas.company.pk) is None
    assert not ChainAnchor.objects.exists()
    assert "HTTP 503" in caplog.text


def test_a_rewritten_chain_contradicts_its_timestamp(personas, record_files, tsa):
    record_files([("logo.svg", b"<svg/>")], title="Logo")
    record_files([("lamp.dwg", b"AC1032")], title="Lamp")
    chain_anchor(company=personas.company)

    # A forger backdates entry 1 and recomputes every hash after it, head included: the chain
    # alone looks intact, but the timestamp still names the old head.
    previous = None
    for row in EvidenceEntry.objects.order_by("position"):
        metadata = row.metadata | ({"created_on": "2019-01-01"} if row.position == 1 else {})
        entry, digest = build_entry(
            previous,
            file_sha256=row.file_sha256,
            file_name=row.file_name,
            file_size=row.file_size,
            metadata=metadata,
            recorded_at=row.recorded_at,
        )
        EvidenceEntry.objects.filter(pk=row.pk).update(
            metadata=metadata, previous_hash=entry.previous_hash, entry_hash=digest
        )
        previous = EvidenceEntry.objects.get(pk=row.pk).as_stored_entry()
    EvidenceChain.objects.update(head_hash=previous.entry_hash)

    result = vault_verify(personas.company)
    assert result.intact is False
    assert (result.first_break.position, result.first_break.reason) == (2, "entry_changed")
    assert "not the one that was timestamped" in result.first_break.message


@pytest.mark.integration
def test_the_scheduled_task_anchors_through_a_real_worker(transactional_db, personas, media):
    authority = LocalTSA()
    evidence_record_create(
        company=personas.company,
        user=personas.editor,
        title="Logo",
        files=[IncomingFile(name="logo.svg", stream=io.BytesIO(b"<svg/>"))],
    )
    with (
        authority.serve() as url,
        running_worker(extra_env={"EVIDENCE_TSA_URL": url}) as worker,
    ):
        anchor_chain_heads.apply_async(queue=worker.queue)
        wait_until(ChainAnchor.objects.exists, timeout=60, message="an anchor")
    anchor = ChainAnchor.objects.get()
    assert anchor.entry_hash == EvidenceChain.objects.get().head_hash
    assert verify_token(bytes(anchor.token), anchor.entry_hash).valid
    assert "anchor_chain_head" in worker.output

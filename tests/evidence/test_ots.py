"""OpenTimestamps anchoring against a calendar on loopback (ip-rules.md s.4, S48-S50): submit,
pending, upgrade to a Bitcoin block attestation, and verification against a block header."""

import datetime
import logging

import pytest
from bitcoin.core import CBlockHeader
from opentimestamps.core.notary import BitcoinBlockHeaderAttestation

from ipguard.evidence import ots
from ipguard.evidence.models import EvidenceChain, OtsProof
from ipguard.evidence.ots_anchoring import (
    ots_anchor_chain_head,
    ots_check_messages,
    ots_proof_upgrade,
    ots_proof_verify,
)
from ipguard.evidence.tasks import ots_anchor_chain_heads, ots_upgrade_pending
from tests.evidence.ots_calendar import block_header

pytestmark = pytest.mark.django_db


BLOCK_TIME = datetime.datetime(2026, 11, 20, 8, 15, 42, tzinfo=datetime.UTC)
HEIGHT = 925_301


@pytest.fixture
def completed(personas, record_files, calendar):
    """A chain head anchored, mined into block HEIGHT and upgraded: (proof, header bytes)."""
    record_files([("lamp.dwg", b"drawing"), ("logo.svg", b"<svg/>")])
    proof = ots_anchor_chain_head(company=personas.company)
    header = calendar.mine(HEIGHT, BLOCK_TIME)
    return ots_proof_upgrade(proof=proof), header


def test_the_head_is_submitted_pending_then_upgraded_to_a_bitcoin_block(
    personas, record_files, calendar
):
    record_files([("lamp.dwg", b"drawing")])
    head = EvidenceChain.objects.get(company=personas.company)

    proof = ots_anchor_chain_head(company=personas.company)
    assert (proof.position, proof.entry_hash, proof.status) == (1, head.head_hash, "pending")
    # A nonce is hashed in first, as the ots client does: the calendar never sees the head hash.
    (digest,) = calendar.received_digests
    assert len(digest) == 32 and digest != bytes.fromhex(head.head_hash)
    assert ots.pending_calendars(bytes(proof.proof)) == [calendar.url]
    assert ots_anchor_chain_head(company=personas.company) is None  # same head: no second proof

    assert ots_upgrade_pending() == 0  # the calendar answers "pending confirmation"
    proof.refresh_from_db()
    assert proof.status == "pending" and proof.last_error == ""
    assert len(calendar.timestamp_requests) == 1

    header = calendar.mine(HEIGHT, BLOCK_TIME)
    assert ots_upgrade_pending() == 1
    proof.refresh_from_db()
    assert (proof.status, proof.block_height) == ("complete", HEIGHT)
    assert proof.merkle_root == header[36:68].hex()
    assert proof.block_time is None  # no header source configured: the time needs a header


def test_a_completed_proof_verifies_against_the_pasted_header(completed):
    proof, header = completed
    check = ots_proof_verify(proof=proof, header_hex=header.hex().upper())
    assert check.outcome == ots.VERIFIED
    assert (check.height, check.block_time) == (HEIGHT, BLOCK_TIME)
    proof.refresh_from_db()
    assert proof.block_time == BLOCK_TIME
    messages = ots_check_messages(check)
    assert "existed before 2026-11-20 08:15 UTC" in messages["verified"][1]
    assert (
        check.block_hash in messages["not_verified"][0]
    )  # the header's place in the chain is not checked

    # The opentimestamps library agrees, with python-bitcoinlib parsing the same header.
    parsed = CBlockHeader.deserialize(header)
    attestation = BitcoinBlockHeaderAttestation(HEIGHT)
    root = bytes.fromhex(proof.merkle_root)
    assert attestation.verify_against_blockheader(root, parsed) == int(BLOCK_TIME.timestamp())


def test_a_wrong_header_is_named(completed):
    proof, header = completed
    other = block_header(b"\x42" * 32, BLOCK_TIME)
    check = ots_proof_verify(proof=proof, header_hex=other.hex())
    assert check.outcome == ots.WRONG_HEADER
    (reason,) = ots_check_messages(check)["not_verified"]
    assert reason.startswith("Wrong header: its Merkle root 4242")
    assert f"block {HEIGHT}" in reason


def test_a_tampered_proof_is_named(completed):
    proof, header = completed
    detached = ots.deserialize(bytes(proof.proof))
    (nonce_op,) = detached.timestamp.ops
    nonce = nonce_op[0]
    flipped = bytes([nonce[0] ^ 1]) + nonce[1:]
    proof.proof = bytes(proof.proof).replace(nonce, flipped)

    check = ots_proof_verify(proof=proof, header_hex=header.hex())
    assert check.outcome == ots.TAMPERED
    assert ots_check_messages(check)["not_verified"] == [
        "Tampered proof: it leads to another Merkle root than when it was stored, so it "
        "proves nothing about this chain head."
    ]
    # Without the stored root to compare with, the same proof fails against the header.
    assert ots.verify(
        proof.entry_hash, bytes(proof.proof), header=ots.BlockHeader(header)
    ).outcome == (ots.WRONG_HEADER)
    # A proof of another hash, or unreadable bytes.
    assert ots.verify("00" * 32, bytes(proof.proof)).reason == "starts from another hash"
    assert ots.verify(proof.entry_hash, b"not a proof").outcome == ots.TAMPERED


def test_without_a_header_the_app_says_what_is_and_is_not_verified(completed):
    proof, _header = completed
    check = ots_proof_verify(proof=proof)
    assert check.outcome == ots.NO_HEADER
    messages = ots_check_messages(check)
    assert f"claimed for Bitcoin block {HEIGHT}" in messages["verified"][0]
    assert "no block header was given" in messages["not_verified"][0]


def test_the_configured_header_source_is_used(completed, settings, calendar):
    proof, _header = completed
    settings.EVIDENCE_BITCOIN_HEADER_URL = calendar.esplora
    check = ots_proof_verify(proof=proof)
    assert (check.outcome, check.block_time) == (ots.VERIFIED, BLOCK_TIME)


def test_upgrading_with_a_header_source_stores_the_block_time(
    personas, record_files, calendar, settings
):
    settings.EVIDENCE_BITCOIN_HEADER_URL = calendar.esplora
    record_files([("lamp.dwg", b"drawing")])
    proof = ots_anchor_chain_head(company=personas.company)
    calendar.mine(HEIGHT, BLOCK_TIME)
    proof = ots_proof_upgrade(proof=proof)
    proof.refresh_from_db()
    assert (proof.block_height, proof.block_time) == (HEIGHT, BLOCK_TIME)


def test_a_malformed_pasted_header_is_a_clear_error(completed):
    proof, _header = completed
    with pytest.raises(ValueError, match="a block header has 80"):
        ots_proof_verify(proof=proof, header_hex="00" * 79)
    with pytest.raises(ValueError, match="not hexadecimal"):
        ots_proof_verify(proof=proof, header_hex="zz" * 80)


def test_only_configured_calendars_are_asked_for_upgrades(completed, settings, personas):
    proof, _header = completed
    pending = OtsProof.objects.create(
        company=personas.company,
        position=99,
        entry_hash=proof.entry_hash,
        calendars=["http://127.0.0.1:9/elsewhere"],
        proof=bytes(proof.proof),
    )
    # The proof's calendar is not in this row's list: nothing is fetched, nothing changes.
    assert ots.upgrade(bytes(pending.proof), pending.calendars, timeout=1)[1] is False


def test_an_unreachable_calendar_stores_nothing(personas, record_files, settings, caplog):
    settings.EVIDENCE_OTS_CALENDARS = ["http://127.0.0.1:9/"]
    settings.EVIDENCE_OTS_TIMEOUT = 2
    record_files([("lamp.dwg", b"drawing")])
    with caplog.at_level(logging.WARNING):
        from ipguard.evidence.tasks import ots_anchor_chain_head as task

        assert task(personas.company.pk) is None
    assert "OpenTimestamps anchoring" in caplog.text
    assert not OtsProof.objects.exists()


def test_without_calendars_nothing_is_submitted(personas, record_files, settings):
    settings.EVIDENCE_OTS_CALENDARS = []
    record_files([("lamp.dwg", b"drawing")])
    assert ots_anchor_chain_head(company=personas.company) is None
    assert ots_anchor_chain_heads() == 0


def test_the_pages_show_the_anchor_and_check_a_pasted_header(completed, viewer_client, personas):
    from django.urls import reverse

    from ipguard.evidence.models import EvidenceRecord

    proof, header = completed
    record = EvidenceRecord.objects.get(company=personas.company)
    page = viewer_client.get(record.get_absolute_url()).content.decode()
    assert 'data-track="public_blockchain" data-status="done"' in page
    assert f"Bitcoin block {HEIGHT}" in page

    url = reverse("evidence:ots_proof", args=[proof.pk])
    page = viewer_client.get(url, {"check": "1", "header": header.hex()}).content.decode()
    assert 'data-outcome="verified"' in page
    assert "existed before 2026-11-20 08:15 UTC" in page
    bad = viewer_client.get(url, {"check": "1", "header": "abc"})
    assert bad.status_code == 400 and "This is not a block header" in bad.content.decode()

    viewer_client.cookies["django_language"] = "zh-hans"
    page = viewer_client.get(url, {"check": "1", "header": header.hex()}).content.decode()
    assert "区块头" in page and "已核验" in page
    download = viewer_client.get(reverse("evidence:ots_proof_download", args=[proof.pk]))
    assert download.content == bytes(proof.proof)
    assert "chain-head-2.json.ots" in download["Content-Disposition"]
    assert personas.client_for(personas.outsider).get(url).status_code == 404


def test_the_vault_verification_page_replays_every_proof(completed, viewer_client):
    from django.urls import reverse

    proof, _header = completed
    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert 'data-outcome="no_header"' in page
    assert f"claimed for Bitcoin block {HEIGHT}" in page
    # A proof changed in the database is named as tampered on the same page.
    detached = ots.deserialize(bytes(proof.proof))
    (nonce_op,) = detached.timestamp.ops
    nonce = nonce_op[0]
    changed = bytes(proof.proof).replace(nonce, bytes([nonce[0] ^ 1]) + nonce[1:])
    OtsProof.objects.filter(pk=proof.pk).update(proof=changed)
    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert 'data-outcome="tampered"' in page and "Tampered proof" in page


def test_without_calendars_the_verification_page_says_so(personas, record_files, viewer_client):
    from django.urls import reverse

    record_files([("lamp.dwg", b"drawing")])
    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "the chain head is not anchored in Bitcoin" in page


def test_an_editor_can_anchor_the_head_now(
    personas, record_files, calendar, editor_client, django_capture_on_commit_callbacks
):
    from unittest import mock

    from django.urls import reverse

    record_files([("lamp.dwg", b"drawing")])
    assert (
        "Anchor the chain head now"
        in editor_client.get(reverse("evidence:ots_proofs")).content.decode()
    )
    with (
        mock.patch("ipguard.evidence.tasks.ots_anchor_chain_head.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = editor_client.post(reverse("evidence:ots_anchor_now"))
    assert response.status_code == 302
    delay.assert_called_once_with(personas.company.pk)

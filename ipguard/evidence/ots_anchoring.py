"""Anchoring chain heads with OpenTimestamps: submit, upgrade, verify (ipguard.evidence.ots).

Network calls happen outside any lock; a failed call stores nothing (or only the error text on
the pending proof), and the next scheduled run tries again.
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.evidence import ots
from ipguard.evidence.models import EvidenceChain, OtsProof


def ots_anchor_chain_head(*, company) -> OtsProof | None:
    """Submit the company's chain head to EVIDENCE_OTS_CALENDARS; None if nothing to do."""
    calendars = settings.EVIDENCE_OTS_CALENDARS
    chain = EvidenceChain.objects.filter(company=company).first()
    if not calendars or chain is None or chain.head_position == 0:
        return None
    position, head_hash = chain.head_position, chain.head_hash
    if OtsProof.objects.filter(company=company, position=position).exists():
        return None
    proof = ots.submit(head_hash, calendars, timeout=settings.EVIDENCE_OTS_TIMEOUT)
    stored, _created = OtsProof.objects.get_or_create(
        company=company,
        position=position,
        defaults={"entry_hash": head_hash, "calendars": list(calendars), "proof": proof},
    )
    return stored


def _header_for(height: int) -> ots.BlockHeader | None:
    source = settings.EVIDENCE_BITCOIN_HEADER_URL
    if not source:
        return None
    return ots.fetch_header(source, height, timeout=settings.EVIDENCE_OTS_TIMEOUT)


def ots_proof_upgrade(*, proof: OtsProof) -> OtsProof:
    """Ask the calendars for the rest of a pending proof; complete it once a block attests it."""
    if proof.status == OtsProof.Status.COMPLETE:
        return proof
    try:
        upgraded, changed = ots.upgrade(
            bytes(proof.proof), proof.calendars, timeout=settings.EVIDENCE_OTS_TIMEOUT
        )
    except ots.OtsError as error:
        OtsProof.objects.filter(pk=proof.pk).update(last_error=str(error)[:2000])
        proof.last_error = str(error)
        return proof
    attestations = ots.bitcoin_attestations(upgraded)
    with transaction.atomic():
        locked = OtsProof.objects.select_for_update().get(pk=proof.pk)
        if locked.status == OtsProof.Status.COMPLETE:
            return locked
        locked.upgraded_at = timezone.now()
        locked.last_error = ""
        if changed:
            locked.proof = upgraded
        if attestations:
            first = attestations[0]
            locked.status = OtsProof.Status.COMPLETE
            locked.block_height = first.height
            locked.merkle_root = first.merkle_root.hex()
        locked.save()
    if locked.status == OtsProof.Status.COMPLETE and settings.EVIDENCE_BITCOIN_HEADER_URL:
        # A failing header source leaves the block time for a later check; the proof is stored.
        with contextlib.suppress(ots.OtsError):
            ots_proof_verify(proof=locked)
    return locked


def ots_proof_verify(*, proof: OtsProof, header_hex: str = "") -> ots.OtsCheck:
    """Replay the stored proof from its chain hash and compare it with a block header: the one
    pasted (`header_hex`), else one from EVIDENCE_BITCOIN_HEADER_URL, else none.

    Raises ValueError when the pasted header is malformed and ots.OtsError when the configured
    source fails. A header that matches also fixes the block time on the proof.
    """
    header = ots.BlockHeader.from_hex(header_hex) if header_hex.strip() else None
    if header is None and proof.block_height is not None:
        header = _header_for(proof.block_height)
    check = ots.verify(
        proof.entry_hash, bytes(proof.proof), header=header, expected_root=proof.merkle_root
    )
    if check.outcome == ots.VERIFIED and proof.block_time != check.block_time:
        OtsProof.objects.filter(pk=proof.pk).update(block_time=check.block_time)
        proof.block_time = check.block_time
    return check


def ots_check_messages(check: ots.OtsCheck) -> dict[str, list[str]]:
    """What is and is not verified, in the reader's language:
    {"verified": [...], "not_verified": [...]}."""
    replayed = _(
        "The proof's steps were replayed from the chain head hash and lead to the Merkle root "
        "%(root)s claimed for Bitcoin block %(height)s."
    ) % {"root": check.merkle_root, "height": check.height}
    if check.outcome == ots.VERIFIED:
        return {
            "verified": [
                replayed,
                _(
                    "The block header's Merkle root is the same: the chain head existed before "
                    "%(time)s UTC, the block's time (to within hours)."
                )
                % {"time": check.block_time.strftime("%Y-%m-%d %H:%M")},
            ],
            "not_verified": [
                _(
                    "That this header is block %(height)s of the Bitcoin chain: compare its block "
                    "hash %(hash)s with a block explorer or your own node."
                )
                % {"height": check.height, "hash": check.block_hash}
            ],
        }
    if check.outcome == ots.WRONG_HEADER:
        return {
            "verified": [replayed],
            "not_verified": [
                _(
                    "Wrong header: its Merkle root %(header_root)s is not the one the proof leads "
                    "to. It is not the header of block %(height)s."
                )
                % {"header_root": check.header_root, "height": check.height}
            ],
        }
    if check.outcome == ots.NO_HEADER:
        return {
            "verified": [replayed],
            "not_verified": [
                _(
                    "That this Merkle root is in Bitcoin block %(height)s, and so the time: no "
                    "block header was given. Paste the header of block %(height)s, or set "
                    "EVIDENCE_BITCOIN_HEADER_URL."
                )
                % {"height": check.height}
            ],
        }
    if check.outcome == ots.NOT_ATTESTED:
        return {
            "verified": [],
            "not_verified": [
                _(
                    "The proof is still pending: the calendars have not yet put it in a Bitcoin "
                    "block (this takes a few hours). The hourly upgrade fetches it."
                )
            ],
        }
    return {
        "verified": [],
        "not_verified": [
            _("Tampered proof: it %(reason)s, so it proves nothing about this chain head.")
            % {"reason": _tampered_reason(check.reason)}
        ],
    }


def _tampered_reason(reason: str) -> str:
    if reason == "starts from another hash":
        return _("starts from another hash")
    if reason.startswith("leads to another Merkle root"):
        return _("leads to another Merkle root than when it was stored")
    return _("cannot be read")

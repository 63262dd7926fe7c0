"""The public-blockchain track of a record: the first OpenTimestamps proof of a chain head at or
after the record's last entry (a chain head commits to every entry before it)."""

from django.conf import settings

from ipguard.evidence.models import OtsProof
from ipguard.evidence.tracks import (
    DONE,
    NONE,
    NOT_CONFIGURED,
    PENDING,
    PUBLIC_BLOCKCHAIN,
    TrackStatus,
)


def covering_proof(company_id: int, last_position: int) -> OtsProof | None:
    proofs = OtsProof.objects.filter(company=company_id, position__gte=last_position)
    complete = proofs.filter(status=OtsProof.Status.COMPLETE).order_by("position").first()
    return complete or proofs.order_by("position").first()


def public_blockchain_status(company_id: int, last_position: int) -> TrackStatus:
    proof = covering_proof(company_id, last_position)
    if proof is None:
        return TrackStatus(
            PUBLIC_BLOCKCHAIN, NONE if settings.EVIDENCE_OTS_CALENDARS else NOT_CONFIGURED
        )
    detail = {"position": proof.position, "proof_pk": proof.pk}
    if proof.status == OtsProof.Status.COMPLETE:
        detail["block_height"] = proof.block_height
        return TrackStatus(PUBLIC_BLOCKCHAIN, DONE, proof.block_time, detail)
    return TrackStatus(PUBLIC_BLOCKCHAIN, PENDING, proof.submitted_at, detail)

"""Periodic anchoring of chain heads (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task
from django.conf import settings

from ipguard.accounts.models import Company
from ipguard.evidence import services
from ipguard.evidence.models import EvidenceChain
from ipguard.lib.tasks import enqueue

logger = logging.getLogger(__name__)


@shared_task
def anchor_chain_head(company_id):
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return None
    try:
        anchor = services.chain_anchor(company=company)
    except services.AnchorFailed as error:
        # The next run tries again; the chain itself is unaffected.
        logger.warning("Anchoring the evidence chain of company %s failed: %s", company_id, error)
        return None
    return anchor.pk if anchor else None


@shared_task
def anchor_chain_heads():
    """Anchor every company whose chain head moved since its last timestamp, one task each."""
    if not settings.EVIDENCE_TSA_URL:
        return 0
    company_ids = list(
        EvidenceChain.objects.filter(head_position__gt=0).values_list("company_id", flat=True)
    )
    for company_id in company_ids:
        enqueue(anchor_chain_head, company_id)
    return len(company_ids)


@shared_task
def deposit_actions_sweep():
    """Open (or close) the action items asking for deposits, for every company with a policy."""
    from ipguard.evidence.deposit_actions import deposit_actions_sync
    from ipguard.evidence.models import DepositPolicy

    company_ids = list(DepositPolicy.objects.values_list("company_id", flat=True))
    for company in Company.objects.filter(pk__in=company_ids):
        deposit_actions_sync(company=company)
    return len(company_ids)


@shared_task
def ots_anchor_chain_head(company_id):
    from ipguard.evidence import ots
    from ipguard.evidence.ots_anchoring import ots_anchor_chain_head as anchor

    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return None
    try:
        proof = anchor(company=company)
    except ots.OtsError as error:
        logger.warning("OpenTimestamps anchoring of company %s failed: %s", company_id, error)
        return None
    return proof.pk if proof else None


@shared_task
def ots_anchor_chain_heads():
    """Submit every company's chain head that moved since its last proof, one task each."""
    if not settings.EVIDENCE_OTS_CALENDARS:
        return 0
    company_ids = list(
        EvidenceChain.objects.filter(head_position__gt=0).values_list("company_id", flat=True)
    )
    for company_id in company_ids:
        ots_anchor_chain_head.delay(company_id)
    return len(company_ids)


@shared_task
def ots_upgrade_pending():
    """Ask the calendars for the Bitcoin attestation of every pending proof."""
    from ipguard.evidence.models import OtsProof
    from ipguard.evidence.ots_anchoring import ots_proof_upgrade

    completed = 0
    for proof in OtsProof.objects.filter(status=OtsProof.Status.PENDING).order_by("pk"):
        if ots_proof_upgrade(proof=proof).status == OtsProof.Status.COMPLETE:
            completed += 1
    return completed

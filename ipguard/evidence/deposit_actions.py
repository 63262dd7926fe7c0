"""Asking for a deposit: an action item for each critical record left without one too long.

The guides advise dual-track evidence (ip-rules.md section 4): the company's own vault, plus a
judicial blockchain or notary deposit for Chinese courts. A company marks which kinds of record
are critical (DepositPolicy); a record linked to an asset of such a kind, recorded more than the
set number of days ago, with no deposit covering it, gets one action item. Recording a deposit
closes it. Run daily (tasks.deposit_actions_sweep) and after each deposit.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipguard.actions.models import ActionItem, Tier
from ipguard.actions.services import action_item_complete
from ipguard.actions.tiers import default_due_date
from ipguard.evidence.models import DepositPolicy, EvidenceRecord, ExternalDeposit

KEY_PREFIX = "evidence_deposit:"
SOURCE = "ip-rules.md §4"


def action_key(record: EvidenceRecord) -> str:
    return f"{KEY_PREFIX}{record.pk}"


def _covered_record_ids(company) -> set[int]:
    deposits = ExternalDeposit.objects.filter(company=company)
    covered = set(
        deposits.filter(target=ExternalDeposit.Target.FILE).values_list("entry__record", flat=True)
    )
    highest_head = deposits.filter(target=ExternalDeposit.Target.CHAIN_HEAD).aggregate(
        top=Max("entry__position")
    )["top"]
    if highest_head:
        # A chain head commits to every entry at or before it.
        covered |= set(
            EvidenceRecord.objects.filter(company=company)
            .annotate(last=Max("entries__position"))
            .filter(last__lte=highest_head)
            .values_list("pk", flat=True)
        )
    return covered


def records_needing_deposit(company, policy: DepositPolicy, *, now=None) -> list[EvidenceRecord]:
    """Critical records recorded more than `deposit_within_days` ago that no deposit covers."""
    if not policy.critical_asset_kinds:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=policy.deposit_within_days)
    candidates = (
        EvidenceRecord.objects.filter(
            company=company,
            asset__right__in=policy.critical_asset_kinds,
            recorded_at__lte=cutoff,
        )
        .filter(Q(certifies_deposits__isnull=True))
        .distinct()
        .order_by("recorded_at", "pk")
    )
    covered = _covered_record_ids(company)
    return [record for record in candidates if record.pk not in covered]


def _record_pk(item: ActionItem) -> int | None:
    tail = item.key.removeprefix(KEY_PREFIX)
    return int(tail) if tail.isdigit() else None


def _texts(record: EvidenceRecord, days: int) -> dict:
    texts = {"title": {}, "why": {}, "steps": {}}
    for language, key in (("en", "en"), ("zh-hans", "zh_hans")):
        with translation.override(language):
            texts["title"][key] = _(
                "Deposit “%(title)s” with a judicial blockchain or a notary"
            ) % {"title": record.title}
            texts["why"][key] = _(
                "This record is of a kind the company marked as critical and has had no "
                "external deposit for more than %(days)s days. Chinese courts give most weight "
                "to a judicial blockchain or notary deposit; the vault's own chain is supporting "
                "evidence."
            ) % {"days": days}
            texts["steps"][key] = [
                _("Deposit the file's SHA-256 (or the chain head hash) with a platform or notary."),
                _("Enter the certificate on the record's page: the app checks the hash matches."),
            ]
    return texts


def deposit_actions_sync(*, company, today: date | None = None, now=None, user=None) -> dict:
    """Open one item per critical record without a deposit, close those now covered.

    Returns {"opened": [...], "closed": [...]} (action items). The policy row is locked, so two
    runs at once cannot open the same item twice; an item the user closed is not reopened.
    """
    opened, closed = [], []
    with transaction.atomic():
        policy = DepositPolicy.objects.select_for_update().filter(company=company).first()
        needing = records_needing_deposit(company, policy, now=now) if policy else []
        wanted = {action_key(record): record for record in needing}
        existing = ActionItem.objects.filter(
            company=company, origin=ActionItem.Origin.EVIDENCE, key__startswith=KEY_PREFIX
        ).select_for_update()
        known = set()
        covered = _covered_record_ids(company)
        for item in existing:
            known.add(item.key)
            if item.is_open and _record_pk(item) in covered:
                closed.append(
                    action_item_complete(action=item, user=user, note_code="done_by_deposit")
                )
        start = today or timezone.localdate()
        for key, record in wanted.items():
            if key in known:
                continue
            opened.append(
                ActionItem.objects.create(
                    company=company,
                    origin=ActionItem.Origin.EVIDENCE,
                    key=key,
                    source=SOURCE,
                    tier=Tier.URGENT,
                    due_date=default_due_date(Tier.URGENT, start),
                    **_texts(record, policy.deposit_within_days),
                )
            )
    return {"opened": opened, "closed": closed}


def deposit_policy_set(*, company, critical_asset_kinds, deposit_within_days: int) -> dict:
    """Save the company's policy and apply it at once (see deposit_actions_sync)."""
    with transaction.atomic():
        DepositPolicy.objects.update_or_create(
            company=company,
            defaults={
                "critical_asset_kinds": sorted(critical_asset_kinds),
                "deposit_within_days": deposit_within_days,
            },
        )
        return deposit_actions_sync(company=company)

"""External deposits: comparing the platform's hash with ours, and recording a deposit.

A court that receives a deposit certificate checks that the hash recomputed from the evidence
matches the one kept on the platform (ip-rules.md section 4: Hangzhou Internet Court, Huatai
Yimei v. Daotong, "whether the recomputed hash matched the on-chain one"). The app does the same
check when the certificate is entered, so a typo or a deposit of the wrong file shows at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from ipguard.evidence.models import EvidenceEntry, EvidenceRecord, ExternalDeposit
from ipguard.evidence.services import IncomingFile, _delete_stored, evidence_record_create

_SEPARATORS = re.compile(r"[\s:\-]+")


def normalise_hash(text: str) -> str:
    """Lower case, without white space, colons or dashes, and without a leading 0x."""
    cleaned = _SEPARATORS.sub("", text or "").lower()
    return cleaned[2:] if cleaned.startswith("0x") else cleaned


@dataclass(frozen=True)
class HashCheck:
    """The outcome of comparing a platform's hash with the one the vault expects."""

    matches: bool
    expected: str  # normalised hex the vault holds
    given: str  # as the platform shows it, normalised
    expected_label: str  # which hash was expected, in the reader's language
    other_hash_label: str = ""  # set when `given` is another hash of the same entry

    @property
    def no_hash(self) -> bool:
        return not self.given

    @property
    def message(self) -> str:
        if self.no_hash:
            return _(
                "The certificate shows no hash, so the app cannot tie it to %(label)s: keep the "
                "certificate with the file."
            ) % {"label": self.expected_label}
        if self.matches:
            return _("Matches: the platform's hash equals %(label)s.") % {
                "label": self.expected_label
            }
        text = _("Mismatch: expected %(label)s %(expected)s, the platform shows %(given)s.") % {
            "label": self.expected_label,
            "expected": self.expected,
            "given": self.given or _("(nothing)"),
        }
        if self.other_hash_label:
            text += " " + _("The platform's hash is %(other)s instead.") % {
                "other": self.other_hash_label
            }
        return text


def _labels(entry: EvidenceEntry) -> dict[str, str]:
    return {
        ExternalDeposit.Target.FILE: _("the SHA-256 of file “%(name)s” (entry %(position)s)")
        % {"name": entry.file_name, "position": entry.position},
        ExternalDeposit.Target.CHAIN_HEAD: _("the chain head hash at entry %(position)s")
        % {"position": entry.position},
    }


def hash_check(*, entry: EvidenceEntry, target: str, given: str) -> HashCheck:
    """Compare `given` with the entry's file hash or chain hash, case and spacing ignored."""
    hashes = {
        ExternalDeposit.Target.FILE: entry.file_sha256,
        ExternalDeposit.Target.CHAIN_HEAD: entry.entry_hash,
    }
    labels = _labels(entry)
    expected = hashes[target].lower()
    given_clean = normalise_hash(given)
    other = ""
    for other_target, other_hash in hashes.items():
        if other_target != target and given_clean == other_hash.lower():
            other = labels[other_target]
    return HashCheck(
        matches=given_clean == expected,
        expected=expected,
        given=given_clean,
        expected_label=labels[target],
        other_hash_label=other,
    )


def deposit_check(deposit: ExternalDeposit) -> HashCheck:
    return hash_check(entry=deposit.entry, target=deposit.target, given=deposit.platform_hash)


def external_deposit_create(
    *,
    company,
    user,
    entry: EvidenceEntry,
    target: str,
    kind: str,
    platform: str,
    certificate_number: str,
    deposited_at: datetime,
    platform_hash: str,
    certificate: IncomingFile,
) -> ExternalDeposit:
    """Record a deposit; its certificate file goes into the vault as a record of its own.

    The certificate is hashed and chained like any upload (UploadRefused if its type or size is
    refused; nothing is then stored).
    """
    if entry.company_id != company.pk:
        raise ValueError("the entry belongs to another company")
    deposited: EvidenceRecord = entry.record
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            certificate_record = evidence_record_create(
                company=company,
                user=user,
                title=f"{platform} · {certificate_number}",
                description=deposited.title,
                files=[certificate],
                asset=deposited.asset,
            )
            stored_names = list(certificate_record.entries.values_list("storage_name", flat=True))
            deposit = ExternalDeposit.objects.create(
                company=company,
                entry=entry,
                target=target,
                kind=kind,
                platform=platform,
                certificate_number=certificate_number,
                deposited_at=deposited_at,
                platform_hash=platform_hash.strip()[:200],
                certificate_record=certificate_record,
                recorded_by=user,
            )
            from ipguard.evidence.deposit_actions import deposit_actions_sync

            deposit_actions_sync(company=company, user=user)  # closes the items it answers
    except BaseException:
        # The certificate's record, its chain entry and the chain head rolled back with the
        # deposit (one transaction); its file still waits under its temporary name, moved into
        # place only on commit: remove it, so nothing of the deposit is left half-saved.
        _delete_stored(stored_names)
        raise
    return deposit


def deposits_covering(record: EvidenceRecord) -> list[tuple[ExternalDeposit, HashCheck]]:
    """Deposits of the record's own files, and of chain heads at or after its last entry (a
    chain head commits to every entry before it), each with its hash check."""
    positions = list(record.entries.values_list("position", flat=True))
    if not positions:
        return []
    own = ExternalDeposit.objects.filter(
        company=record.company_id, entry__record=record, target=ExternalDeposit.Target.FILE
    )
    heads = ExternalDeposit.objects.filter(
        company=record.company_id,
        target=ExternalDeposit.Target.CHAIN_HEAD,
        entry__position__gte=max(positions),
    )
    deposits = (own | heads).select_related("entry", "certificate_record").distinct()
    return [(deposit, deposit_check(deposit)) for deposit in deposits]

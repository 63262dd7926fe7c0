"""Checking a company's vault: every stored file, every entry, every link, the head and anchors.

Reads the entries in insertion order and hands them to `chain.verify_chain` with a file hasher
that re-reads each stored file in chunks. The chain row's head hash catches entries removed from
the end; each anchor must still name the entry it timestamped, and its token must verify.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.storage import default_storage

from ipguard.evidence.chain import Break, BreakReason, StoredEntry, verify_chain
from ipguard.evidence.hashing import iter_chunks, sha256_stream
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceEntry
from ipguard.evidence.services import tsa_trusted_certs
from ipguard.evidence.timestamping import verify_token


@dataclass(frozen=True)
class AnchorCheck:
    anchor: ChainAnchor
    valid: bool
    message: str


@dataclass
class VaultVerification:
    intact: bool
    checked: int
    total: int
    head_position: int
    head_hash: str
    first_break: Break | None
    anchors: list[AnchorCheck] = field(default_factory=list)


def stored_file_sha256(storage_name: str) -> str | None:
    if not storage_name or not default_storage.exists(storage_name):
        return None
    with default_storage.open(storage_name, "rb") as source:
        return sha256_stream(iter_chunks(source))[0]


def vault_verify(company) -> VaultVerification:
    rows = list(EvidenceEntry.objects.filter(company=company).order_by("pk"))
    entries = [row.as_stored_entry() for row in rows]
    storage_of = {id(entry): row.storage_name for entry, row in zip(entries, rows, strict=True)}

    def file_hasher(entry: StoredEntry) -> str | None:
        return stored_file_sha256(storage_of[id(entry)])

    chain = EvidenceChain.objects.filter(company=company).first()
    head_hash = chain.head_hash if chain else None
    result = verify_chain(entries, file_hasher, head_hash=head_hash)
    first_break = result.first_break

    checks = []
    by_position = {entry.position: entry for entry in entries}
    for anchor in ChainAnchor.objects.filter(company=company).order_by("position"):
        entry = by_position.get(anchor.position)
        if entry is None or entry.entry_hash != anchor.entry_hash:
            message = (
                f"Entry {anchor.position} is not the one that was timestamped on "
                f"{anchor.gen_time:%Y-%m-%d %H:%M} UTC: the chain was rewritten after it."
            )
            checks.append(AnchorCheck(anchor, False, message))
            if first_break is None:
                first_break = Break(anchor.position, BreakReason.ENTRY_CHANGED, message)
            continue
        token = verify_token(
            bytes(anchor.token), anchor.entry_hash, trusted_certs=tsa_trusted_certs()
        )
        checks.append(AnchorCheck(anchor, token.valid, token.message))

    return VaultVerification(
        intact=first_break is None,
        checked=result.checked,
        total=len(entries),
        head_position=chain.head_position if chain else 0,
        head_hash=head_hash or "",
        first_break=first_break,
        anchors=checks,
    )

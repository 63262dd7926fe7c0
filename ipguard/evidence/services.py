"""Writing to the evidence vault: recording files, and anchoring a chain head.

Recording is all or nothing. Every file is checked (type, size) before anything is written; the
files are then streamed into storage while being hashed; only then is the company's chain row
locked and the entries appended. If anything fails, the files already written are deleted, so
a refused upload leaves neither an orphan file nor an entry.

Files are written under a temporary name (`<name>.partial`) and moved to the name their entry
records only once the transaction has committed. A process killed mid-upload therefore leaves
at most a `.partial` file that no entry names; `ipguard/evidence/orphans.py` finds those, and
`manage.py remove_evidence_orphans` removes them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem
from ipguard.actions.services import action_item_complete
from ipguard.audit.services import audit_record
from ipguard.evidence.chain import (
    InvalidEntry,
    StoredEntry,
    build_entry,
    build_metadata,
    parse_recorded_at,
)
from ipguard.evidence.hashing import FileTooLarge, HashingReader
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceEntry, EvidenceRecord
from ipguard.evidence.timestamping import TimestampError, request_timestamp, verify_token

# Action templates (playbooks/content/evidence.yaml) that ask the company to start recording
# evidence; recording any evidence in the vault does what they ask. Other evidence actions
# (a judicial blockchain deposit, checking a platform) need more than an upload and are left
# to the user, unless a record is explicitly linked to them.
EVIDENCE_ACTION_KEYS = frozenset({"keep_design_originals", "deposit_trademark_use_evidence"})


class UploadRefused(Exception):
    """Nothing was recorded; `problems` lists (file name, reason) for every refused file."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{name}: {reason}" for name, reason in problems))
        self.problems = list(problems)


class ChainDamaged(Exception):
    """The chain's last entry does not match its head: it must be verified before adding to it."""


@dataclass(frozen=True)
class IncomingFile:
    """A file to record: its original name, a readable binary stream and (if known) its size."""

    name: str
    stream: IO[bytes]
    size: int | None = None
    content_type: str = ""


PARTIAL_SUFFIX = ".partial"


def max_upload_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024


def allowed_extensions() -> list[str]:
    return list(settings.EVIDENCE_ALLOWED_EXTENSIONS)


def file_problem(name: str, size: int | None) -> str | None:
    """Why a file cannot be recorded, or None. Checked before anything is stored."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if not extension or extension not in allowed_extensions():
        return _("files of type “%(type)s” are not accepted (allowed: %(allowed)s).") % {
            "type": extension or _("no extension"),
            "allowed": ", ".join(allowed_extensions()),
        }
    if size is not None and size > max_upload_bytes():
        return _("the file is larger than the %(limit)s MB limit.") % {
            "limit": settings.EVIDENCE_MAX_UPLOAD_MB
        }
    if size == 0:
        return _("the file is empty.")
    return None


def _storage_name(company_id: int, file_name: str) -> str:
    safe = get_valid_filename(PurePath(file_name).name) or "file"
    stem, dot, extension = safe.rpartition(".")
    if len(safe) > 100:
        safe = (stem[: 90 - len(extension)] + dot + extension) if dot else safe[:100]
    # A fresh folder per file: the storage never renames it, so the name is known before saving.
    return f"evidence/{company_id}/{uuid.uuid4().hex}/{safe}"


def partial_name(name: str) -> str:
    """Where a file waits until the transaction that records it has committed."""
    return f"{name}{PARTIAL_SUFFIX}"


def _store(company_id: int, incoming: IncomingFile) -> tuple[str, str, int]:
    """Stream one file into storage under its temporary name, hashing it on the way.

    Returns (name, sha256, size): the name the entry will record, not yet on disk.
    """
    name = _storage_name(company_id, incoming.name)
    temporary = partial_name(name)
    reader = HashingReader(incoming.stream, max_size=max_upload_bytes())
    try:
        if hasattr(incoming.stream, "seek"):
            incoming.stream.seek(0)
        saved = default_storage.save(temporary, File(reader, name=temporary))
    except BaseException:
        default_storage.delete(temporary)  # a partial copy may be on disk under that name
        raise
    if saved != temporary:  # the folder is fresh, so the storage has no reason to rename
        default_storage.delete(saved)
        raise RuntimeError(f"storage renamed {temporary!r} to {saved!r}")
    return name, reader.hexdigest, reader.size


def _delete_stored(names: Sequence[str]) -> None:
    for name in names:
        default_storage.delete(partial_name(name))


def stored_file_move_into_place(name: str) -> None:
    """Give a committed entry's file its recorded name (called on commit, and by the orphan
    clean-up for a process killed between the commit and the move)."""
    source, target = default_storage.path(partial_name(name)), default_storage.path(name)
    os.replace(source, target)  # atomic on one file system: never a half-moved file


def _lock_chain(company) -> EvidenceChain:
    EvidenceChain.objects.get_or_create(company=company)
    return EvidenceChain.objects.select_for_update().get(company=company)


def _last_entry(company, chain: EvidenceChain) -> StoredEntry | None:
    last = EvidenceEntry.objects.filter(company=company).order_by("-position").first()
    if last is None and chain.head_position == 0:
        return None
    if last is None or (last.position, last.entry_hash) != (chain.head_position, chain.head_hash):
        raise ChainDamaged(
            _(
                "The vault's last entry does not match its recorded head: run the verification "
                "before recording more evidence."
            )
        )
    return last.as_stored_entry()


def _complete_actions(*, company, record: EvidenceRecord, user) -> list[ActionItem]:
    wanted = ActionItem.objects.filter(
        company=company, status__in=OPEN_ACTION_STATUSES, origin=ActionItem.Origin.ASSESSMENT
    ).filter(key__in=EVIDENCE_ACTION_KEYS)
    actions = list(wanted.select_for_update())
    if record.action_id and record.action.is_open and record.action not in actions:
        actions.append(record.action)
    for action in actions:
        action_item_complete(
            action=action,
            user=user,
            note_code="done_by_evidence",
            note_params={"title": record.title},
        )
    return actions


def evidence_record_create(
    *,
    company,
    user,
    title: str,
    files: Sequence[IncomingFile],
    description: str = "",
    author: str = "",
    created_on: date | None = None,
    asset=None,
    action=None,
    corrects: EvidenceRecord | None = None,
    now: datetime | None = None,
) -> EvidenceRecord:
    """Record `files` as one evidence record, appending one chain entry per file.

    Raises `UploadRefused` (nothing stored) when a file is refused, `ChainDamaged` when the
    chain's head does not match its last entry.
    """
    if not files:
        raise UploadRefused([("", _("choose at least one file."))])
    for linked in (asset, action, corrects):
        if linked is not None and linked.company_id != company.pk:
            raise ValueError("a linked object belongs to another company")
    problems = [(f.name, p) for f in files if (p := file_problem(f.name, f.size))]
    if problems:
        raise UploadRefused(problems)

    stored: list[tuple[IncomingFile, str, str, int]] = []
    try:
        for incoming in files:
            try:
                name, digest, size = _store(company.pk, incoming)
            except FileTooLarge:
                too_large = file_problem(incoming.name, 1 << 62)
                raise UploadRefused([(incoming.name, too_large)]) from None
            stored.append((incoming, name, digest, size))
            if size == 0:
                raise UploadRefused([(incoming.name, file_problem(incoming.name, 0))])
        details = {
            "title": title,
            "description": description,
            "author": author,
            "created_on": created_on,
            "asset": asset,
            "action": action,
            "corrects": corrects,
        }
        return _append(company=company, user=user, stored=stored, details=details, now=now)
    except BaseException:
        _delete_stored([name for _incoming, name, _digest, _size in stored])
        raise


def _append(*, company, user, stored, details: dict, now: datetime | None) -> EvidenceRecord:
    """Lock the chain, then write the record and one entry per stored file; all or nothing."""
    asset, action, corrects = details["asset"], details["action"], details["corrects"]
    with transaction.atomic():
        chain = _lock_chain(company)
        previous = _last_entry(company, chain)
        moment = now or timezone.now()
        if previous is not None and moment < parse_recorded_at(previous.recorded_at):
            moment = parse_recorded_at(previous.recorded_at)  # never before the entry it follows
        record = EvidenceRecord.objects.create(
            company=company,
            **details,
            recorded_by=user,
            recorded_at=moment.replace(microsecond=0),
        )
        corrected_position = None
        if corrects is not None:
            corrected_position = corrects.entries.order_by("position").first().position
        metadata = build_metadata(
            title=details["title"],
            description=details["description"],
            author=details["author"],
            created_on=details["created_on"],
            asset_ids=[asset.pk] if asset else [],
            action_ids=[action.pk] if action else [],
            corrects=corrected_position,
        )
        for incoming, name, digest, size in stored:
            try:
                entry, digest_of_entry = build_entry(
                    previous,
                    file_sha256=digest,
                    file_name=PurePath(incoming.name).name,
                    file_size=size,
                    metadata=metadata,
                    recorded_at=moment,
                )
            except InvalidEntry as error:
                raise UploadRefused([(incoming.name, str(error))]) from error
            EvidenceEntry.objects.create(
                company=company,
                record=record,
                position=entry.position,
                file_sha256=entry.file_sha256,
                file_name=entry.file_name,
                file_size=entry.file_size,
                metadata=entry.metadata,
                recorded_at=entry.recorded_at,
                previous_hash=entry.previous_hash,
                entry_hash=digest_of_entry,
                storage_name=name,
                content_type=incoming.content_type[:120],
            )
            previous = StoredEntry.of(entry, digest_of_entry)
        chain.head_position = previous.position
        chain.head_hash = previous.entry_hash
        chain.save(update_fields=["head_position", "head_hash", "updated_at"])
        _complete_actions(company=company, record=record, user=user)
        audit_record(
            company=company,
            actor=user,
            code="evidence.recorded",
            obj=record,
            changes={"files": [incoming.name for incoming, _n, _d, _s in stored]},
        )
        for _incoming, name, _digest, _size in stored:
            transaction.on_commit(lambda name=name: stored_file_move_into_place(name))
    return record


def tsa_trusted_certs() -> list[bytes] | None:
    path = settings.EVIDENCE_TSA_CA_FILE
    if not path:
        return None
    with open(path, "rb") as source:
        data = source.read()
    if data.lstrip().startswith(b"-----BEGIN"):
        end = b"-----END CERTIFICATE-----"
        return [block + end for block in data.split(end) if b"-----BEGIN" in block]
    return [data]


class AnchorFailed(Exception):
    """The timestamp authority could not give a valid token; nothing was stored."""


def chain_anchor(*, company) -> ChainAnchor | None:
    """Timestamp the company's chain head at EVIDENCE_TSA_URL.

    Returns the new anchor, or None when there is nothing to do (no authority configured, an
    empty chain, or the head is already anchored). The network call happens outside any lock.
    """
    url = settings.EVIDENCE_TSA_URL
    chain = EvidenceChain.objects.filter(company=company).first()
    if not url or chain is None or chain.head_position == 0:
        return None
    position, head_hash = chain.head_position, chain.head_hash
    if ChainAnchor.objects.filter(company=company, position=position).exists():
        return None
    try:
        token = request_timestamp(
            url, head_hash, timeout=settings.EVIDENCE_TSA_TIMEOUT, trusted_certs=tsa_trusted_certs()
        )
    except TimestampError as error:
        raise AnchorFailed(str(error)) from error
    signer = verify_token(token.token_der, head_hash, trusted_certs=tsa_trusted_certs())
    anchor, _created = ChainAnchor.objects.get_or_create(
        company=company,
        kind=ChainAnchor.Kind.RFC3161,
        position=position,
        defaults={
            "entry_hash": head_hash,
            "authority_url": url,
            "token": token.token_der,
            "gen_time": token.gen_time,
            "serial_number": str(token.serial_number),
            "signer": signer.signer_subject or "",
        },
    )
    return anchor

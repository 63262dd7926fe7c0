"""Stored files and entries that do not match: what a crash mid-upload can leave behind.

A file is written under `<name>.partial` and moved to `<name>` once the entry that records it
has committed (services.py). So after a process is killed:
- before the commit: a `.partial` file that no entry names (an orphan file: safe to remove);
- between the commit and the move: an entry whose file still waits under its `.partial` name
  (`waiting`: the clean-up moves it into place once its hash matches the entry);
- a file deleted by hand: an entry with no file (`missing`: reported, never removed, as the
  chain is append-only; verification reports it as a break too).
Files younger than EVIDENCE_ORPHAN_MIN_AGE_SECONDS are left alone: their upload may be running.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from ipguard.evidence.models import EvidenceEntry
from ipguard.evidence.services import PARTIAL_SUFFIX, partial_name, stored_file_move_into_place
from ipguard.evidence.verification import stored_file_sha256

ROOT = "evidence"


@dataclass(frozen=True)
class StrayFile:
    name: str
    size: int
    modified: datetime


@dataclass
class VaultOrphans:
    files_without_entry: list[StrayFile] = field(default_factory=list)
    waiting: list[EvidenceEntry] = field(default_factory=list)
    missing: list[EvidenceEntry] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.files_without_entry or self.waiting or self.missing)


def _walk(folder: str):
    """Every file name under `folder` in the storage (none if the folder does not exist)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from _walk(f"{folder}/{name}")


def vault_orphans(company=None, *, now: datetime | None = None) -> VaultOrphans:
    """Compare the storage folder of one company (or of every company) with the entries."""
    now = now or timezone.now()
    oldest_allowed = now - timedelta(seconds=settings.EVIDENCE_ORPHAN_MIN_AGE_SECONDS)
    entries = EvidenceEntry.objects.order_by("company_id", "position")
    folder = ROOT
    if company is not None:
        entries = entries.filter(company=company)
        folder = f"{ROOT}/{company.pk}"
    by_name = {entry.storage_name: entry for entry in entries}
    found = VaultOrphans()
    on_disk = set(_walk(folder))
    for name, entry in by_name.items():
        if name in on_disk:
            continue
        if partial_name(name) in on_disk:
            found.waiting.append(entry)
        else:
            found.missing.append(entry)
    for name in sorted(on_disk):
        if name in by_name or (
            name.endswith(PARTIAL_SUFFIX) and name[: -len(PARTIAL_SUFFIX)] in by_name
        ):
            continue
        modified = default_storage.get_modified_time(name)
        if modified > oldest_allowed:
            continue  # perhaps an upload still running
        found.files_without_entry.append(
            StrayFile(name=name, size=default_storage.size(name), modified=modified)
        )
    return found


def orphans_remove(found: VaultOrphans) -> tuple[int, int]:
    """Delete the files without an entry; move waiting files whose hash matches into place.

    Returns (files removed, files moved into place).
    """
    removed = 0
    for stray in found.files_without_entry:
        default_storage.delete(stray.name)
        _remove_empty_folders(os.path.dirname(stray.name))
        removed += 1
    moved = 0
    for entry in found.waiting:
        if stored_file_sha256(partial_name(entry.storage_name)) == entry.file_sha256:
            stored_file_move_into_place(entry.storage_name)
            moved += 1
    return removed, moved


def _remove_empty_folders(folder: str) -> None:
    """Remove the per-file folder left empty, and its parents up to the company's folder."""
    while folder.count("/") > 1:
        path = default_storage.path(folder)
        try:
            os.rmdir(path)  # only succeeds when empty
        except OSError:
            return
        folder = os.path.dirname(folder)

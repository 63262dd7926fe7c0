"""The evidence vault's per-company hash chain: building entries and verifying a stored chain.

Pure Python (no Django). Each entry records one file's SHA-256 plus its metadata and the hash of the
entry before it, so changing, removing or reordering any entry breaks every link after it. The
database stores each entry's fields and its `entry_hash`; `verify_chain` recomputes everything.

Canonical form (the standalone `verify.py` in an export reproduces this byte for byte)
-----------------------------------------------------------------------------------
    entry_hash = lowercase hex SHA-256 of
        json.dumps(
            {"position": ..., "file_sha256": ..., "file_name": ..., "file_size": ...,
             "metadata": {...}, "recorded_at": ..., "previous_hash": ...},
            sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        ).encode("utf-8")

That is: exactly those seven keys, at every level keys sorted by Unicode code point, no whitespace,
non-ASCII characters written as themselves (UTF-8) rather than \\u escapes, strings escaped as
Python's json module does (only `"`, `\\` and control characters below U+0020), integers in plain
decimal, true/false/null. Strings are hashed exactly as given (no Unicode normalisation). Floats
are refused when an entry is built, so the encoding never depends on float formatting.
`recorded_at` is UTC with whole seconds, "YYYY-MM-DDTHH:MM:SSZ". The first entry's
`previous_hash` is 64 zeros (`GENESIS_PREVIOUS_HASH`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

GENESIS_PREVIOUS_HASH = "0" * 64
ENTRY_FIELDS = (
    "position",
    "file_sha256",
    "file_name",
    "file_size",
    "metadata",
    "recorded_at",
    "previous_hash",
)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_RECORDED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class InvalidEntry(ValueError):
    """An entry cannot be added to the chain as given."""


class BreakReason(StrEnum):
    FILE_CHANGED = "file_changed"
    FILE_MISSING = "file_missing"
    ENTRY_CHANGED = "entry_changed"
    ENTRY_MISSING = "entry_missing"
    ORDER_CHANGED = "order_changed"


@dataclass(frozen=True)
class EntryData:
    """The hashed fields of one chain entry (metadata is left out of Python's hash(): a dict)."""

    position: int
    file_sha256: str
    file_name: str
    file_size: int
    metadata: dict[str, Any] = field(hash=False)
    recorded_at: str
    previous_hash: str


@dataclass(frozen=True)
class StoredEntry(EntryData):
    """An entry as read back from storage, with the hash that was stored when it was written."""

    entry_hash: str

    @classmethod
    def of(cls, entry: EntryData, entry_hash: str) -> StoredEntry:
        return cls(**entry_fields(entry), entry_hash=entry_hash)


@dataclass(frozen=True)
class Break:
    position: int
    reason: BreakReason
    message: str


@dataclass(frozen=True)
class VerificationResult:
    intact: bool
    checked: int  # entries, from the start, that passed every check
    first_break: Break | None


def entry_fields(entry: EntryData) -> dict[str, Any]:
    """The seven hashed fields as a plain dict (the manifest's per-entry fields)."""
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def canonical_bytes(entry: EntryData) -> bytes:
    """The exact bytes `entry_hash` hashes; see the module docstring."""
    text = json.dumps(
        entry_fields(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode("utf-8")


def entry_hash(entry: EntryData) -> str:
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


def format_recorded_at(moment: datetime) -> str:
    """An aware datetime as the chain's timestamp: UTC, whole seconds, trailing Z."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidEntry("recorded_at must be timezone-aware.")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_recorded_at(text: str) -> datetime:
    if not _RECORDED_AT.fullmatch(text):
        raise InvalidEntry(f"recorded_at {text!r} is not of the form 2026-11-22T10:15:00Z.")
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def build_metadata(
    *,
    title: str,
    description: str = "",
    author: str = "",
    created_on: date | str | None = None,
    asset_ids: Iterable[int] = (),
    action_ids: Iterable[int] = (),
    corrects: int | None = None,
) -> dict[str, Any]:
    """The metadata dict every entry carries. Ids are sorted so equal links hash equally."""
    if isinstance(created_on, date):
        created_on = created_on.isoformat()
    elif created_on is not None:
        created_on = date.fromisoformat(created_on).isoformat()
    return {
        "title": title,
        "description": description,
        "author": author,
        "created_on": created_on,
        "asset_ids": sorted(set(asset_ids)),
        "action_ids": sorted(set(action_ids)),
        "corrects": corrects,
    }


def _check_json_value(value: object, where: str) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidEntry(f"{where} contains a NUL character.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidEntry(f"{where} is not valid Unicode text.") from error
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_json_value(item, f"{where}[{index}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidEntry(f"{where} has a non-string key {key!r}.")
            _check_json_value(key, f"{where} key")
            _check_json_value(item, f"{where}.{key}")
        return
    # Floats are refused too: their text form is the one thing JSON encoders disagree on.
    raise InvalidEntry(f"{where} is a {type(value).__name__}; use text, integers or lists.")


def build_entry(
    previous: EntryData | None,
    *,
    file_sha256: str,
    file_name: str,
    file_size: int,
    metadata: Mapping[str, Any],
    recorded_at: datetime | str,
) -> tuple[EntryData, str]:
    """The next entry after `previous` (None for a company's first entry) and its hash.

    When `previous` is a `StoredEntry` whose stored hash no longer matches its fields, this refuses
    to extend the chain: verify it first.
    """
    if not isinstance(file_sha256, str) or not _HEX64.fullmatch(file_sha256):
        raise InvalidEntry("file_sha256 must be 64 lowercase hex characters.")
    if not isinstance(file_name, str) or not file_name.strip():
        raise InvalidEntry("file_name must be a non-empty string.")
    if isinstance(file_size, bool) or not isinstance(file_size, int) or file_size < 0:
        raise InvalidEntry("file_size must be a non-negative integer.")
    _check_json_value(file_name, "file_name")
    _check_json_value(dict(metadata), "metadata")
    stamp = format_recorded_at(recorded_at) if isinstance(recorded_at, datetime) else recorded_at
    parse_recorded_at(stamp)

    if previous is None:
        position, previous_hash = 1, GENESIS_PREVIOUS_HASH
    else:
        position, previous_hash = previous.position + 1, entry_hash(previous)
        if isinstance(previous, StoredEntry) and previous.entry_hash != previous_hash:
            raise InvalidEntry(
                f"Entry {previous.position}'s stored hash does not match its contents; "
                "verify the chain before adding to it."
            )
        if stamp < previous.recorded_at:
            raise InvalidEntry(
                f"recorded_at {stamp} is earlier than entry {previous.position}'s "
                f"{previous.recorded_at}."
            )
    corrects = metadata.get("corrects")
    if corrects is not None and (
        isinstance(corrects, bool) or not isinstance(corrects, int) or not 1 <= corrects < position
    ):
        raise InvalidEntry(
            f"metadata.corrects must be the position of an earlier entry (1–{position - 1})."
        )

    entry = EntryData(
        position=position,
        file_sha256=file_sha256,
        file_name=file_name,
        file_size=file_size,
        metadata=dict(metadata),
        recorded_at=stamp,
        previous_hash=previous_hash,
    )
    return entry, entry_hash(entry)


def _label(entry: EntryData, word: str = "Entry") -> str:
    return f'{word} {entry.position} ("{entry.file_name}")'


def _check_entry(
    entries: Sequence[StoredEntry],
    index: int,
    last_index_of: Mapping[int, int],
    file_hasher: Callable[[StoredEntry], str | None],
) -> Break | None:
    """The first break at `entries[index]`: its place, then its own hash and link, then its
    file (hashed last: reading the file is the expensive part)."""
    entry = entries[index]
    previous = entries[index - 1] if index else None
    return (
        _position_break(entry, previous, index, last_index_of)
        or _hash_break(entry, previous)
        or _file_break(entry, file_hasher)
    )


def _position_break(
    entry: StoredEntry,
    previous: StoredEntry | None,
    index: int,
    last_index_of: Mapping[int, int],
) -> Break | None:
    expected = previous.position + 1 if previous else 1
    if entry.position < expected:
        if previous is None:
            message = f"Entry {entry.position} has an impossible position: the chain starts at 1."
        elif entry.position == previous.position:
            message = f"Entry {entry.position} appears twice."
        else:
            message = (
                f"Entry {entry.position} comes after entry {previous.position}: "
                "the entries are out of order."
            )
        return Break(entry.position, BreakReason.ORDER_CHANGED, message)
    if entry.position > expected:
        if last_index_of.get(expected, -1) > index:
            message = (
                f"Entry {entry.position} comes before entry {expected}: "
                "the entries are out of order."
            )
            return Break(entry.position, BreakReason.ORDER_CHANGED, message)
        return Break(expected, BreakReason.ENTRY_MISSING, _gap_message(entry, previous, expected))
    return None


def _gap_message(entry: StoredEntry, previous: StoredEntry | None, expected: int) -> str:
    if entry.position == expected + 1:
        gap = f"Entry {expected} is missing"
    else:
        gap = f"Entries {expected} to {entry.position - 1} are missing"
    if previous:
        return f"{gap}: entry {entry.position} follows entry {previous.position}."
    return f"{gap}: the chain starts at entry {entry.position}."


def _hash_break(entry: StoredEntry, previous: StoredEntry | None) -> Break | None:
    try:
        recomputed = entry_hash(entry)
    except (TypeError, ValueError):  # fields that cannot even be encoded were tampered with
        recomputed = None
    if recomputed != entry.entry_hash:
        message = (
            f"{_label(entry)} was changed after it was recorded: its details no longer match "
            "its stored hash."
        )
        return Break(entry.position, BreakReason.ENTRY_CHANGED, message)
    linked_to = previous.entry_hash if previous else GENESIS_PREVIOUS_HASH
    if entry.previous_hash != linked_to:
        if previous:
            message = (
                f"{_label(entry)} does not link to entry {previous.position}: an entry was "
                "inserted, replaced or reordered here."
            )
        else:
            message = f"{_label(entry)} should start the chain but links to an earlier entry."
        return Break(entry.position, BreakReason.ORDER_CHANGED, message)
    return None


def _file_break(
    entry: StoredEntry, file_hasher: Callable[[StoredEntry], str | None]
) -> Break | None:
    actual = file_hasher(entry)
    if actual is None:
        message = f"The file for {_label(entry, 'entry')} is missing."
        return Break(entry.position, BreakReason.FILE_MISSING, message)
    if actual != entry.file_sha256:
        message = (
            f"The file for {_label(entry, 'entry')} has changed: its SHA-256 is now {actual}, "
            f"but {entry.file_sha256} was recorded at {entry.recorded_at}."
        )
        return Break(entry.position, BreakReason.FILE_CHANGED, message)
    return None


def verify_chain(
    entries: Sequence[StoredEntry],
    file_hasher: Callable[[StoredEntry], str | None],
    *,
    head_hash: str | None = None,
) -> VerificationResult:
    """Check every entry in the order given (which must be position order) and its file.

    `file_hasher` returns the current SHA-256 of an entry's file, or None if the file is gone.
    Checks stop at the first break. With `head_hash` (the last entry's hash as recorded elsewhere,
    e.g. in an export or a timestamp), entries removed from the end are caught too.
    """
    last_index_of = {entry.position: index for index, entry in enumerate(entries)}
    for index in range(len(entries)):
        found = _check_entry(entries, index, last_index_of, file_hasher)
        if found is not None:
            return VerificationResult(intact=False, checked=index, first_break=found)
    last_hash = entries[-1].entry_hash if entries else GENESIS_PREVIOUS_HASH
    if head_hash is not None and head_hash != last_hash:
        last_position = entries[-1].position if entries else 0
        message = (
            f"The chain ends at entry {last_position}, but that is not the recorded last entry: "
            "entries after it were removed, or the chain was replaced."
        )
        found = Break(last_position + 1, BreakReason.ENTRY_MISSING, message)
        return VerificationResult(intact=False, checked=len(entries), first_break=found)
    return VerificationResult(intact=True, checked=len(entries), first_break=None)

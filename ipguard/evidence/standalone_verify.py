"""The evidence export: manifest format, ZIP writer, and the standalone `verify.py` shipped inside.

Pure Python (no Django). An export is a folder (or ZIP of it) holding `manifest.json`, `verify.py`
and `files/<position>-<name>`. Anyone with Python 3.6+ can run `python verify.py` in it to recompute
every file hash, entry hash and link without trusting IPGuard. The script (offline_verify.py)
must stay in step with
`chain.py`: same canonical JSON, same checks in the same order, same reason names.

Manifest (format "ipguard-evidence-v1"):
    {"format": "ipguard-evidence-v1", "company": str, "exported_at": "YYYY-MM-DDTHH:MM:SSZ",
     "entries": [{<the seven EntryData fields>, "entry_hash": hex, "stored_path": "files/..."}],
     "head_hash": hex of the last entry (64 zeros if none),
     "anchors": [{"kind": "rfc3161", "position": int, "entry_hash": hex, ...}]}
An entry whose "stored_path" is null is listed for its hash and link only (an export of one
record carries the chain up to that record, but only that record's files): the script checks its
entry hash and link, not a file, and says how many entries it listed without files.
An anchor records that an entry's hash was timestamped; the script checks it names a hash that is
in the chain at that position. Anchor tokens' signatures need openssl or IPGuard to check. An
OpenTimestamps anchor ("kind": "opentimestamps") also names "entry_path", the entry's canonical
JSON, whose SHA-256 the script checks, and "proof_path", the .ots proof for the `ots` client.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ipguard.evidence.chain import (
    GENESIS_PREVIOUS_HASH,
    StoredEntry,
    entry_fields,
    format_recorded_at,
    parse_recorded_at,
)

FORMAT = "ipguard-evidence-v1"
MANIFEST_NAME = "manifest.json"
SCRIPT_NAME = "verify.py"
# The script itself is a real module beside this one (linted and tested like the rest), written
# into every export as verify.py. It must run on a bare Python 3.6+: standard library only.
OFFLINE_VERIFY = Path(__file__).with_name("offline_verify.py")


_MAX_NAME_BYTES = 120
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def verify_script() -> str:
    """The text of `verify.py` to put in an export: offline_verify.py, shipped as it is."""
    return OFFLINE_VERIFY.read_text(encoding="utf-8")


def stored_path_for(entry: StoredEntry) -> str:
    """Where an entry's file sits in an export: `files/<position>-<name>`, safe on any OS.

    Path separators and characters Windows forbids become "_"; the name is cut to 120 UTF-8
    bytes, keeping its extension, because file systems limit names to 255 bytes, not characters.
    """
    name = _UNSAFE.sub("_", entry.file_name).strip(" .") or "file"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        stem, dot, extension = name.rpartition(".")
        suffix = "." + extension if dot and stem and len(extension.encode("utf-8")) <= 16 else ""
        stem = name[: len(name) - len(suffix)]
        while len((stem + suffix).encode("utf-8")) > _MAX_NAME_BYTES:
            stem = stem[:-1]
        name = stem.rstrip(" .") + suffix
    return f"files/{entry.position}-{name}"


def build_manifest(
    *,
    company: str,
    exported_at: datetime | str,
    entries: Sequence[StoredEntry],
    anchors: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The export's manifest. Entries go in as given: exporting a broken chain shows the break."""
    if isinstance(exported_at, datetime):
        exported_at = format_recorded_at(exported_at)
    parse_recorded_at(exported_at)
    return {
        "format": FORMAT,
        "company": company,
        "exported_at": exported_at,
        "entries": [
            {
                **entry_fields(entry),
                "entry_hash": entry.entry_hash,
                "stored_path": stored_path_for(entry),
            }
            for entry in entries
        ],
        "head_hash": entries[-1].entry_hash if entries else GENESIS_PREVIOUS_HASH,
        "anchors": [dict(anchor) for anchor in anchors],
    }


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The manifest as written to the export: indented UTF-8 JSON that a person can read."""
    return json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def write_export_zip(
    destination: IO[bytes],
    manifest: Mapping[str, Any],
    open_file: Callable[[int], IO[bytes]],
) -> None:
    """Write the export ZIP: manifest.json, verify.py and every file, streamed in chunks.

    `open_file(position)` opens the stored file of the entry at that position for reading.
    """
    folder = "evidence-" + manifest["exported_at"][:10]
    stamp = parse_recorded_at(manifest["exported_at"]).timetuple()[:6]
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo(f"{folder}/{MANIFEST_NAME}", stamp), manifest_bytes(manifest)
        )
        archive.writestr(
            zipfile.ZipInfo(f"{folder}/{SCRIPT_NAME}", stamp), verify_script().encode("utf-8")
        )
        for entry in manifest["entries"]:
            if entry["stored_path"] is None:
                continue  # an entry listed for its hash only (an export of some records)
            info = zipfile.ZipInfo(f"{folder}/{entry['stored_path']}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open_file(entry["position"]) as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)

"""The evidence export: manifest format, ZIP writer, and the standalone `verify.py` shipped inside.

Pure Python (no Django). An export is a folder (or ZIP of it) holding `manifest.json`, `verify.py`
and `files/<position>-<name>`. Anyone with Python 3.6+ can run `python verify.py` in it to recompute
every file hash, entry hash and link without trusting IPGuard. `SCRIPT` must stay in step with
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

SCRIPT = '''\
#!/usr/bin/env python3
"""Check an IPGuard evidence export with nothing but Python 3.6+: python verify.py [folder]

Recomputes each file's SHA-256 and each entry's hash, checks every entry links to the one before,
then prints "intact" or the first break and its reason. Exit status: 0 intact, 1 not."""
import hashlib
import json
import sys
from pathlib import Path

FIELDS = ("position", "file_sha256", "file_name", "file_size", "metadata", "recorded_at",
          "previous_hash")
GENESIS = "0" * 64


def entry_hash(entry):
    fields = {name: entry[name] for name in FIELDS}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(folder, stored_path):
    path = (folder / stored_path).resolve()
    if (folder / "files").resolve() not in path.parents or not path.is_file():
        return None  # missing, or a path pointing outside the export's files/ folder
    digest = hashlib.sha256()
    with open(str(path), "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def first_break(folder, manifest):
    entries, previous = manifest["entries"], None
    last_index = {entry["position"]: index for index, entry in enumerate(entries)}
    for index, entry in enumerate(entries):
        pos, expected = entry["position"], previous["position"] + 1 if previous else 1
        label = 'entry {} ("{}")'.format(pos, entry["file_name"])
        if pos < expected:
            return pos, "order_changed", "entry {} is out of order or repeated".format(pos)
        if pos > expected and last_index.get(expected, -1) > index:
            return pos, "order_changed", "entry {} comes before {}".format(pos, expected)
        if pos > expected:
            return expected, "entry_missing", "entry {} is missing".format(expected)
        try:
            changed = entry_hash(entry) != entry["entry_hash"]
        except (KeyError, TypeError, ValueError):
            changed = True
        if changed:
            return pos, "entry_changed", label + " no longer matches its recorded hash"
        if entry["previous_hash"] != (previous["entry_hash"] if previous else GENESIS):
            return pos, "order_changed", label + " does not link to the entry before it"
        if "stored_path" in entry and entry["stored_path"] is None:
            previous = entry  # listed for its hash and link only: its file is not exported
            continue
        actual = file_sha256(folder, entry.get("stored_path", ""))
        if actual is None:
            return pos, "file_missing", "the file for " + label + " is missing"
        if actual != entry["file_sha256"]:
            return pos, "file_changed", "the file for " + label + " has changed since recording"
        previous = entry
    if manifest["head_hash"] != (previous["entry_hash"] if previous else GENESIS):
        last = previous["position"] if previous else 0
        return last + 1, "entry_missing", "entries after entry {} were removed".format(last)
    for anchor in manifest.get("anchors", []):
        index = last_index.get(anchor["position"])
        if index is None or entries[index]["entry_hash"] != anchor["entry_hash"]:
            message = "entry {} is not the one that was timestamped".format(anchor["position"])
            return anchor["position"], "entry_changed", message
        if anchor.get("entry_path") and not ots_entry_matches(folder, anchor):
            message = "{} is not entry {} as it was hashed".format(
                anchor["entry_path"], anchor["position"])
            return anchor["position"], "entry_changed", message
    return None


def ots_entry_matches(folder, anchor):
    """An OpenTimestamps anchor's chain-head-N.json must hash to the entry hash it proves."""
    path = (folder / anchor["entry_path"]).resolve()
    if (folder / "anchors").resolve() not in path.parents or not path.is_file():
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == anchor["entry_hash"]


def main():
    if hasattr(sys.stdout, "reconfigure"):  # file names must not crash a non-UTF-8 console
        sys.stdout.reconfigure(errors="backslashreplace")
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != "ipguard-evidence-v1":
            raise ValueError("unknown format {!r}".format(manifest.get("format")))
        found = first_break(folder, manifest)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        print("cannot verify: manifest.json is missing or damaged ({})".format(error))
        return 1
    if found:
        print("BROKEN at entry {}: {}: {}".format(*found))
        return 1
    count, head = len(manifest["entries"]), manifest["head_hash"]
    print("intact: {} entries, head hash {}".format(count, head))
    listed_only = [e for e in manifest["entries"] if e.get("stored_path", "") is None]
    if listed_only:
        print("{} of them are listed without their files (their hashes and links were "
              "checked); the files of the other {} were checked too".format(
                  len(listed_only), count - len(listed_only)))
    anchors = manifest.get("anchors", [])
    ots = [a for a in anchors if a.get("kind") == "opentimestamps"]
    if len(anchors) > len(ots):
        print("{} timestamp(s) name hashes in this chain; check their signatures with "
              "openssl ts -verify".format(len(anchors) - len(ots)))
    for anchor in ots:
        print("Bitcoin anchor of entry {} ({}): check it with the OpenTimestamps client: "
              "ots verify {}".format(anchor["position"], anchor.get("status"),
                                     anchor["proof_path"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''

_MAX_NAME_BYTES = 120
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def verify_script() -> str:
    """The text of `verify.py` to put in an export."""
    return SCRIPT


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
        archive.writestr(zipfile.ZipInfo(f"{folder}/{SCRIPT_NAME}", stamp), SCRIPT.encode("utf-8"))
        for entry in manifest["entries"]:
            if entry["stored_path"] is None:
                continue  # an entry listed for its hash only (an export of some records)
            info = zipfile.ZipInfo(f"{folder}/{entry['stored_path']}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open_file(entry["position"]) as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)

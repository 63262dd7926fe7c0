#!/usr/bin/env python3
"""Check an IPGuard evidence export with nothing but Python 3.6+: python verify.py [folder]

Recomputes each file's SHA-256 and each entry's hash, checks every entry links to the one before,
then prints "intact" or the first break and its reason. Exit status: 0 intact, 1 not."""

import hashlib
import json
import sys
from pathlib import Path

FIELDS = (
    "position",
    "file_sha256",
    "file_name",
    "file_size",
    "metadata",
    "recorded_at",
    "previous_hash",
)
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
            return pos, "order_changed", f"entry {pos} is out of order or repeated"
        if pos > expected and last_index.get(expected, -1) > index:
            return pos, "order_changed", f"entry {pos} comes before {expected}"
        if pos > expected:
            return expected, "entry_missing", f"entry {expected} is missing"
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
        return last + 1, "entry_missing", f"entries after entry {last} were removed"
    for anchor in manifest.get("anchors", []):
        index = last_index.get(anchor["position"])
        if index is None or entries[index]["entry_hash"] != anchor["entry_hash"]:
            message = "entry {} is not the one that was timestamped".format(anchor["position"])
            return anchor["position"], "entry_changed", message
        if anchor.get("entry_path") and not ots_entry_matches(folder, anchor):
            message = "{} is not entry {} as it was hashed".format(
                anchor["entry_path"], anchor["position"]
            )
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
        print(f"cannot verify: manifest.json is missing or damaged ({error})")
        return 1
    if found:
        print("BROKEN at entry {}: {}: {}".format(*found))
        return 1
    count, head = len(manifest["entries"]), manifest["head_hash"]
    print(f"intact: {count} entries, head hash {head}")
    listed_only = [e for e in manifest["entries"] if e.get("stored_path", "") is None]
    if listed_only:
        print(
            f"{len(listed_only)} of them are listed without their files (their hashes and "
            f"links were checked); the files of the other {count - len(listed_only)} were "
            "checked too"
        )
    anchors = manifest.get("anchors", [])
    ots = [a for a in anchors if a.get("kind") == "opentimestamps"]
    if len(anchors) > len(ots):
        signed = len(anchors) - len(ots)
        print(
            f"{signed} timestamp(s) name hashes in this chain; check their signatures with "
            "openssl ts -verify"
        )
    for anchor in ots:
        print(
            "Bitcoin anchor of entry {} ({}): check it with the OpenTimestamps client: "
            "ots verify {}".format(anchor["position"], anchor.get("status"), anchor["proof_path"])
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

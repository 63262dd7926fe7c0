import ast
import io
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ipguard.evidence.chain import (
    ENTRY_FIELDS,
    StoredEntry,
    build_entry,
    build_metadata,
    entry_hash,
    verify_chain,
)
from ipguard.evidence.hashing import sha256_file, sha256_stream
from ipguard.evidence.standalone_verify import (
    OFFLINE_VERIFY,
    build_manifest,
    manifest_bytes,
    stored_path_for,
    verify_script,
    write_export_zip,
)

RECORDED = datetime(2026, 11, 22, 10, 15, tzinfo=UTC)
FILES = [
    ("logo.png", b"\x89PNG logo pixels"),
    ("lamp-drawing.dwg", b"AC1032 drawing of the desk lamp" * 100),
    ("website-home.jpg", b"\xff\xd8 homepage screenshot"),
    ("产品说明书.pdf", b"%PDF-1.7 product manual"),
]


def make_entries() -> list[StoredEntry]:
    entries: list[StoredEntry] = []
    previous = None
    for index, (name, content) in enumerate(FILES):
        digest, size = sha256_stream([content])
        entry, digest_of_entry = build_entry(
            previous,
            file_sha256=digest,
            file_name=name,
            file_size=size,
            metadata=build_metadata(title=f"证据 {index + 1}", asset_ids=[3]),
            recorded_at=RECORDED + timedelta(minutes=index),
        )
        previous = StoredEntry.of(entry, digest_of_entry)
        entries.append(previous)
    return entries


def write_export(folder: Path) -> dict[str, Any]:
    entries = make_entries()
    anchors = [{"kind": "rfc3161", "position": 3, "entry_hash": entries[2].entry_hash}]
    manifest = build_manifest(
        company="Acme Lighting 宁波", exported_at=RECORDED + timedelta(days=1), entries=entries,
        anchors=anchors,
    )  # fmt: skip
    (folder / "files").mkdir(parents=True)
    for entry, (_, content) in zip(manifest["entries"], FILES, strict=True):
        (folder / entry["stored_path"]).write_bytes(content)
    (folder / "verify.py").write_text(verify_script(), encoding="utf-8")
    save(folder, manifest)
    return manifest


def save(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "manifest.json").write_bytes(manifest_bytes(manifest))


def run_script(folder: Path) -> subprocess.CompletedProcess[str]:
    # -I: no PYTHONPATH, no site-packages of ours, script folder not on sys.path.
    return subprocess.run(
        [sys.executable, "-I", "-X", "utf8", "verify.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def verify_in_python(folder: Path, manifest: dict[str, Any]) -> tuple[int, str] | None:
    """What chain.verify_chain says about the same export, for comparison with the script."""
    entries = [
        StoredEntry(**{name: item[name] for name in ENTRY_FIELDS}, entry_hash=item["entry_hash"])
        for item in manifest["entries"]
    ]
    paths = {item["position"]: folder / item["stored_path"] for item in manifest["entries"]}

    def file_hasher(entry: StoredEntry) -> str | None:
        path = paths[entry.position]
        return sha256_file(path)[0] if path.exists() else None

    result = verify_chain(entries, file_hasher, head_hash=manifest["head_hash"])
    return None if result.intact else (result.first_break.position, result.first_break.reason)


@pytest.fixture
def export(tmp_path) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path / "evidence"
    return folder, write_export(folder)


def test_script_imports_only_the_standard_library():
    tree = ast.parse(verify_script(), feature_version=(3, 6))  # runs on a bare Python 3.6+
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    calls = {
        node.func.id for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }  # fmt: skip

    assert imported == {"hashlib", "json", "sys", "pathlib"}
    assert imported <= sys.stdlib_module_names
    assert "__import__" not in calls and "exec" not in calls
    assert verify_script() == OFFLINE_VERIFY.read_text(encoding="utf-8")


def test_intact_export_verifies(export):
    folder, manifest = export

    result = run_script(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == f"intact: 4 entries, head hash {manifest['head_hash']}"
    assert verify_in_python(folder, manifest) is None


def test_manifest_records_the_chain(export):
    folder, manifest = export

    assert manifest["format"] == "ipguard-evidence-v1"
    assert manifest["exported_at"] == "2026-11-23T10:15:00Z"
    assert manifest["head_hash"] == manifest["entries"][-1]["entry_hash"]
    assert [entry["stored_path"] for entry in manifest["entries"]] == [
        "files/1-logo.png",
        "files/2-lamp-drawing.dwg",
        "files/3-website-home.jpg",
        "files/4-产品说明书.pdf",
    ]
    on_disk = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["entries"][3]["metadata"]["title"] == "证据 4"


def change_file(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "files/2-lamp-drawing.dwg").write_bytes(b"AC1032 a redrawn lamp")


def delete_file(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "files/4-产品说明书.pdf").unlink()


def change_metadata(folder: Path, manifest: dict[str, Any]) -> None:
    manifest["entries"][1]["metadata"]["created_on"] = "2019-01-01"


def swap_order(folder: Path, manifest: dict[str, Any]) -> None:
    entries = manifest["entries"]
    entries[1], entries[2] = entries[2], entries[1]


def remove_entry(folder: Path, manifest: dict[str, Any]) -> None:
    del manifest["entries"][1]


def remove_last_entry(folder: Path, manifest: dict[str, Any]) -> None:
    del manifest["entries"][-1]


def rewrite_entry_and_its_hash(folder: Path, manifest: dict[str, Any]) -> None:
    entry = manifest["entries"][1]
    entry["recorded_at"] = "2020-01-01T00:00:00Z"
    fields = StoredEntry(**{name: entry[name] for name in ENTRY_FIELDS}, entry_hash="")
    entry["entry_hash"] = entry_hash(fields)


@pytest.mark.parametrize(
    ("tamper", "position", "reason", "detail"),
    [
        (change_file, 2, "file_changed", 'the file for entry 2 ("lamp-drawing.dwg") has changed'),
        (delete_file, 4, "file_missing", 'the file for entry 4 ("产品说明书.pdf") is missing'),
        (change_metadata, 2, "entry_changed", "no longer matches its recorded hash"),
        (swap_order, 3, "order_changed", "entry 3 comes before 2"),
        (remove_entry, 2, "entry_missing", "entry 2 is missing"),
        (remove_last_entry, 4, "entry_missing", "entries after entry 3 were removed"),
        (rewrite_entry_and_its_hash, 3, "order_changed", "does not link to the entry before it"),
    ],
)
def test_script_names_the_first_break(export, tamper, position, reason, detail):
    folder, manifest = export
    tamper(folder, manifest)
    save(folder, manifest)

    result = run_script(folder)
    assert result.returncode == 1
    assert result.stdout.startswith(f"BROKEN at entry {position}: {reason}: ")
    assert detail in result.stdout
    # The in-app verification reaches the same verdict on the same export.
    assert verify_in_python(folder, manifest) == (position, reason)


def test_script_catches_an_entry_that_differs_from_its_timestamp(export):
    folder, manifest = export
    manifest["anchors"][0]["entry_hash"] = "ab" * 32
    save(folder, manifest)

    result = run_script(folder)
    assert result.returncode == 1
    assert result.stdout.startswith("BROKEN at entry 3: entry_changed: ")


def test_script_will_not_read_files_outside_the_export(export, tmp_path):
    folder, manifest = export
    (tmp_path / "outside.png").write_bytes(FILES[0][1])
    manifest["entries"][0]["stored_path"] = "../outside.png"
    save(folder, manifest)

    result = run_script(folder)
    assert result.stdout.startswith("BROKEN at entry 1: file_missing: ")


def test_script_reports_a_damaged_manifest(export):
    folder, _ = export
    (folder / "manifest.json").write_text('{"format": "ipguard-evidence-v1", "entr', "utf-8")

    result = run_script(folder)
    assert result.returncode == 1
    assert result.stdout.startswith("cannot verify: manifest.json is missing or damaged")


def test_zip_export_verifies_after_unpacking(tmp_path):
    entries = make_entries()
    manifest = build_manifest(company="Acme", exported_at="2026-11-23T08:00:00Z", entries=entries)
    contents = {entry.position: content for entry, (_, content) in zip(entries, FILES, strict=True)}
    archive_bytes = io.BytesIO()

    write_export_zip(archive_bytes, manifest, lambda position: io.BytesIO(contents[position]))
    with zipfile.ZipFile(archive_bytes) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)

    assert names == [
        "evidence-2026-11-23/manifest.json",
        "evidence-2026-11-23/verify.py",
        "evidence-2026-11-23/files/1-logo.png",
        "evidence-2026-11-23/files/2-lamp-drawing.dwg",
        "evidence-2026-11-23/files/3-website-home.jpg",
        "evidence-2026-11-23/files/4-产品说明书.pdf",
    ]
    shipped = tmp_path / "evidence-2026-11-23" / "verify.py"
    assert shipped.read_bytes() == OFFLINE_VERIFY.read_bytes()  # the module file, as it is
    result = run_script(tmp_path / "evidence-2026-11-23")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("intact: 4 entries")


@pytest.mark.parametrize(
    ("file_name", "stored_path"),
    [
        ("../../etc/passwd", "files/5-_.._etc_passwd"),
        ('logo:"final"?.png', "files/5-logo_final_.png"),
        ("...", "files/5-file"),
        ("长" * 150 + ".jpeg", "files/5-" + "长" * 38 + ".jpeg"),  # 3 bytes each
    ],
)
def test_stored_paths_are_safe_on_any_system(file_name, stored_path):
    entry = StoredEntry.of(make_entries()[0], "ab" * 32)
    entry = StoredEntry(**{**vars(entry), "position": 5, "file_name": file_name})

    assert stored_path_for(entry) == stored_path

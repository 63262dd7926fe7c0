"""ZIP exports carry the OpenTimestamps proofs in the form the `ots` client checks."""

import hashlib
import io
import json
import subprocess
import sys
import zipfile

import pytest
from django.urls import reverse

from ipguard.evidence import ots
from ipguard.evidence.ots_anchoring import ots_anchor_chain_head, ots_proof_upgrade
from tests.evidence.test_ots import BLOCK_TIME, HEIGHT

pytestmark = pytest.mark.django_db


def _unzip(response, folder):
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    (root,) = {name.split("/")[0] for name in names}
    return folder / root, names


def _run_verify(folder):
    return subprocess.run(
        [sys.executable, "-I", "-X", "utf8", "verify.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_the_vault_export_carries_the_ots_proof_and_the_entry_it_proves(
    personas,
    record_files,
    calendar,
    viewer_client,
    tmp_path,
):
    record_files([("lamp.dwg", b"drawing")])
    proof = ots_anchor_chain_head(company=personas.company)
    header = calendar.mine(HEIGHT, BLOCK_TIME)
    proof = ots_proof_upgrade(proof=proof)
    record_files([("box.pdf", b"%PDF box")], title="Packaging")  # after the anchor

    folder, names = _unzip(viewer_client.get(reverse("evidence:vault_export")), tmp_path)
    assert f"{folder.name}/anchors/chain-head-1.json" in names
    assert f"{folder.name}/anchors/chain-head-1.json.ots" in names
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (item,) = [a for a in manifest["anchors"] if a["kind"] == "opentimestamps"]
    assert item["position"] == 1 and item["bitcoin_block_height"] == HEIGHT
    assert item["status"] == "complete"

    # The .json is the entry as hashed, so the .ots proof starts from its SHA-256 ...
    entry_json = (folder / "anchors/chain-head-1.json").read_bytes()
    assert hashlib.sha256(entry_json).hexdigest() == proof.entry_hash
    proof_bytes = (folder / "anchors/chain-head-1.json.ots").read_bytes()
    assert ots.deserialize(proof_bytes).file_digest == hashlib.sha256(entry_json).digest()
    # ... and reaches the Merkle root of the block header.
    check = ots.verify(proof.entry_hash, proof_bytes, header=ots.BlockHeader(header))
    assert check.outcome == ots.VERIFIED

    result = _run_verify(folder)
    assert result.returncode == 0, result.stdout
    assert "ots verify anchors/chain-head-1.json.ots" in result.stdout
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "pip install opentimestamps-client" in readme and "ots verify" in readme

    # A changed entry file beside the proof is caught by verify.py.
    (folder / "anchors/chain-head-1.json").write_bytes(entry_json.replace(b"lamp", b"lump"))
    result = _run_verify(folder)
    assert result.returncode == 1
    assert "anchors/chain-head-1.json is not entry 1 as it was hashed" in result.stdout

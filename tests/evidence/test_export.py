import hashlib
import io
import json
import subprocess
import sys
import zipfile

import pytest
import time_machine
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from ipguard.evidence.models import EvidenceChain, EvidenceEntry
from ipguard.evidence.services import chain_anchor
from tests.evidence.conftest import sha256
from tests.evidence.tsa import LocalTSA

pytestmark = pytest.mark.django_db

LOGO = b"<svg>sunrise logo</svg>"
FRONT = b"AC1032 lamp front view" * 40
SIDE = b"AC1032 lamp side view" * 40
BOX = b"%PDF-1.7 box artwork"


@pytest.fixture
def records(record_files):
    logo = record_files([("logo.svg", LOGO)], title="Logo")
    lamp = record_files(
        [("灯具-正视图.dwg", FRONT), ("lamp-side.dwg", SIDE)],
        title="台灯图纸 Desk lamp drawings",
        author="Zhang Min",
    )
    box = record_files([("box.pdf", BOX)], title="Packaging")
    return logo, lamp, box


def unzip(response, folder):
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    (root,) = {name.split("/")[0] for name in names}
    return folder / root, names


def run_verify(folder):
    # -I: plain Python, none of IPGuard's packages or settings on the path.
    return subprocess.run(
        [sys.executable, "-I", "-X", "utf8", "verify.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_the_vault_export_verifies_with_plain_python(personas, records, viewer_client, tmp_path):
    response = viewer_client.get(reverse("evidence:vault_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    folder, names = unzip(response, tmp_path / "out")

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["file_name"] for entry in manifest["entries"]] == [
        "logo.svg",
        "灯具-正视图.dwg",
        "lamp-side.dwg",
        "box.pdf",
    ]
    assert manifest["head_hash"] == EvidenceChain.objects.get().head_hash
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "sha256sum" in readme and "python3 verify.py" in readme and "哈希" in readme
    # What sha256sum would print for each file is what the manifest recorded.
    for entry in manifest["entries"]:
        content = (folder / entry["stored_path"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["file_sha256"]

    result = run_verify(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"intact: 4 entries, head hash {manifest['head_hash']}")

    (folder / manifest["entries"][2]["stored_path"]).write_bytes(b"AC1032 redrawn")
    result = run_verify(folder)
    assert result.returncode == 1
    assert result.stdout.startswith("BROKEN at entry 3: file_changed: ")


def test_a_record_export_carries_only_that_records_files(records, viewer_client, tmp_path):
    _logo, lamp, _box = records
    response = viewer_client.get(reverse("evidence:record_export", args=[lamp.pk]))
    folder, names = unzip(response, tmp_path / "out")

    files = sorted(name.split("/", 1)[1] for name in names if "/files/" in name)
    assert files == ["files/2-灯具-正视图.dwg", "files/3-lamp-side.dwg"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["position"] for entry in manifest["entries"]] == [1, 2, 3]
    assert manifest["entries"][0]["stored_path"] is None
    assert manifest["head_hash"] == EvidenceEntry.objects.get(position=3).entry_hash

    result = run_verify(folder)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("intact: 3 entries")
    assert "1 of them are listed without their files" in result.stdout

    manifest["entries"][1]["metadata"]["created_on"] = "2019-01-01"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_verify(folder)
    assert result.stdout.startswith("BROKEN at entry 2: entry_changed: ")


def test_an_export_includes_timestamp_tokens(personas, records, viewer_client, tmp_path, settings):
    authority = LocalTSA()
    with authority.serve() as url:
        settings.EVIDENCE_TSA_URL = url
        anchor = chain_anchor(company=personas.company)
    folder, _names = unzip(viewer_client.get(reverse("evidence:vault_export")), tmp_path / "out")

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["anchors"][0]["position"] == 4
    assert manifest["anchors"][0]["entry_hash"] == anchor.entry_hash
    token_path = folder / manifest["anchors"][0]["token_path"]
    assert token_path.read_bytes() == bytes(anchor.token)
    assert "timestamp(s) name hashes in this chain" in run_verify(folder).stdout

    ca = tmp_path / "ca.pem"
    ca.write_bytes(authority.ca_cert.public_bytes(Encoding.PEM))
    checked = subprocess.run(
        ["openssl", "ts", "-verify", "-in", str(token_path), "-token_in"]
        + ["-digest", anchor.entry_hash, "-CAfile", str(ca)],
        capture_output=True,
        text=True,
    )
    assert "Verification: OK" in checked.stdout, checked.stderr


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "heading", "how"),
    [("en", "Evidence certificate", "How to verify"), ("zh-hans", "存证证书", "如何核验")],
)
def test_the_certificate_is_one_page_with_the_hashes(
    personas, records, viewer_client, language, heading, how
):
    _logo, lamp, _box = records
    response = viewer_client.get(
        reverse("evidence:record_certificate", args=[lamp.pk]), {"lang": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = pdf_text(response.content).replace("\n", "")
    assert heading in text and how in text
    assert sha256(FRONT) in text and sha256(SIDE) in text
    assert "台灯图纸 Desk lamp drawings" in text
    assert EvidenceEntry.objects.get(position=2).recorded_at in text


def test_a_week_later_the_export_proves_the_drawings_existed_on_that_day(
    personas, media, editor_client, tmp_path
):
    drawings = [("L-300-front.dwg", b"AC1032 L-300 front"), ("L-300-top.dwg", b"AC1032 L-300 top")]
    with (
        time_machine.travel("2026-11-23 09:30:00 +0800", tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),  # files move into place on commit
    ):
        response = editor_client.post(
            reverse("evidence:record_create"),
            {
                "title": "L-300 lamp drawings",
                "files": [SimpleUploadedFile(name, content) for name, content in drawings],
            },
        )
        record_url = response["Location"]
        certificate = editor_client.get(record_url + "certificate.pdf")
    assert "2026-11-23T01:30:00Z" in pdf_text(certificate.content)

    with time_machine.travel("2026-11-30 10:00:00 +0800", tick=False):
        record_pk = int(record_url.rstrip("/").rsplit("/", 1)[1])
        export = editor_client.get(reverse("evidence:record_export", args=[record_pk]))
        folder, _names = unzip(export, tmp_path / "week-later")

    assert folder.name == "evidence-2026-11-30"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry, (name, content) in zip(manifest["entries"], drawings, strict=True):
        assert entry["file_name"] == name
        assert entry["recorded_at"] == "2026-11-23T01:30:00Z"
        assert (folder / entry["stored_path"]).read_bytes() == content
        assert hashlib.sha256(content).hexdigest() == entry["file_sha256"]
    assert run_verify(folder).stdout.startswith("intact: 2 entries")
    # The same check with coreutils alone, as the README tells a lawyer to do.
    checklist = "".join(
        f"{entry['file_sha256']}  {entry['stored_path']}\n" for entry in manifest["entries"]
    )
    checked = subprocess.run(
        ["sha256sum", "--check"], input=checklist, cwd=folder, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == 2

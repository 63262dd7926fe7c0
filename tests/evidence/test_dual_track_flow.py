"""The issue's "done when", end to end through the pages: a design is recorded, its hash is
deposited on a judicial blockchain and the certificate entered (the hashes match), the chain head
is anchored in Bitcoin through a calendar and checked against a header, and the record's page,
certificate, ZIP and quarterly report show the tracks."""

import datetime
import io
import subprocess
import sys
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipguard.evidence.certificate import certificate_html
from ipguard.evidence.models import EvidenceRecord, OtsProof
from ipguard.evidence.report_section import evidence_section
from ipguard.evidence.tasks import ots_anchor_chain_head, ots_upgrade_pending
from ipguard.portfolio.models import Asset
from ipguard.reports.periods import ReportPeriod
from tests.evidence.conftest import sha256

pytestmark = pytest.mark.django_db

DESIGN = b"AC1032 L-300 lamp, final design" * 30
BLOCK_TIME = datetime.datetime(2026, 11, 20, 8, 15, 42, tzinfo=datetime.UTC)


def test_a_design_deposited_and_anchored_shows_every_track(
    personas, editor_client, media, calendar, tmp_path, django_capture_on_commit_callbacks
):
    asset = Asset.objects.create(company=personas.company, right="design", name="L-300 lamp")
    # Stored files move into place when their record commits (the test's transaction never does).
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("evidence:record_create"),
            {
                "title": "L-300 final design",
                "asset": asset.pk,
                "files": [SimpleUploadedFile("l300.dwg", DESIGN)],
            },
        )
    record = EvidenceRecord.objects.get(title="L-300 final design")
    entry = record.entries.get()

    # The platform's certificate shows the file's SHA-256, in upper case and split in groups.
    shown = " ".join(sha256(DESIGN).upper()[i : i + 16] for i in range(0, 64, 16))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("evidence:record_deposit_create", args=[record.pk]),
            {
                "what": f"file:{entry.pk}",
                "kind": "judicial_blockchain",
                "platform": "Hangzhou Internet Court judicial blockchain",
                "certificate_number": "HZ-2026-4711",
                "deposited_at": "2026-11-18T10:00",
                "platform_hash": shown,
                "certificate": SimpleUploadedFile("certificate.pdf", b"%PDF deposit certificate"),
            },
            follow=True,
        )
    assert "Matches: the platform&#x27;s hash equals the SHA-256 of file" in (
        response.content.decode()
    )

    assert ots_anchor_chain_head(personas.company.pk) is not None
    header = calendar.mine(925_301, BLOCK_TIME)
    assert ots_upgrade_pending() == 1
    proof = OtsProof.objects.get()
    check_url = reverse("evidence:ots_proof", args=[proof.pk])
    page = editor_client.get(check_url, {"check": "1", "header": header.hex()}).content.decode()
    assert 'data-outcome="verified"' in page

    page = editor_client.get(record.get_absolute_url()).content.decode()
    for track in ("hash_chain", "judicial_deposit", "public_blockchain"):
        assert f'data-track="{track}" data-status="done"' in page
    assert "Bitcoin block 925301" in page and "2026-11-20" in page

    html = certificate_html(record, language="en")
    assert 'data-track="public_blockchain" data-status="done"' in html
    assert 'data-track="judicial_deposit" data-status="done"' in html
    assert "ots verify anchors/chain-head-2.json.ots" in html

    body = b"".join(editor_client.get(reverse("evidence:record_export", args=[record.pk])))
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "export")
    assert any(name.endswith("anchors/chain-head-2.json.ots") for name in names)
    (folder,) = (tmp_path / "export").iterdir()
    checked = subprocess.run(
        [sys.executable, "-I", "-X", "utf8", "verify.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert checked.returncode == 0, checked.stdout
    assert "1 of them are listed without their files" in checked.stdout  # the certificate

    today = datetime.date.today()
    period = ReportPeriod.for_quarter(f"{today.year}-Q{(today.month - 1) // 3 + 1}", today=today)
    row = next(
        r
        for r in evidence_section(personas.company, period)["recorded_this_quarter"]
        if r["title"] == "L-300 final design"
    )
    statuses = {track["key"]: track["status"] for track in row["tracks"]}
    assert statuses["judicial_deposit"] == statuses["public_blockchain"] == "done"

"""The report's evidence section: what was recorded and whether the ledger verifies."""

import datetime

import pytest
from django.core.files.storage import default_storage

from ipguard.evidence.models import EvidenceEntry
from ipguard.evidence.report_section import evidence_section
from ipguard.reports.periods import ReportPeriod
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _period_now():
    return ReportPeriod.for_quarter(
        f"{datetime.date.today().year}-Q{(datetime.date.today().month - 1) // 3 + 1}",
        today=datetime.date.today(),
    )


def test_no_records_means_no_section():
    assert evidence_section(CompanyFactory(), _period_now()) is None


def test_the_section_lists_this_quarters_records_and_says_the_ledger_verifies(record_files):
    record = record_files([("l300.dxf", b"LINE 0 0 10 10")], title="L-300 lamp drawings")
    section = evidence_section(record.company, _period_now())
    assert section["intact"] is True and section["break"] is None
    assert section["total_records"] == 1
    (row,) = section["recorded_this_quarter"]
    assert row["title"] == "L-300 lamp drawings"
    entry = EvidenceEntry.objects.get(record=record)
    assert row["files"][0]["sha256"] == entry.file_sha256
    assert section["last_anchor"] is None


def test_a_changed_file_makes_the_section_say_where_the_ledger_breaks(record_files):
    record = record_files([("logo.svg", b"<svg/>")])
    entry = EvidenceEntry.objects.get(record=record)
    with default_storage.open(entry.storage_name, "wb") as handle:
        handle.write(b"tampered drawing")
    section = evidence_section(record.company, _period_now())
    assert section["intact"] is False
    assert section["break"]["position"] == entry.position
    assert section["break"]["reason"] == "file_changed"

"""Tracks at a glance (ip-rules.md section 4): each track's status and where it counts."""

import datetime
import io

import pytest
from django.utils import translation

from ipguard.evidence.certificate import certificate_html
from ipguard.evidence.deposits import external_deposit_create
from ipguard.evidence.models import ChainAnchor, ExternalDeposit
from ipguard.evidence.report_section import evidence_section
from ipguard.evidence.services import IncomingFile
from ipguard.evidence.tracks import FACTS_BY_KEY, TRACK_FACTS, record_tracks
from ipguard.reports.periods import ReportPeriod

pytestmark = pytest.mark.django_db


WHEN = datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC)


def _deposit(personas, entry, *, kind, given, target=ExternalDeposit.Target.FILE):
    return external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=entry,
        target=target,
        kind=kind,
        platform="Hangzhou Internet Court judicial blockchain",
        certificate_number="HZ-1",
        deposited_at=WHEN,
        platform_hash=given,
        certificate=IncomingFile(name="c.pdf", stream=io.BytesIO(b"%PDF c"), size=6),
    )


def _by_key(tracks):
    return {track.key: track for track in tracks}


def test_every_track_names_a_source_and_both_court_settings():
    for facts in TRACK_FACTS:
        assert "ip-rules.md §4" in facts.source
        assert facts.chinese_courts and facts.foreign_courts
    # ip-rules.md s.4, S44: the Bitcoin-anchored hashes of Huatai Yimei v. Daotong.
    assert "Huatai Yimei" in str(FACTS_BY_KEY["public_blockchain"].chinese_courts)
    # ip-rules.md s.4, S48-S50: OTS proves existence before the block time, to within hours.
    assert "within hours" in str(FACTS_BY_KEY["public_blockchain"].foreign_courts)
    with translation.override("zh-hans"):
        assert "华泰一媒" in str(FACTS_BY_KEY["public_blockchain"].chinese_courts)


def test_a_fresh_record_has_only_its_hash_chain(personas, record_files, settings):
    settings.EVIDENCE_TSA_URL = ""
    record = record_files([("lamp.dwg", b"drawing")])
    tracks = _by_key(record_tracks(record))
    assert list(tracks) == [
        "hash_chain",
        "rfc3161",
        "public_blockchain",
        "judicial_deposit",
        "notarisation",
    ]
    assert tracks["hash_chain"].status == "done"
    assert tracks["hash_chain"].at == record.recorded_at
    assert tracks["rfc3161"].status == "not_configured"
    assert tracks["judicial_deposit"].status == "none"
    assert tracks["notarisation"].status == "none"


def test_deposits_and_a_timestamp_show_with_their_dates(personas, record_files):
    record = record_files([("lamp.dwg", b"drawing")])
    entry = record.entries.get()
    ChainAnchor.objects.create(
        company=personas.company,
        position=entry.position,
        entry_hash=entry.entry_hash,
        authority_url="http://tsa.test/",
        token=b"x",
        gen_time=WHEN,
        serial_number="7",
    )
    _deposit(personas, entry, kind="judicial_blockchain", given=entry.file_sha256)
    _deposit(personas, entry, kind="notary", given="ff" * 32)

    tracks = _by_key(record_tracks(record))
    assert (tracks["rfc3161"].status, tracks["rfc3161"].at) == ("done", WHEN)
    assert (tracks["judicial_deposit"].status, tracks["judicial_deposit"].at) == ("done", WHEN)
    assert tracks["judicial_deposit"].summary == (
        "Hangzhou Internet Court judicial blockchain, certificate HZ-1"
    )
    assert tracks["notarisation"].status == "mismatch"


def test_the_record_page_and_certificate_show_the_tracks_in_both_languages(
    personas, record_files, viewer_client
):
    record = record_files([("lamp.dwg", b"drawing")])
    entry = record.entries.get()
    _deposit(personas, entry, kind="judicial_blockchain", given=entry.file_sha256)

    page = viewer_client.get(record.get_absolute_url()).content.decode()
    assert 'data-track="judicial_deposit" data-status="done"' in page
    assert "Chinese courts" in page and "SPC Internet-court rules" in page
    viewer_client.cookies["django_language"] = "zh-hans"
    page = viewer_client.get(record.get_absolute_url()).content.decode()
    assert "中国法院" in page and "司法区块链存证" in page

    html = certificate_html(record, language="zh-hans")
    assert "证据路径一览" in html and "司法区块链存证" in html
    assert 'data-track="judicial_deposit" data-status="done"' in html
    assert "Evidence tracks at a glance" in certificate_html(record, language="en")


def test_the_report_section_carries_each_records_tracks(personas, record_files):
    record = record_files([("lamp.dwg", b"drawing")])
    entry = record.entries.get()
    _deposit(personas, entry, kind="judicial_blockchain", given=entry.file_sha256)
    today = datetime.date.today()
    period = ReportPeriod.for_quarter(f"{today.year}-Q{(today.month - 1) // 3 + 1}", today=today)

    section = evidence_section(personas.company, period)
    row = next(r for r in section["recorded_this_quarter"] if r["title"] == record.title)
    statuses = {track["key"]: track["status"] for track in row["tracks"]}
    assert statuses["judicial_deposit"] == "done"
    assert statuses["hash_chain"] == "done"
    assert section["track_keys"][0] == "hash_chain"


def test_the_report_renders_the_tracks(personas, record_files):
    from django.template.loader import render_to_string

    record = record_files([("lamp.dwg", b"drawing")])
    entry = record.entries.get()
    _deposit(personas, entry, kind="notary", given=entry.file_sha256)
    today = datetime.date.today()
    period = ReportPeriod.for_quarter(f"{today.year}-Q{(today.month - 1) // 3 + 1}", today=today)
    section = evidence_section(personas.company, period)
    with translation.override("zh-hans"):
        html = render_to_string("reports/sections/evidence.html", {"section": section})
    assert "公证" in html and "外国法院" in html
    assert 'data-track="notarisation" data-status="done"' in html


def test_a_registration_without_a_hash_shows_as_in_place_and_unchecked(personas, record_files):
    record = record_files([("lamp.dwg", b"drawing")])
    _deposit(personas, record.entries.get(), kind="copyright_registration", given="")
    track = _by_key(record_tracks(record))["copyright_registration"]
    assert track.status == "done"
    with translation.override("en"):
        assert track.summary.endswith("(shows no hash to compare)")

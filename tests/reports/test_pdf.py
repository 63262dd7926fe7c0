"""The rendered PDF: what it says in each language, how it looks, and that it never changes."""

import datetime
import re

import pytest
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from ipguard.reports import services
from ipguard.reports.models import Report
from tests.reports.pdf_tools import ink_fraction, pdf_pages, pdf_text, pdf_text_without_spaces

pytestmark = pytest.mark.django_db


def make_report(company, *, language="en", paper="A4", quarter="2026-Q4"):
    report = Report.objects.create(company=company, quarter=quarter, language=language, paper=paper)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.failure_reason
    return report


def pdf_of(report):
    with report.pdf.open("rb") as handle:
        return handle.read()


def test_english_report_shows_scores_risks_items_and_dates(history):
    text = pdf_text(pdf_of(make_report(history.company)))
    for expected in [
        "Quarterly IP health check",
        "Acme Lighting",
        "2026-Q4",
        "Generated on 2026-11-20",
        "+7 since last quarter (was 61)",
        "Contents",
        "Trademarks 80 70 +10",  # the area table: score, last quarter, change
        "Free or personal accounts only",
        "costs 18.0 points of the overall score (36.0 in this area)",
        "Move AI work onto licensed accounts — To do (due 2026-12-05, Wang Fang)",
        "File the EU trademark",
        "2026-10-15",
        "Register the Chinese mark",
        "2026-10-20",
        "China (CNIPA)",
        "2027-03-01",
        "LOT Network membership",
        "Recommended",
    ]:
        assert expected in text, expected
    assert "Later renewal" not in text  # beyond twelve months
    assert "Done last quarter" not in text
    assert "Rival Widgets" not in text


def test_chinese_report_is_translated_and_keeps_the_same_figures(history):
    pdf = pdf_of(make_report(history.company, language="zh-hans"))
    text = pdf_text_without_spaces(pdf)
    for expected in [
        "季度知识产权体检报告",
        "生成日期：2026-11-20",
        "与上季度相比（上季度61分）",
        "目录",
        "各领域得分",
        "商标80",
        "只用免费或个人账号",
        "把AI工作转到已获许可的账号",
        "提交欧盟商标申请",
        "2026-10-15",
        "注册中国商标",
        "2027-03-01",
        "加入LOT网络",
    ]:
        assert expected in text, expected
    assert "Quarterly IP health check" not in text
    with translation.override("zh-hans"):
        verdict = gettext("Recommended")
    assert verdict != "Recommended" and verdict in text


def test_table_of_contents_gives_each_sections_page(history):
    pdf = pdf_of(make_report(history.company))
    pages = [" ".join((page.extract_text() or "").split()) for page in pdf_pages(pdf)]
    assert "Contents" in pages[1]
    titles = ["Scores by area", "Top risks", "Action plan progress", "Alliances and memberships"]
    for title in titles:
        listed = re.search(re.escape(title) + r" \.+ (\d+)", pages[1])
        assert listed, title
        first_page = next(n for n, page in enumerate(pages[2:], 3) if title in page)
        assert int(listed[1]) == first_page, title


def test_pages_carry_numbers_and_running_headers(history):
    pdf = pdf_of(make_report(history.company))
    pages = pdf_pages(pdf)
    total = len(pages)
    third = " ".join(pages[2].extract_text().split())
    assert "Acme Lighting" in third
    assert f"3 / {total}" in third
    assert "Quarterly IP health check 2026-Q4" in third
    cover = pages[0].extract_text()
    assert f"1 / {total}" not in cover  # the cover has no running furniture


@pytest.mark.parametrize(("paper", "width_pt"), [("A4", 595), ("letter", 612)])
def test_paper_size(history, paper, width_pt):
    page = pdf_pages(pdf_of(make_report(history.company, paper=paper)))[0]
    assert round(float(page.mediabox.width)) == width_pt


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_are_not_blank(history, language):
    pdf = pdf_of(make_report(history.company, language=language))
    assert ink_fraction(pdf, page=1) > 0.01  # cover
    assert ink_fraction(pdf, page=3) > 0.01  # scores with the chart


def test_a_report_keeps_what_it_said_when_the_data_changes(history):
    report = make_report(history.company)
    before = pdf_of(report)
    snapshot = report.snapshot
    # A quarter later everything has moved on.
    history.overdue.status = "done"
    history.overdue.completed_at = datetime.datetime(2026, 11, 21, tzinfo=datetime.UTC)
    history.overdue.save()
    history.company.name = "Acme Renamed"
    history.company.save()
    history.company.assessments.filter(number=3).update(overall_score=99)
    report.refresh_from_db()
    assert pdf_of(report) == before
    assert report.snapshot == snapshot
    assert "File the EU trademark" in pdf_text(pdf_of(report))
    newer = make_report(history.company)
    assert "Acme Renamed" in pdf_text(pdf_of(newer))


def test_company_logo_is_inlined_in_the_snapshot(history, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path / "media"
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
        b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    history.company.logo.save("logo.png", ContentFile(png))
    report = make_report(history.company)
    assert report.snapshot["logo"].startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    "language, verified", [("en", "The evidence ledger verifies"), ("zh-hans", None)]
)
def test_the_evidence_section_shows_this_quarters_records_and_the_ledger_check(
    history, settings, tmp_path, language, verified
):
    import io

    from ipguard.evidence.services import IncomingFile, evidence_record_create

    settings.MEDIA_ROOT = str(tmp_path / "media")
    content = b"L-300 lamp, side elevation"
    with TestCase.captureOnCommitCallbacks(execute=True):  # files move into place on commit
        record = evidence_record_create(
            company=history.company,
            user=history.owner,
            title="L-300 drawings",
            files=[IncomingFile(name="l300.dxf", stream=io.BytesIO(content), size=len(content))],
        )
    text = pdf_text_without_spaces(pdf_of(make_report(history.company, language=language)))
    digest = record.entries.get().file_sha256
    assert "L-300drawings" in text
    assert digest[:32] in text
    with translation.override(language):
        heading = gettext("Evidence of originality")
        expected = verified or gettext(
            "The evidence ledger verifies: every stored file matches its hash and every entry "
            "links to the one before it."
        )
    assert heading.replace(" ", "") in text
    assert expected.replace(" ", "")[:20] in text

"""The rendered PDF: what it says in each language, how it looks, and that it never changes."""

import datetime

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
        "本月要做的三件事",
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


def test_the_first_page_is_the_executive_summary_and_the_detail_follows(history):
    pdf = pdf_of(make_report(history.company))
    pages = [" ".join((page.extract_text() or "").split()) for page in pdf_pages(pdf)]
    first = pages[0]
    for expected in [
        "Quarterly IP health check",
        "68 / 100",
        "+7 since last quarter (was 61)",
        "Overdue or lapsing now",
        "1 action of the plan is overdue.",
        "Three things to do this month",
        "File the EU trademark Strategic (6 months) · Wang Fang · overdue since 2026-10-15",
        "Move AI work onto licensed accounts Urgent (1 month) · Wang Fang · due 2026-12-05",
        "Biggest risks",
        "Since last quarter",
        "Overall score 61 → 68 (+7). Moved most: Trademarks +10",
        "1 action done this quarter.",
    ]:
        assert expected in first, expected
    # The overdue action first, then the urgent fix due within 30 days; nothing due later.
    todo = first[first.index("Three things") : first.index("Biggest risks")]
    assert todo.index("File the EU trademark") < todo.index("Move AI work")
    assert "Join a patent pool" not in todo
    assert "Contents" not in " ".join(pages)
    assert pages[1].startswith("Scores by area") and "Acme Lighting" in pages[1]
    # No section forces a page of its own: the detail fills pages instead of leaving gaps.
    assert len(pages) <= 4
    assert "Top risks" in pages[1] or "Top risks" in pages[2]


@pytest.mark.parametrize(("paper", "width_pt"), [("A4", 595), ("letter", 612)])
def test_paper_size(history, paper, width_pt):
    page = pdf_pages(pdf_of(make_report(history.company, paper=paper)))[0]
    assert round(float(page.mediabox.width)) == width_pt


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_are_not_blank(history, language):
    pdf = pdf_of(make_report(history.company, language=language))
    assert ink_fraction(pdf, page=1) > 0.01  # the summary, with the trend chart
    assert ink_fraction(pdf, page=2) > 0.01  # scores with the chart


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


@pytest.mark.parametrize(
    "language, overall_line, area_line",
    [
        (
            "en",
            "Capped at 49 because AI content comes from unlicensed accounts (without this gap: 68)",
            "AI content compliance Capped at 30 because AI content comes from unlicensed accounts",
        ),
        (
            "zh-hans",
            "因AI内容出自未授权账号，得分上限为49分",
            "AI内容合规因AI内容出自未授权账号，得分上限为30分",
        ),
    ],
)
def test_a_capped_score_says_what_capped_it(history, language, overall_line, area_line):
    """The cap record as playbooks.score_records stores it (h12's critical gaps)."""
    reason = {"en": "AI content comes from unlicensed accounts", "zh_hans": "AI内容出自未授权账号"}

    def cap(limit, scope):
        return {
            "question_key": "ai_tool_licences",
            "area_key": "ai_compliance",
            "scope": scope,
            "limit": limit,
            "reason": reason,
            "summary": {
                "en": f"Capped at {limit} because {reason['en']}",
                "zh_hans": f"因{reason['zh_hans']}，得分上限为 {limit} 分",
            },
        }

    assessment = history.company.assessments.get(number=3)
    record = assessment.scores
    record.update(overall=49, overall_uncapped=68, cap=cap(49, "overall"))
    ai = next(area for area in record["areas"] if area["key"] == "ai_compliance")
    ai.update(score=30, uncapped_score=45, cap=cap(30, "area"))
    history.company.assessments.filter(pk=assessment.pk).update(scores=record, overall_score=49)
    pdf = pdf_of(make_report(history.company, language=language))
    if language == "en":
        text = pdf_text(pdf)
    else:
        text = pdf_text_without_spaces(pdf)
        overall_line, area_line = overall_line.replace(" ", ""), area_line.replace(" ", "")
    assert overall_line in text
    assert area_line in text

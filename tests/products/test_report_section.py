"""The coverage matrix in the quarterly report: the provider's data and the rendered PDF."""

import datetime

import pytest

from ipguard.products.report_section import coverage_section
from ipguard.reports import services
from ipguard.reports.models import Report
from ipguard.reports.periods import ReportPeriod
from tests.factories import (
    AssetFactory,
    CompanyFactory,
    FilingFactory,
    FtoReviewFactory,
    ProductFactory,
    ProductMarketFactory,
)
from tests.reports.pdf_tools import pdf_text, pdf_text_without_spaces

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 12, 31)


def period():
    return ReportPeriod.for_quarter("2026-Q4", today=datetime.date(2027, 1, 1))


@pytest.fixture
def lamp(personas):
    brand = AssetFactory(company=personas.company, name="SUNBEAM", nice_classes=[11])
    FilingFactory(asset=brand, office="US", status="registered")
    product = ProductFactory(company=personas.company, name="Desk lamp", nice_classes=[11])
    product.brands.add(brand)
    FtoReviewFactory(product=product, market="US", reviewed_on=datetime.date(2026, 9, 1))
    ProductMarketFactory(
        product=product, market="US", status="launched", launch_date=datetime.date(2026, 10, 1)
    )
    ProductMarketFactory(product=product, market="JP")
    return product


def test_no_products_no_section():
    assert coverage_section(CompanyFactory(), period()) is None


def test_section_has_the_matrix_with_reasons_in_both_languages(personas, lamp):
    section = coverage_section(personas.company, period())
    assert section["markets"] == ["JP", "US"]
    (row,) = section["rows"]
    jp, us = row["cells"]
    assert us["severity"] == "covered" and us["launched"] is True
    assert jp["severity"] == "medium"  # planned: no mark and no review
    reasons = [e["reason"] for e in jp["exposures"]]
    assert {
        "en": "No mark “SUNBEAM” filed or registered in JP.",
        "zh_hans": "商标“SUNBEAM”在 JP 未申请或注册。",
    } in reasons
    assert section["counts"] == {"high": 0, "medium": 1, "low": 0, "covered": 1}


def test_the_review_period_counts_to_the_reports_as_of_date(personas, lamp):
    lamp.fto_reviews.update(reviewed_on=datetime.date(2025, 12, 15))  # 12 months end 2026-12-15
    section = coverage_section(personas.company, period())
    us = section["rows"][0]["cells"][1]
    assert us["severity"] == "high"
    assert "has expired" in us["exposures"][0]["reason"]["en"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_pdf_shows_the_matrix(personas, lamp, settings, tmp_path, language):
    settings.REPORTS_ROOT = tmp_path
    report = Report.objects.create(
        company=personas.company, quarter="2026-Q4", language=language, paper="A4"
    )
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.failure_reason
    with report.pdf.open("rb") as handle:
        pdf = handle.read()
    if language == "en":
        text = pdf_text(pdf)
        assert "Products and markets" in text
        assert "Desk lamp" in text and "Covered" in text
        assert "Desk lamp · JP: No mark “SUNBEAM” filed or registered in JP." in text
    else:
        text = pdf_text_without_spaces(pdf)
        assert "产品与市场" in text
        assert "商标“SUNBEAM”在JP未申请或注册" in text
        assert "风险明细" in text and "建议途径" in text

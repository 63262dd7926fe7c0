"""The demo company sells two products in five markets through four channels, so the coverage
matrix shows real gaps; the dashboard counts the open gaps and links to the matrix (issue 17)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipguard.accounts.models import Company, User
from ipguard.actions.models import ActionItem
from ipguard.products import coverage, selectors
from ipguard.products.dashboard import products_panel
from ipguard.products.models import FtoReview, Product, ProductMarket
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _demo():
    call_command("seed_demo", stdout=StringIO())
    return Company.objects.get(name="Sunrise Lighting Co., Ltd.")


def _open_gaps(company):
    return ActionItem.objects.filter(
        company=company, origin="products", status__in=("todo", "in_progress")
    ).exclude(key__startswith="products:ai:")


def test_the_demo_has_two_products_in_five_markets_with_real_gaps_a_review_and_a_waiver():
    company = _demo()
    products = Product.objects.filter(company=company)
    assert products.count() == 2
    markets = ProductMarket.objects.filter(product__company=company)
    assert sorted(set(markets.values_list("market", flat=True))) == ["CN", "EU", "PH", "SG", "US"]
    assert len({c for p in products for c in p.channels}) >= 3
    assert FtoReview.objects.filter(product__company=company).count() == 1
    waived = [m for m in markets if m.has_waiver]
    assert [(m.product.name, m.market) for m in waived] == [("L-300 desk lamp", "CN")]

    products_, _markets, cells = selectors.company_matrix(company)
    kinds = {(c.market, e.kind) for c in cells.values() for e in c.exposures}
    lamp = products.get(name="L-300 desk lamp")
    assert cells[(lamp.pk, "US")].exposures == []  # mark filed, review current, Amazon enrolled
    assert ("SG", coverage.NO_MARK) in kinds  # SUNRISE is not filed in Singapore
    assert ("US", coverage.CLASS_NOT_COVERED) in kinds  # BRIGHTPATH: class 11 mark, class 9 goods
    assert ("PH", coverage.NO_FTO) in kinds
    assert any(kind == coverage.NO_PLATFORM_REGISTRATION for _m, kind in kinds)  # Alibaba.com
    assert ("CN", coverage.FTO_WAIVED) in kinds

    gaps = _open_gaps(company).count()
    assert gaps >= 8
    call_command("seed_demo", stdout=StringIO())  # re-run: nothing doubled
    assert Product.objects.filter(company=company).count() == 2
    assert _open_gaps(company).count() == gaps


def test_the_dashboard_counts_the_open_gaps_and_links_to_the_matrix(client):
    company = _demo()
    client.force_login(User.objects.get(email="demo@ipguard.local"))
    page = client.get(reverse("core:dashboard")).content.decode()
    panel = page[page.index('id="products-panel"') :]
    gaps = _open_gaps(company).count()
    assert f">{gaps}</span>" in panel
    assert "2 products, sold or planned in 5 markets." in " ".join(panel.split())
    assert reverse("products:coverage") in panel

    # Fixing a gap (enrolling BRIGHTPATH on Alibaba.com) lowers the count.
    from ipguard.portfolio.models import Asset
    from ipguard.products.services import platform_registration_save

    brand = Asset.objects.get(company=company, name="BRIGHTPATH")
    platform_registration_save(
        company=company, data={"platform": "alibaba", "brand": brand, "status": "pending"}
    )
    page = client.get(reverse("core:dashboard")).content.decode()
    assert f">{gaps - 1}</span>" in page[page.index('id="products-panel"') :]


def test_the_panel_is_two_queries_and_absent_without_products(rf, personas):
    request = rf.get("/dashboard/")
    request.company = personas.company
    assert products_panel(request) is None
    for _ in range(5):
        ProductFactory(company=personas.company)
    with CaptureQueriesContext(connection) as queries:
        panel = products_panel(request)
    assert panel["products"] == 5 and len(queries) == 2


def test_the_panel_in_chinese(client):
    _demo()
    owner = User.objects.get(email="demo@ipguard.local")
    owner.language = "zh-hans"
    owner.save(update_fields=["language"])
    client.force_login(owner)
    page = client.get(reverse("core:dashboard")).content.decode()
    panel = " ".join(page[page.index('id="products-panel"') :].split())
    assert "2 个产品，已在或计划在 5 个市场销售。" in panel
    assert "打开覆盖矩阵" in panel

"""The products register pages: create and edit, company scoping, viewers read only, the matrix."""

import pytest
from django.urls import reverse

from ipguard.products.models import Product
from tests.factories import (
    AssetFactory,
    FilingFactory,
    FtoReviewFactory,
    ProductFactory,
    ProductMarketFactory,
)

pytestmark = pytest.mark.django_db


def test_editor_creates_a_product_with_classes_channels_and_brands(personas, editor_client):
    brand = AssetFactory(company=personas.company, name="SUNBEAM")
    foreign = AssetFactory(company=personas.other_company, name="RIVAL")
    response = editor_client.post(
        reverse("products:product_create"),
        {
            "name": "Desk lamp",
            "nice_classes": "11, 9",
            "channels": ["amazon", "own_shop"],
            "brands": [brand.pk],
            "design_version": 1,
        },
    )
    product = Product.objects.get(company=personas.company)
    assert response.status_code == 302
    assert product.nice_classes == [9, 11]
    assert product.channels == ["amazon", "own_shop"]
    assert list(product.brands.all()) == [brand]
    # Another company's mark cannot be chosen as a brand.
    refused = editor_client.post(
        reverse("products:product_create"),
        {"name": "Fan", "nice_classes": "11", "brands": [foreign.pk], "design_version": 1},
    )
    assert refused.status_code == 400
    bad_class = editor_client.post(
        reverse("products:product_create"),
        {"name": "Fan", "nice_classes": "46", "design_version": 1},
    )
    assert "Unknown Nice class: 46" in bad_class.content.decode()


def test_design_version_cannot_go_back(personas, editor_client):
    product = ProductFactory(company=personas.company, design_version=3)
    response = editor_client.post(
        reverse("products:product_edit", args=[product.pk]),
        {"name": product.name, "nice_classes": "11", "design_version": 2},
    )
    assert response.status_code == 400
    product.refresh_from_db()
    assert product.design_version == 3


def test_viewer_reads_but_cannot_open_forms(personas):
    client = personas.client_for(personas.viewer)
    product = ProductFactory(company=personas.company, name="Desk lamp")
    assert "Desk lamp" in client.get(reverse("products:product_list")).content.decode()
    assert client.get(reverse("products:product_detail", args=[product.pk])).status_code == 200
    assert client.get(reverse("products:product_create")).status_code == 403
    assert client.get(reverse("products:product_edit", args=[product.pk])).status_code == 403
    assert client.post(reverse("products:market_create", args=[product.pk]), {}).status_code == 403


def test_another_companys_product_is_404(personas, owner_client):
    theirs = ProductFactory(company=personas.other_company)
    assert owner_client.get(reverse("products:product_detail", args=[theirs.pk])).status_code == 404
    mine = ProductFactory(company=personas.company, name="Mine")
    listing = owner_client.get(reverse("products:product_list")).content.decode()
    assert "Mine" in listing and theirs.name not in listing
    assert mine.pk


def test_coverage_page_colours_cells_and_links_the_fix(personas, owner_client):
    brand = AssetFactory(company=personas.company, name="SUNBEAM", nice_classes=[11])
    FilingFactory(asset=brand, office="US", status="registered")
    product = ProductFactory(company=personas.company, name="Desk lamp", nice_classes=[11])
    product.brands.add(brand)
    ProductMarketFactory(product=product, market="US", status="planned")
    ProductMarketFactory(product=product, market="JP", status="planned")
    FtoReviewFactory(product=product, market="US")
    page = owner_client.get(reverse("products:coverage")).content.decode()
    assert 'data-severity="0"' in page  # US: mark and review in place
    assert "No mark “SUNBEAM” filed or registered in JP." in page
    assert reverse("portfolio:filing_create", args=[brand.pk]) in page
    assert reverse("products:review_create", args=[product.pk]) + "?market=JP" in page
    # The matrix scrolls inside its box on a phone (the rule is in ipguard.css, for the CSP).
    assert 'class="coverage-matrix' in page


def test_coverage_page_in_chinese(personas, owner_client):
    product = ProductFactory(company=personas.company)
    ProductMarketFactory(product=product, market="CN")
    owner_client.cookies["django_language"] = "zh-hans"
    page = owner_client.get(reverse("products:coverage"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "未进行自由实施（FTO）审查" in page.content.decode()


def _seed(company, count):
    brand = AssetFactory(company=company, name=f"BRAND{count}")
    FilingFactory(asset=brand, office="US", status="registered")
    for _n in range(count):
        product = ProductFactory(company=company, channels=["amazon"])
        product.brands.add(brand)
        for market in ("US", "JP", "CN"):
            ProductMarketFactory(product=product, market=market)
        FtoReviewFactory(product=product, market="US")


def test_coverage_page_queries_do_not_grow_with_products(personas, owner_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _seed(personas.company, 2)
    with CaptureQueriesContext(connection) as few:
        owner_client.get(reverse("products:coverage"))
    _seed(personas.company, 6)
    with CaptureQueriesContext(connection) as many:
        assert owner_client.get(reverse("products:coverage")).status_code == 200
    assert len(many) == len(few), (len(few), len(many))


def test_viewers_see_the_gaps_without_links_to_forms_they_cannot_open(personas):
    product = ProductFactory(company=personas.company)
    ProductMarketFactory(product=product, market="JP")
    page = personas.client_for(personas.viewer).get(reverse("products:coverage")).content.decode()
    assert "No freedom-to-operate review in JP." in page
    assert reverse("products:review_create", args=[product.pk]) not in page


def test_product_page_lists_each_markets_exposures(personas, owner_client):
    brand = AssetFactory(company=personas.company, name="SUNBEAM", nice_classes=[11])
    FilingFactory(asset=brand, office="US", status="registered")
    product = ProductFactory(company=personas.company, nice_classes=[11])
    product.brands.add(brand)
    ProductMarketFactory(product=product, market="US")
    FtoReviewFactory(product=product, market="US")
    ProductMarketFactory(product=product, market="KR")
    page = owner_client.get(reverse("products:product_detail", args=[product.pk])).content.decode()
    assert "No mark “SUNBEAM” filed or registered in KR." in page
    assert "No freedom-to-operate review in KR." in page
    assert "Covered" in page  # US

"""The issue's scenario in a browser at phone width: two products, five markets, three channels;
the matrix shows where the company is exposed and scrolls inside its own box at 360 px."""

import pytest

from ipguard.products import services
from tests.factories import (
    TEST_PASSWORD,
    AssetFactory,
    CompanyFactory,
    FilingFactory,
    FtoReviewFactory,
    ProductFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coverage_matrix_at_360_px(live_server, browser):
    company = CompanyFactory(name="Sunrise Lighting Co.")
    owner = member(company, "owner", email="zhang.min@sunrise.test")
    brand = AssetFactory(company=company, name="SUNRISE", nice_classes=[11])
    FilingFactory(asset=brand, office="US", status="registered")
    FilingFactory(asset=brand, office="WO", status="registered", designated_countries=["EU", "JP"])
    channels = ["amazon", "shopee", "own_shop"]
    for name in ("Desk lamp", "Ceiling fan"):
        product = ProductFactory(company=company, name=name, nice_classes=[11], channels=channels)
        product.brands.add(brand)
        FtoReviewFactory(product=product, market="US")
        for market in ("US", "EU", "JP", "CN", "SG"):
            services.market_save(product=product, data={"market": market}, user=owner)

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "zhang.min@sunrise.test")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main input[type=submit]")
    page.wait_for_url("**/dashboard/")
    page.goto(f"{live_server.url}/products/coverage/")

    cn = page.locator("tr", has_text="Desk lamp").locator("td").nth(0)  # columns sorted: CN first
    assert "No mark “SUNRISE” filed or registered in CN." in cn.get_attribute("title")
    assert "table-warning" in cn.get_attribute("class")  # planned: medium
    box = page.locator(".coverage-matrix")
    widths = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1], widths  # the matrix scrolls inside its box
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 360, page_width  # the page itself does not scroll sideways
    page.screenshot(path="/tmp/h17-coverage-360.png", full_page=True)
    context.close()

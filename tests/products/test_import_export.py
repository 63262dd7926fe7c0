"""Products as CSV/XLSX: an export imports again unchanged; bad rows and refused launches are
reported by line and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipguard.products.models import Product, ProductMarket
from tests.factories import AssetFactory, FtoReviewFactory, ProductFactory, ProductMarketFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "product,nice_classes,channels,brands,design_version,market,status,launch_date,"
    "fto_waiver_reason\n"
)


def upload(client, text, name="products.csv"):
    return client.post(
        reverse("products:import"),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")},
    )


def test_import_creates_products_and_markets(personas, editor_client):
    AssetFactory(company=personas.company, name="SUNBEAM")
    response = upload(
        editor_client,
        HEADER
        + "Desk lamp,11,Amazon; own_shop,SUNBEAM,1,US,planned,2027-03-01,\n"
        + "Desk lamp,11,Amazon; own_shop,SUNBEAM,1,JP,launched,2026-06-01,Old design cleared\n",
    )
    assert response.status_code == 302
    product = Product.objects.get(company=personas.company)
    assert product.channels == ["amazon", "own_shop"]
    assert [b.name for b in product.brands.all()] == ["SUNBEAM"]
    jp = product.markets.get(market="JP")
    assert jp.status == "launched" and jp.fto_waived_by == personas.editor


def test_bad_rows_are_listed_by_line_and_nothing_is_saved(personas, editor_client):
    response = upload(
        editor_client,
        HEADER + "Desk lamp,11,,,1,US,planned,,\n" + "Fan,99,Ebay,NOBRAND,0,XX,sold,tomorrow,\n",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 3" in page
    for problem in (
        "Unknown Nice class: 99",
        "unknown channel “Ebay”",
        "no trademark “NOBRAND”",
        "unknown market “XX”",
        "write planned or launched",
        "is not a date",
    ):
        assert problem in page, problem
    assert not Product.objects.exists()


def test_a_launch_without_review_or_waiver_refuses_the_whole_file(personas, editor_client):
    response = upload(
        editor_client,
        HEADER + "Desk lamp,11,,,1,US,planned,,\n" + "Desk lamp,11,,,1,JP,launched,2026-06-01,\n",
    )
    assert response.status_code == 400
    assert "Line 3" in response.content.decode()
    assert "cannot be marked launched in JP" in response.content.decode()
    assert not Product.objects.exists() and not ProductMarket.objects.exists()


def test_export_then_import_round_trips(personas, editor_client):
    brand = AssetFactory(company=personas.company, name="SUNBEAM")
    product = ProductFactory(company=personas.company, name="Desk lamp", channels=["temu"])
    product.brands.add(brand)
    FtoReviewFactory(product=product, market="US")
    ProductMarketFactory(product=product, market="US", status="launched", launch_date="2026-05-01")
    ProductMarketFactory(product=product, market="CN")
    ProductFactory(company=personas.other_company, name="Rival fan")
    for kind in ("csv", "xlsx"):
        exported = editor_client.get(reverse("products:export") + f"?format={kind}")
        assert exported.status_code == 200
        if kind == "csv":
            text = exported.content.decode("utf-8-sig")
            assert "Rival fan" not in text
            assert "Desk lamp,11,temu,SUNBEAM,1,US,launched,2026-05-01," in text.replace("\r", "")
        again = editor_client.post(
            reverse("products:import"),
            {"file": SimpleUploadedFile(f"p.{kind}", exported.content)},
        )
        assert again.status_code == 302, again.content.decode()[-2000:]
    assert Product.objects.filter(company=personas.company).count() == 1
    assert sorted(product.markets.values_list("market", "status")) == [
        ("CN", "planned"),
        ("US", "launched"),
    ]


def test_viewers_cannot_import(personas):
    client = personas.client_for(personas.viewer)
    assert client.get(reverse("products:import")).status_code == 403
    assert client.get(reverse("products:export")).status_code == 200


def test_formulas_are_neutralised_on_export_and_restored_on_import(personas, editor_client):
    ProductFactory(company=personas.company, name='=HYPERLINK("http://evil.test","x")')
    exported = editor_client.get(reverse("products:export") + "?format=csv")
    assert "'=HYPERLINK" in exported.content.decode("utf-8-sig")
    response = editor_client.post(
        reverse("products:import"), {"file": SimpleUploadedFile("p.csv", exported.content)}
    )
    assert response.status_code == 302
    assert Product.objects.filter(company=personas.company).count() == 1
    assert Product.objects.get().name.startswith("=HYPERLINK")


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Desk\x00lamp", "product: contains a NUL character (U+0000); remove it."),
        ("x" * 10_000, "product: at most 200 characters (this cell has 10000)."),
    ],
)
def test_a_nul_or_an_over_long_cell_is_a_message_not_a_500(personas, editor_client, cell, message):
    # Found by the loopback probe: both reached PostgreSQL and answered 500.
    response = upload(editor_client, HEADER + f"{cell},11,,,1,US,planned,,\n")
    assert response.status_code == 400  # the page names the row and nothing is imported
    assert message in response.content.decode()
    assert not Product.objects.exists()
    reason = upload(editor_client, HEADER + "Lamp,11,,,1,US,planned,,why\x00not\n")
    assert "fto_waiver_reason: contains a NUL character" in reason.content.decode()

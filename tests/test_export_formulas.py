"""No export carries a live spreadsheet formula (issue 14, OWASP CSV injection).

Every file the app writes for a spreadsheet is checked here with hostile text in every text
column: the register and the products register as CSV and XLSX, and any CSV/XLSX inside the
company's everything-ZIP. A cell reaching the file must be text (XLSX data_type "s", never "f")
and must not begin with a formula character (escape_cell prefixes a quote).
"""

import io
import zipfile
from csv import reader as csv_reader

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ipguard.lib.formulas import FORMULA_STARTS
from tests.factories import AssetFactory, FilingFactory, ProductFactory, ProductMarketFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+86 10", "-5", "@SUM(A1)", "\tTAB"]


def _cells(body: bytes, kind: str) -> list[str]:
    if kind == "xlsx":
        workbook = load_workbook(io.BytesIO(body))  # not data_only: a formula would show as such
        cells = [
            cell
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        return [c.value for c in cells if isinstance(c.value, str)]
    text = body.decode("utf-8-sig")
    return [value for row in csv_reader(io.StringIO(text, newline="")) for value in row]


def _assert_neutral(texts: list[str]) -> None:
    live = [t for t in texts if t.startswith(FORMULA_STARTS)]
    assert not live, live
    for hostile in HOSTILE:
        assert any(t.startswith("'" + hostile) for t in texts), hostile


def _hostile_data(company):
    for n, value in enumerate(HOSTILE):
        asset = AssetFactory(company=company, name=value)
        FilingFactory(asset=asset, office="CN", number=f"{value} {n}")
        product = ProductFactory(company=company, name=value)
        product.brands.add(asset)
        ProductMarketFactory(product=product, market="US", fto_waiver_reason=value)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("url", ["portfolio:export", "products:export"])
def test_spreadsheet_exports_carry_no_live_formula(personas, owner_client, url, kind):
    _hostile_data(personas.company)
    response = owner_client.get(reverse(url) + f"?format={kind}")
    assert response.status_code == 200
    _assert_neutral(_cells(response.content, kind))


def test_company_zip_holds_no_live_formula(personas, owner_client):
    """The ZIP writes JSON (no spreadsheet); any CSV/XLSX added to it later is checked too."""
    _hostile_data(personas.company)
    response = owner_client.get(reverse("core:company_export"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        assert "data/products.product.json" in names
        for name in names:
            kind = name.rsplit(".", 1)[-1].lower()
            if kind in ("csv", "xlsx"):
                texts = _cells(archive.read(name), kind)
                assert not [t for t in texts if t.startswith(FORMULA_STARTS)], name

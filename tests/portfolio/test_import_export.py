import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from ipguard.portfolio.models import Asset, Filing
from ipguard.portfolio.spreadsheet import COLUMNS
from tests.factories import AssetFactory, FilingFactory, MembershipFactory, member

pytestmark = pytest.mark.django_db

GOOD_AND_BAD = """\
asset,right,mark_type,nice_classes,office,number,status,filing_date,registration_date,priority_date
SUNBEAM,trademark,word,"9, 11",CN,40123456,registered,2014-05-06,2016-03-14,
SUNBEAM,trademark,word,"9, 11",US,88000001,registered,2019-01-10,2020-02-28,
MOONLIGHT,trademark,logo,46,EU,018000001,pending,2024-01-02,,
LED DRIVER,patent,,,WO,PCT/CN2025/000001,pending,,,
LED DRIVER,patent,,,CN,202510000001.X,registered,2025-03-01,2024-12-31,
DIMMER,patent,,,CN,202310000002.3,pending,2023-02-30,,
"""


def _upload(client, name, content):
    return client.post(reverse("portfolio:import"), {"file": SimpleUploadedFile(name, content)})


def test_preview_lists_each_bad_row_with_line_and_reason_and_saves_nothing(personas, editor_client):
    response = _upload(editor_client, "portfolio.csv", GOOD_AND_BAD.encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 rows: 2 ready to import, 4 with problems." in page
    bad = page[page.index("import-errors") :]
    assert "<td>4</td>" in bad and "Unknown Nice class: 46" in bad
    assert "<td>5</td>" in bad and "PCT application needs a priority date" in bad
    assert "<td>6</td>" in bad and "registration date cannot be before the filing date" in bad
    assert "<td>7</td>" in bad and "“2023-02-30” is not a date" in bad
    assert not Asset.objects.exists() and not Filing.objects.exists()

    response = editor_client.post(reverse("portfolio:import_confirm"), follow=True)
    assert "Imported 2 filings (1 new assets)" in response.content.decode()
    sunbeam = Asset.objects.get(company=personas.company, name="SUNBEAM")
    assert sunbeam.nice_classes == [9, 11]
    assert set(sunbeam.filings.values_list("office", flat=True)) == {"CN", "US"}
    cn = sunbeam.filings.get(office="CN")
    # CN term ends the day before the anniversary (S1, S2): registered 2016-03-14 -> Fri 13 Mar.
    assert cn.deadlines.get(key="tm_renewal:1").due_date == date(2026, 3, 13)
    # the confirmation is used up: a second click imports nothing
    editor_client.post(reverse("portfolio:import_confirm"))
    assert Filing.objects.count() == 2


def test_a_second_import_of_the_same_file_flags_duplicates(personas, editor_client):
    _upload(editor_client, "portfolio.csv", GOOD_AND_BAD.encode())
    editor_client.post(reverse("portfolio:import_confirm"))
    page = _upload(editor_client, "portfolio.csv", GOOD_AND_BAD.encode()).content.decode()
    assert page.count("This filing is already in the register.") == 2


def test_bad_header_and_unknown_owner(personas, editor_client):
    page = _upload(editor_client, "x.csv", b"asset,colour\nA,red\n").content.decode()
    assert "Unknown columns: colour" in page
    rows = (
        "asset,right,mark_type,nice_classes,office,owner_email\n"
        "A,trademark,word,9,CN,nobody@x.test\n"
    )
    page = _upload(editor_client, "x.csv", rows.encode()).content.decode()
    assert "nobody@x.test is not a member of this company" in page
    assert "Upload a .csv or .xlsx" in _upload(editor_client, "x.pdf", b"%PDF").content.decode()
    assert "not a readable XLSX" in _upload(editor_client, "x.xlsx", b"junk").content.decode()


def test_xlsx_with_date_cells_and_gb18030_csv(personas, editor_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["asset", "right", "mark_type", "nice_classes", "office", "filing_date",
                  "international_registration_date", "designated_countries"])  # fmt: skip
    sheet.append(["阳光", "trademark", "combined", 11, "WO", date(2021, 8, 1), date(2021, 8, 31),
                  "US, EU"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = _upload(editor_client, "p.xlsx", buffer.getvalue()).content.decode()
    assert "1 rows: 1 ready to import, 0 with problems." in page
    editor_client.post(reverse("portfolio:import_confirm"))
    filing = Filing.objects.get(asset__name="阳光")
    assert filing.designated_countries == ["EU", "US"]
    assert filing.deadlines.get(key="madrid_renewal:1").due_date == date(2031, 9, 1)

    csv = "asset,right,mark_type,nice_classes,office\n月光,trademark,word,9,CN\n"
    page = _upload(editor_client, "p.csv", csv.encode("gb18030")).content.decode()
    assert "1 ready to import" in page


def test_export_round_trips_through_import(personas, owner_client):
    editor = member(personas.company, "editor", email="ip@acme.test")
    asset = AssetFactory(company=personas.company, name="SUNBEAM", owner=editor)
    FilingFactory(asset=asset, office="CN", number="40123456")
    FilingFactory(asset=asset, office="US", number="88000001", publication_date=date(2019, 8, 6))
    AssetFactory(company=personas.company, name="NO FILINGS YET", right="design", nice_classes=[])

    response = owner_client.get(reverse("portfolio:export") + "?format=xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="ipguard-register-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 4

    csv = owner_client.get(reverse("portfolio:export") + "?format=csv").content
    assert csv.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)

    # import the export into the outsider's company: the same register comes out
    outsider = personas.client_for(personas.outsider)
    MembershipFactory(user=editor, company=personas.other_company)
    page = _upload(outsider, "export.xlsx", response.content).content.decode()
    assert "3 rows: 3 ready to import, 0 with problems." in page
    outsider.post(reverse("portfolio:import_confirm"))
    copied = Asset.objects.get(company=personas.other_company, name="SUNBEAM")
    assert copied.owner.email == "ip@acme.test" and copied.nice_classes == [9, 11]
    us = copied.filings.get(office="US")
    assert (us.number, us.filing_date, us.publication_date) == (
        "88000001",
        date(2019, 5, 6),
        date(2019, 8, 6),
    )
    assert Asset.objects.filter(company=personas.other_company, name="NO FILINGS YET").exists()


def test_viewer_cannot_import(personas, viewer_client):
    assert _upload(viewer_client, "p.csv", GOOD_AND_BAD.encode()).status_code == 403
    assert viewer_client.post(reverse("portfolio:import_confirm")).status_code == 403

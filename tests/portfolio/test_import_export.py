import io
from csv import reader as csv_reader
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from ipguard.portfolio import imports
from ipguard.portfolio.models import Asset, Filing, ImportJob
from ipguard.portfolio.spreadsheet import COLUMNS
from tests.factories import (
    AssetFactory,
    FilingFactory,
    ImportJobFactory,
    MembershipFactory,
    member,
)

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


def _confirm(client, **kwargs):
    """Confirm the last checked file and run its import as the worker would (a direct call)."""
    job = ImportJob.objects.latest("pk")
    response = client.post(reverse("portfolio:import_confirm", args=[job.pk]), **kwargs)
    imports.import_job_run(job_id=job.pk)
    return response


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

    _confirm(editor_client)
    job = ImportJob.objects.latest("pk")
    page = editor_client.get(reverse("portfolio:import_job", args=[job.pk])).content.decode()
    assert "Imported 2 filings (1 new assets)." in page
    sunbeam = Asset.objects.get(company=personas.company, name="SUNBEAM")
    assert sunbeam.nice_classes == [9, 11]
    assert set(sunbeam.filings.values_list("office", flat=True)) == {"CN", "US"}
    cn = sunbeam.filings.get(office="CN")
    # CN term ends the day before the anniversary (S1, S2): registered 2016-03-14 -> Fri 13 Mar.
    assert cn.deadlines.get(key="tm_renewal:1").due_date == date(2026, 3, 13)
    # the confirmation is used up: a second click imports nothing
    response = _confirm(editor_client, follow=True)
    assert "This import was already confirmed." in response.content.decode()
    assert Filing.objects.count() == 2


def test_a_second_import_of_the_same_file_flags_duplicates(personas, editor_client):
    _upload(editor_client, "portfolio.csv", GOOD_AND_BAD.encode())
    _confirm(editor_client)
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
    _confirm(editor_client)
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
    _confirm(outsider)
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
    job = ImportJobFactory(company=personas.company)
    assert viewer_client.post(reverse("portfolio:import_confirm", args=[job.pk])).status_code == 403


@pytest.mark.parametrize(
    ("cells", "form", "field"),
    [
        ({"number": "9" * 61}, "filing", "number"),
        ({"route": "teleport"}, "filing", "route"),
        ({"status": "dormant"}, "filing", "status"),
        ({"office": "XX"}, "filing", "office"),
        ({"designated_countries": "US"}, "filing", "designated_countries"),
        ({"filing_date": "2020-01-02", "priority_date": "2021-01-01"}, "filing", "priority_date"),
        ({"asset": "N" * 201}, "asset", "name"),
        ({"mark_type": ""}, "asset", "mark_type"),
        ({"nice_classes": ""}, "asset", "nice_classes"),
        ({"right": "trade secret"}, "asset", "right"),
    ],
)
def test_import_says_what_the_register_forms_say(personas, editor_client, cells, form, field):
    """The import runs each row through AssetForm and FilingForm: same rule, same message."""
    from ipguard.portfolio.forms import AssetForm, FilingForm

    row = {"asset": "SUNBEAM", "right": "trademark", "mark_type": "word", "nice_classes": "9",
           "office": "CN", "number": "1", "status": "pending", **cells}  # fmt: skip
    if form == "asset":
        bound = AssetForm(
            {"name": row["asset"], **{k: row[k] for k in ("right", "mark_type", "nice_classes")}},
            company=personas.company,
        )
    else:
        bound = FilingForm(
            {k: v for k, v in row.items() if k not in ("asset", "right", "mark_type")},
            asset=AssetFactory.build(company=personas.company, right=row["right"]),
        )
    expected = bound.errors[field]
    assert expected
    header = ",".join(row)
    line = ",".join(f'"{v}"' for v in row.values())
    page = _upload(editor_client, "x.csv", f"{header}\n{line}\n".encode()).content.decode()
    column = "asset" if field == "name" else field
    for message in expected:
        assert escape(f"{column}: {message}") in page, (column, message)


HOSTILE_NAMES = ['=HYPERLINK("http://evil.test","click")', "-5 units", "@home", "'=quoted", "+1"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_exports_carry_no_live_formula_and_import_back_the_same(personas, owner_client, kind):
    for n, name in enumerate(HOSTILE_NAMES):
        asset = AssetFactory(company=personas.company, name=name)
        FilingFactory(asset=asset, office="CN", number=f"+86 10 {n}")
    body = owner_client.get(reverse("portfolio:export") + f"?format={kind}").content

    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(body)).active  # not data_only: formulas would show
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = [c.value for c in cells if isinstance(c.value, str)]
    else:
        texts = [v for row in csv_reader(body.decode("utf-8-sig").splitlines()) for v in row]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://evil.test","click")' in texts and "'+86 10 1" in texts

    outsider = personas.client_for(personas.outsider)
    page = _upload(outsider, f"export.{kind}", body).content.decode()
    assert "5 rows: 5 ready to import, 0 with problems." in page
    _confirm(outsider)

    def register(company):
        return sorted(
            Filing.objects.filter(asset__company=company).values_list("asset__name", "number")
        )

    assert register(personas.other_company) == register(personas.company)
    assert {name for name, _number in register(personas.other_company)} == set(HOSTILE_NAMES)


def test_hostile_cells_get_a_message_not_an_error(personas, editor_client):
    header = "asset,right,mark_type,nice_classes,office,number,filing_date\n"
    too_long = header + "A,trademark,word,9,CN," + "9" * 200_000 + ",\n"
    page = _upload(editor_client, "x.csv", too_long.encode()).content.decode()
    assert "Line 2 cannot be read as CSV: field larger than field limit" in page
    rows = header + (
        "NUL\x00NAME,trademark,word,9,CN,1,\n"
        "B,trademark,word,-1,CN,2,\n"
        "C,trademark,word,99999999999999999999,CN,3,\n"
        "D,trademark,word\x00,9,CN\x00,4,2020-01-01\x00\n"
        "E,trademark,word,9,CN,5,-2020-01-01\n"
    )
    response = _upload(editor_client, "x.csv", rows.encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "5 rows: 0 ready to import, 5 with problems." in page
    assert "asset: Null characters are not allowed." in page
    assert "Unknown Nice class: -1" in page and "Unknown Nice class: 99999999999999999999" in page
    assert "is not a date (write YYYY-MM-DD)" in page


def test_reading_stops_after_a_run_of_blank_rows(personas, editor_client, monkeypatch):
    from ipguard.portfolio import spreadsheet

    monkeypatch.setattr(spreadsheet, "MAX_BLANK_RUN", 50)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["asset", "right", "mark_type", "nice_classes", "office"])
    sheet.append(["SUNBEAM", "trademark", "word", 9, "CN"])
    for _n in range(10):
        sheet.append([None] * 5)
    sheet.append(["MOONLIGHT", "trademark", "word", 9, "CN"])  # 10 blanks: still read
    for _n in range(60):
        sheet.append([None] * 5)
    sheet.append(["HIDDEN", "trademark", "word", 9, "CN"])  # after 50 blanks: not read
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = _upload(editor_client, "p.xlsx", buffer.getvalue()).content.decode()
    assert "2 rows: 2 ready to import, 0 with problems." in page
    assert "Reading stopped at line 63, after 50 blank rows in a row" in page
    assert "HIDDEN" not in page

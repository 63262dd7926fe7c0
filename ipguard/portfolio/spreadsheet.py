"""The register as a spreadsheet: one row per filing (or per asset without filings), CSV or XLSX.

`read_rows` checks every row with the same rules as the forms and reports each bad row with its
line number; nothing is written here. `export_rows` produces the same columns, so an export can be
edited and imported again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ipguard.lib.formulas import escape_cell, unescape_cell
from ipguard.lib.validators import validate_date_in_range
from ipguard.portfolio import validation
from ipguard.portfolio.forms import AssetForm, FilingForm
from ipguard.portfolio.models import Asset, FilingStatus, RightType

COLUMNS = (
    "asset",
    "right",
    "mark_type",
    "nice_classes",
    "owner_email",
    "office",
    "number",
    "route",
    "status",
    "designated_countries",
    *validation.DATE_FIELDS,
)
REQUIRED_COLUMNS = ("asset", "right", "office")
MAX_ROWS = 5000
MAX_BLANK_RUN = 1000  # blank lines in a row after which the rest of the file is not read


class FileProblem(ValueError):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class Row:
    line: int
    values: dict = field(default_factory=dict)  # JSON-ready: dates as ISO strings
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Reading ----------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
    # Excel writes UTF-8 with a BOM, or GB18030 on Chinese Windows.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _csv_lines(raw: bytes):
    reader = csv.reader(io.StringIO(_decode(raw), newline=""))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a cell over csv.field_size_limit(), an unclosed quote, ...
            raise FileProblem(
                _("Line %(line)d cannot be read as CSV: %(reason)s.")
                % {"line": reader.line_num, "reason": error}
            ) from error
        yield reader.line_num, cells


def _xlsx_lines(raw: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise FileProblem(_("This is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, list(cells)
    workbook.close()


def _header(cells) -> list[str]:
    names = [str(c or "").strip().lower().replace(" ", "_") for c in cells]
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise FileProblem(
            _("Unknown columns: %(names)s. Expected: %(expected)s.")
            % {"names": ", ".join(unknown), "expected": ", ".join(COLUMNS)}
        )
    missing = [n for n in REQUIRED_COLUMNS if n not in names]
    if missing:
        raise FileProblem(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    return names


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(unescape_cell(value)).strip()


def _date(value, name: str, errors: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        text = _text(value)
        try:
            value = date.fromisoformat(text[:10] if "T" in text else text)
        except ValueError:
            errors.append(
                _("%(column)s: “%(value)s” is not a date (write YYYY-MM-DD).")
                % {"column": name, "value": text}
            )
            return None
    try:
        validate_date_in_range(value)
    except ValidationError as error:
        errors.append(f"{name}: {error.messages[0]}")
        return None
    return value


# Form field -> spreadsheet column, where they differ.
COLUMN_OF_FIELD = {"name": "asset"}


def _form_errors(form, errors: list[str]) -> None:
    for name, messages in form.errors.items():
        column = COLUMN_OF_FIELD.get(name, name)
        errors.extend(
            f"{column}: {message}" if name != "__all__" else message for message in messages
        )


def _cells(raw: dict) -> dict:
    """The row's text cells as a form would receive them, spelled the way the forms' choices are."""
    cells = {name: _text(raw.get(name)) for name in COLUMNS if name not in validation.DATE_FIELDS}
    for name in ("right", "mark_type", "route", "status", "owner_email"):
        cells[name] = cells[name].lower()
    cells["office"] = cells["office"].upper()
    cells["status"] = cells["status"] or FilingStatus.PENDING
    return cells


def _check_asset(cells: dict, company, member_rows, errors: list[str]) -> dict:
    """The asset columns through the register's AssetForm; the owner is checked by email apart."""
    form = AssetForm(
        data={
            "right": cells["right"],
            "name": cells["asset"],
            "mark_type": cells["mark_type"],
            "nice_classes": cells["nice_classes"],
        },
        company=company,
        members=member_rows,
    )
    if not form.is_valid():
        _form_errors(form, errors)
        return {
            "asset": cells["asset"],
            "right": cells["right"],
            "mark_type": "",
            "nice_classes": [],
        }
    data = form.cleaned_data
    return {
        "asset": data["name"],
        "right": data["right"],
        "mark_type": data["mark_type"],
        "nice_classes": data["nice_classes"],
    }


def _check_filing(cells: dict, dates: dict, right: str, errors: list[str]) -> dict:
    """The filing columns through the register's FilingForm, for an asset of `right`."""
    values = {
        "office": cells["office"],
        "number": cells["number"],
        "route": cells["route"],
        "status": cells["status"],
        "designated_countries": [],
        **{name: (day.isoformat() if day else None) for name, day in dates.items()},
    }
    if not cells["office"]:
        if cells["number"] or any(dates.values()) or cells["designated_countries"]:
            errors.append(_("office: a row with a number or dates needs its office."))
        return values
    if right not in RightType.values:
        return values  # the asset's error says why; a filing cannot be judged without its right
    form = FilingForm(
        data={
            **{name: cells[name] for name in ("office", "number", "route", "status")},
            "designated_countries": cells["designated_countries"],
            **{name: day for name, day in dates.items() if day},
        },
        asset=Asset(right=right),
    )
    if not form.is_valid():
        _form_errors(form, errors)
        return values
    data = form.cleaned_data
    values.update(
        {name: data[name] or "" for name in ("office", "number", "route", "status")},
        designated_countries=data["designated_countries"],
    )
    return values


def _check(line: int, raw: dict, members: dict[str, int], company, member_rows=None) -> Row:
    """One data row, judged by the same forms as the register's pages (AssetForm, FilingForm)."""
    row = Row(line=line)
    cells = _cells(raw)
    dates = {name: _date(raw.get(name), name, row.errors) for name in validation.DATE_FIELDS}
    asset = _check_asset(cells, company, member_rows, row.errors)
    if cells["owner_email"] and cells["owner_email"] not in members:
        row.errors.append(
            _("owner_email: %(email)s is not a member of this company.")
            % {"email": cells["owner_email"]}
        )
    filing = _check_filing(cells, dates, asset["right"], row.errors)
    row.values = {**asset, "owner_email": cells["owner_email"], **filing}
    return row


@dataclass
class Sheet:
    rows: list[Row]
    stopped_at: int | None = None  # the line where reading stopped after MAX_BLANK_RUN blanks


def read_rows(*, name: str, raw: bytes, company, members: dict[str, int], existing: set) -> Sheet:
    """Every data row of the file, checked. `members`: email -> user id of the company's members;
    `existing`: (asset name, right, office, number) of filings already in the register.

    Reading stops after MAX_BLANK_RUN blank lines in a row: a sheet formatted down to row
    1,000,000 would otherwise keep the server reading empty rows for a minute.
    """
    lines = _xlsx_lines(raw) if name.lower().endswith(".xlsx") else _csv_lines(raw)
    header = None
    sheet = Sheet(rows=[])
    duplicates = _Duplicates(existing)
    blank_run = 0
    member_rows = company.members.all()  # one queryset for every row's AssetForm
    for line, cells in lines:
        if not any(_text(c) for c in cells):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                sheet.stopped_at = line
                break
            continue
        blank_run = 0
        if header is None:
            header = _header(cells)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        raw_row = {header[i]: c for i, c in enumerate(cells) if i < len(header) and header[i]}
        row = _check(line, raw_row, members, company, member_rows)
        duplicates.check(row)
        sheet.rows.append(row)
    if header is None:
        raise FileProblem(_("The file is empty."))
    return sheet


class _Duplicates:
    """Rows that contradict an earlier row of the file, or repeat a filing already registered."""

    def __init__(self, existing: set):
        self.existing = existing
        self.first_line_of: dict[tuple, Row] = {}

    def check(self, row: Row) -> None:
        values = row.values
        asset_key = (values["asset"].casefold(), values["right"])
        first = self.first_line_of.setdefault(asset_key, row)
        if (
            first is not row
            and row.ok
            and (
                (values["mark_type"], values["nice_classes"])
                != (first.values["mark_type"], first.values["nice_classes"])
            )
        ):
            row.errors.append(
                _("The asset's mark type or classes differ from line %(line)d.")
                % {"line": first.line}
            )
        if values["office"] and values["number"]:
            filing_key = (*asset_key, values["office"], values["number"])
            if filing_key in self.existing:
                row.errors.append(_("This filing is already in the register."))
            self.existing.add(filing_key)  # a second identical row in the file is a duplicate too


# --- Writing ----------------------------------------------------------------------------------


def export_rows(assets) -> list[list]:
    """Rows of the export, header first, for assets with `active_filings` prefetched."""
    rows = [list(COLUMNS)]
    for asset in assets:
        common = [
            asset.name,
            asset.right,
            asset.mark_type,
            ", ".join(str(c) for c in asset.nice_classes),
            asset.owner.email if asset.owner else "",
        ]
        if not asset.active_filings:
            rows.append(common + [""] * (len(COLUMNS) - len(common)))
        for filing in asset.active_filings:
            rows.append(
                common
                + [
                    filing.office,
                    filing.number,
                    filing.route,
                    filing.status,
                    ", ".join(filing.designated_countries),
                    *(getattr(filing, n) for n in validation.DATE_FIELDS),
                ]
            )
    return rows


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(
            [
                v.isoformat() if isinstance(v, date) else ("" if v is None else escape_cell(v))
                for v in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("register")

    def cell(value):
        if isinstance(value, date):
            written = WriteOnlyCell(sheet, value=value)
            written.number_format = "yyyy-mm-dd"
            return written
        if value in ("", None):
            return None
        if isinstance(value, str):
            # Typed as text explicitly: openpyxl would store any "=..." string as a formula.
            written = WriteOnlyCell(sheet, value=escape_cell(value))
            written.data_type = "s"
            return written
        return value

    for row in rows:
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

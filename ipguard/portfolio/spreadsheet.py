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

from ipguard.lib.validators import validate_date_in_range
from ipguard.portfolio import validation
from ipguard.portfolio.forms import ROUTE_CHOICES
from ipguard.portfolio.models import FilingStatus, MarkType, RightType

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
ROUTES = {value for value, _label in ROUTE_CHOICES if value}
MAX_ROWS = 5000


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
    for cells in reader:
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
    return str(value).strip()


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


def _check(line: int, raw: dict, members: dict[str, int]) -> Row:
    row = Row(line=line)
    errors = row.errors
    name = _text(raw.get("asset"))
    right = _text(raw.get("right")).lower()
    office = _text(raw.get("office")).upper()
    if not name:
        errors.append(_("asset: a name is needed."))
    elif len(name) > 200:
        errors.append(_("asset: the name is longer than 200 characters."))
    if right not in RightType.values:
        errors.append(
            _("right: “%(value)s” is not one of %(choices)s.")
            % {"value": right, "choices": ", ".join(RightType.values)}
        )
    mark_type = _text(raw.get("mark_type")).lower()
    try:
        nice = validation.parse_nice_classes(raw.get("nice_classes"))
    except validation.Invalid as error:
        errors.append(f"nice_classes: {error}")
        nice = []
    if right == RightType.TRADEMARK:
        if mark_type not in MarkType.values:
            errors.append(
                _("mark_type: a trademark needs one of %(choices)s.")
                % {"choices": ", ".join(MarkType.values)}
            )
        if not nice and not any(e.startswith("nice_classes") for e in errors):
            errors.append(_("nice_classes: a trademark needs at least one Nice class."))
    else:
        mark_type, nice = "", []
    owner_email = _text(raw.get("owner_email")).lower()
    if owner_email and owner_email not in members:
        errors.append(
            _("owner_email: %(email)s is not a member of this company.") % {"email": owner_email}
        )
    dates = {n: _date(raw.get(n), n, errors) for n in validation.DATE_FIELDS}
    status = _text(raw.get("status")).lower() or FilingStatus.PENDING
    route = _text(raw.get("route")).lower()
    number = _text(raw.get("number"))
    try:
        countries = validation.parse_country_codes(raw.get("designated_countries"))
    except validation.Invalid as error:
        errors.append(f"designated_countries: {error}")
        countries = []
    if office:
        if right in RightType.values:
            problem = validation.office_problem(right, office)
            if problem:
                errors.append(f"office: {problem}")
            else:
                for column, message in validation.filing_date_problems(
                    right, office, dates
                ).items():
                    errors.append(f"{column}: {message}")
        if status not in FilingStatus.values:
            errors.append(
                _("status: “%(value)s” is not one of %(choices)s.")
                % {"value": status, "choices": ", ".join(FilingStatus.values)}
            )
        if route and route not in ROUTES:
            errors.append(
                _("route: “%(value)s” is not one of %(choices)s.")
                % {"value": route, "choices": ", ".join(sorted(ROUTES))}
            )
        if len(number) > 60:
            errors.append(_("number: longer than 60 characters."))
        if countries and not (office == "WO" and right == RightType.TRADEMARK):
            errors.append(
                _("designated_countries: only Madrid (WO) trademark registrations have them.")
            )
    elif number or any(dates.values()) or countries:
        errors.append(_("office: a row with a number or dates needs its office."))
    row.values = {
        "asset": name,
        "right": right,
        "mark_type": mark_type,
        "nice_classes": nice,
        "owner_email": owner_email,
        "office": office,
        "number": number,
        "route": route,
        "status": status,
        "designated_countries": countries,
        **{n: (d.isoformat() if d else None) for n, d in dates.items()},
    }
    return row


def read_rows(*, name: str, raw: bytes, members: dict[str, int], existing: set) -> list[Row]:
    """Every data row of the file, checked. `members`: email -> user id of the company's members;
    `existing`: (asset name, right, office, number) of filings already in the register."""
    lines = _xlsx_lines(raw) if name.lower().endswith(".xlsx") else _csv_lines(raw)
    header = None
    rows: list[Row] = []
    first_line_of: dict[tuple, Row] = {}
    for line, cells in lines:
        if not any(_text(c) for c in cells):
            continue
        if header is None:
            header = _header(cells)
            continue
        if len(rows) >= MAX_ROWS:
            raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        raw_row = {header[i]: c for i, c in enumerate(cells) if i < len(header) and header[i]}
        row = _check(line, raw_row, members)
        values = row.values
        asset_key = (values["asset"].casefold(), values["right"])
        first = first_line_of.setdefault(asset_key, row)
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
        filing_key = (*asset_key, values["office"], values["number"])
        if values["office"] and values["number"] and filing_key in existing:
            row.errors.append(_("This filing is already in the register."))
        if values["office"] and values["number"]:
            existing.add(filing_key)  # a second identical row in the file is a duplicate too
        rows.append(row)
    if header is None:
        raise FileProblem(_("The file is empty."))
    return rows


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
            [v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in row]
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
        return None if value == "" else value

    for row in rows:
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

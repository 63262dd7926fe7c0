"""The products register as a spreadsheet: one row per product and market, CSV or XLSX.

Reading and writing reuse the register's helpers (ipguard.portfolio.spreadsheet: encodings,
XLSX reading, CSV/XLSX writing), so both files behave alike. Rows are checked here with the
forms' own validators; the launch gate is the service's (`services.products_import`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ipguard.portfolio import validation
from ipguard.portfolio.spreadsheet import (
    MAX_ROWS,
    FileProblem,
    _csv_lines,
    _date,
    _text,
    _xlsx_lines,
    to_csv,
    to_xlsx,
)
from ipguard.products.models import MARKET_CHOICES, Channel, MarketStatus, Product

COLUMNS = (
    "product",
    "nice_classes",
    "channels",
    "brands",
    "design_version",
    "market",
    "status",
    "launch_date",
    "fto_waiver_reason",
)
REQUIRED_COLUMNS = ("product",)
MARKETS = {code for code, _label in MARKET_CHOICES}

__all__ = ["COLUMNS", "FileProblem", "Row", "export_rows", "read_rows", "to_csv", "to_xlsx"]


@dataclass
class Row:
    line: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


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


def _split(value) -> list[str]:
    return [
        p.strip() for p in _text(value).replace("；", ";").replace(",", ";").split(";") if p.strip()
    ]


# Text columns stored as they are, with the length their model field allows (None: any length).
TEXT_LIMITS = {
    "product": Product._meta.get_field("name").max_length,
    "fto_waiver_reason": None,
}


def _cell_problems(raw: dict) -> list[str]:
    """A NUL (PostgreSQL refuses it) or an over-long text: a message, never a database error."""
    problems = []
    for column, value in raw.items():
        text = _text(value)
        if "\x00" in text:
            problems.append(
                _("%(column)s: contains a NUL character (U+0000); remove it.") % {"column": column}
            )
        elif (limit := TEXT_LIMITS.get(column)) is not None and len(text) > limit:
            problems.append(
                _("%(column)s: at most %(limit)d characters (this cell has %(count)d).")
                % {"column": column, "limit": limit, "count": len(text)}
            )
    return problems


def _check(line: int, raw: dict, brands: dict[str, int]) -> Row:
    row = Row(line=line)
    errors = row.errors
    problems = _cell_problems(raw)
    if problems:
        errors.extend(problems)
        raw = dict.fromkeys(raw, "")  # the rest of the checks would only echo them
    name = _text(raw.get("product"))
    if not name and not problems:
        errors.append(_("product: a name is required."))
    try:
        classes = validation.parse_nice_classes(_text(raw.get("nice_classes")))
    except validation.Invalid as error:
        errors.append(str(error))
        classes = []
    channels = []
    for part in _split(raw.get("channels")):
        code = part.lower().replace(" ", "_")
        by_label = {str(label).lower(): value for value, label in Channel.choices}
        code = code if code in Channel.values else by_label.get(part.lower(), "")
        if not code:
            errors.append(_("channels: unknown channel “%(value)s”.") % {"value": part})
        elif code not in channels:
            channels.append(code)
    brand_ids = []
    for part in _split(raw.get("brands")):
        if part.casefold() not in brands:
            errors.append(_("brands: no trademark “%(value)s” in the register.") % {"value": part})
        else:
            brand_ids.append(brands[part.casefold()])
    version_text = _text(raw.get("design_version")) or "1"
    version = int(version_text) if version_text.isdigit() and int(version_text) > 0 else None
    if version is None:
        errors.append(_("design_version: a whole number from 1."))
    market = _text(raw.get("market")).upper()
    if market and market not in MARKETS:
        errors.append(_("market: unknown market “%(value)s”.") % {"value": market})
    status = _text(raw.get("status")).lower() or MarketStatus.PLANNED
    if status not in MarketStatus.values:
        errors.append(_("status: write planned or launched."))
    launch_date = _date(raw.get("launch_date"), "launch_date", errors)
    if market and status == MarketStatus.LAUNCHED and launch_date is None:
        errors.append(_("launch_date: a launched market needs its launch date."))
    row.values = {
        "product": name,
        "nice_classes": classes,
        "channels": channels,
        "brands": sorted(set(brand_ids)),
        "design_version": version,
        "market": market,
        "status": status,
        "launch_date": launch_date.isoformat() if launch_date else None,
        "fto_waiver_reason": _text(raw.get("fto_waiver_reason")),
    }
    return row


def read_rows(*, name: str, raw: bytes, brands: dict[str, int]) -> list[Row]:
    """Every data row of the file, checked. `brands`: casefolded trademark name -> asset id."""
    lines = _xlsx_lines(raw) if name.lower().endswith(".xlsx") else _csv_lines(raw)
    header, rows, first = None, [], {}
    for line, cells in lines:
        if not any(_text(c) for c in cells):
            continue
        if header is None:
            header = _header(cells)
            continue
        if len(rows) >= MAX_ROWS:
            raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        row = _check(line, {header[i]: c for i, c in enumerate(cells) if i < len(header)}, brands)
        v = row.values
        earlier = first.setdefault(v["product"].casefold(), row)
        product_fields = ("nice_classes", "channels", "brands", "design_version")
        if earlier is not row and row.ok and any(v[f] != earlier.values[f] for f in product_fields):
            row.errors.append(
                _("The product's classes, channels, brands or version differ from line %(line)d.")
                % {"line": earlier.line}
            )
        rows.append(row)
    if header is None:
        raise FileProblem(_("The file is empty."))
    return rows


def export_rows(products) -> list[list]:
    """Header first, then one row per product and market (a product without markets: one row)."""
    rows = [list(COLUMNS)]
    for product in products:
        common = [
            product.name,
            ", ".join(str(c) for c in product.nice_classes),
            "; ".join(product.channels),
            "; ".join(b.name for b in product.brands.all()),
            product.design_version,
        ]
        markets = list(product.markets.all())
        if not markets:
            rows.append(common + ["", "", None, ""])
        for market in markets:
            rows.append(
                common
                + [market.market, market.status, market.launch_date, market.fto_waiver_reason]
            )
    return rows

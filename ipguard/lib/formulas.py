"""Spreadsheet formula injection: what every CSV and XLSX export writes, and import reads back.

A cell that begins with =, +, -, @, tab or carriage return is taken for a formula by Excel,
LibreOffice and Google Sheets (`=HYPERLINK(...)` runs when the file is opened). OWASP's advice
(https://owasp.org/www-community/attacks/CSV_Injection) is to prefix such a cell with a single
quote so it is read as text. A cell that already begins with a quote gets one more, so that
`unescape_cell` can undo exactly what `escape_cell` did and an export imports as the same data.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def escape_cell(value):
    """`value` safe for a spreadsheet cell; anything but text passes unchanged."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def unescape_cell(value):
    """The inverse of `escape_cell` on what it produces; other text passes unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(QUOTE)
        and value[1:].startswith((*FORMULA_STARTS, QUOTE))
    ):
        return value[1:]
    return value

from hypothesis import given
from hypothesis import strategies as st

from ipguard.lib.formulas import FORMULA_STARTS, escape_cell, unescape_cell


def test_owasp_starts_are_neutralised():
    for start in FORMULA_STARTS:
        assert escape_cell(start + "1+1") == "'" + start + "1+1"
    assert escape_cell("plain") == "plain" and escape_cell(7) == 7 and escape_cell(None) is None
    # a hand-written leading quote before ordinary text is the user's, not ours
    assert unescape_cell("'tis") == "'tis"


@given(st.text())
def test_escape_is_undone_exactly(value):
    escaped = escape_cell(value)
    assert not escaped.startswith(FORMULA_STARTS)
    assert unescape_cell(escaped) == value

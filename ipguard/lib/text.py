"""Small text helpers for sentences built around names."""

import re

_DOUBLE_STOP = re.compile(r"(\w)\.\.(?=\s|$)")


def single_full_stop(sentence: str) -> str:
    """A name ending in a full stop ("Co., Ltd.") at the end of a sentence gives "Ltd..":
    keep one stop. Other languages' own stops ("Ltd.。") are left alone."""
    return _DOUBLE_STOP.sub(r"\1.", sentence)

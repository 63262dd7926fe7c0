"""Read history texts stored before codes existed back into (code, parameters).

Used by the data migrations that moved deadline events and action comments to codes: each
code lists the sentences it was stored as (English and Chinese, as the catalogues worded them
then); a text that none matches is kept as it is.
"""

import re

_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


def compile_templates(templates: dict[str, list[str]]) -> list[tuple[str, re.Pattern]]:
    """{code: [stored wordings with %(name)s]} -> [(code, pattern)], longest wording first."""
    compiled = []
    for code, wordings in templates.items():
        for wording in wordings:
            pattern = _PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(wording))
            compiled.append((code, re.compile(f"^{pattern}$", re.S)))
    return sorted(compiled, key=lambda item: -len(item[1].pattern))


def parse_stored(patterns, text: str) -> tuple[str, dict] | None:
    for code, pattern in patterns:
        match = pattern.match(text.strip())
        if match:
            return code, match.groupdict()
    return None

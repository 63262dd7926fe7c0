"""Office closing days, shipped as data files (one JSON file per office) and read at run time.

Each file says where its days come from and which years it covers. Public holidays and China's
make-up working days were generated once from the `holidays` library (pinned in
requirements.txt) by `manage.py calendars_generate`; office-specific closures (the JPO's year
end, the EPO's and EUIPO's own closing days) are our own data, kept in `office_closures.json`
with a source per row and merged into the office files by the same command. The app never calls
`holidays` at run time: a calendar changes only when a reviewed file changes.

`CALENDAR_VERSION` is a hash of every shipped file; stored deadlines remember it, so a changed
file makes the refresh recompute them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path

from ipguard.portfolio.rules import OfficeCalendar

DIRECTORY = Path(__file__).resolve().parent
OFFICE_CLOSURES_FILE = DIRECTORY / "office_closures.json"


def _office_files() -> list[Path]:
    return sorted(p for p in DIRECTORY.glob("*.json") if p != OFFICE_CLOSURES_FILE)


def _version() -> str:
    digest = hashlib.sha256()
    for path in _office_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CALENDAR_VERSION = _version()


def _calendar(data: dict) -> OfficeCalendar:
    closed = data["closed"]
    return OfficeCalendar(
        office=data["office"],
        closed=frozenset(date.fromisoformat(row["date"]) for row in closed),
        working_weekend_days=frozenset(
            date.fromisoformat(row["date"]) for row in data.get("working_weekend_days", [])
        ),
        first_year=data["years"][0],
        last_year=data["years"][-1],
        source=data["source"],
        uncertain_days=frozenset(
            date.fromisoformat(row["date"]) for row in closed if row.get("uncertain")
        ),
        notes=tuple(data.get("notes", ())),
    )


@cache
def office_calendars() -> dict[str, OfficeCalendar]:
    """Every shipped calendar by office code."""
    calendars = {}
    for path in _office_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        calendars[data["office"]] = _calendar(data)
    return calendars


def calendar_for(office: str) -> OfficeCalendar | None:
    return office_calendars().get(office)

"""Checks shared by the register forms and the spreadsheet import, so both say the same thing.

Each check returns messages keyed by the field they concern; an empty dict means the input is fine.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from ipguard.portfolio import rules
from ipguard.portfolio.models import Office, RightType

NICE_CLASSES = range(1, 46)  # 1-34 goods, 35-45 services (ip-rules.md, S20, S21)
DATE_FIELDS = (
    "filing_date",
    "priority_date",
    "publication_date",
    "registration_date",
    "international_registration_date",
)


class Invalid(ValueError):
    """One field's value cannot be used; the message is shown next to the field."""


def parse_nice_classes(value) -> list[int]:
    """'9, 11 35' or [9, 11, 35] -> [9, 11, 35]; Invalid names any class outside 1-45."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        parts = [p for p in re.split(r"[\s,;，、]+", str(value).strip()) if p]
    classes = set()
    for part in parts:
        if part.endswith(".0"):  # spreadsheets hand whole numbers over as floats
            part = part[:-2]
        if not part.isdigit() or int(part) not in NICE_CLASSES:
            raise Invalid(
                _("Unknown Nice class: %(value)s. Classes run from 1 to 45.") % {"value": part}
            )
        classes.add(int(part))
    return sorted(classes)


def parse_country_codes(value) -> list[str]:
    """'US, EU jp' -> ['EU', 'JP', 'US']: two-letter codes (EM and EU both mean the EU)."""
    if not value:
        return []
    parts = value if isinstance(value, (list, tuple)) else re.split(r"[\s,;，、]+", str(value))
    codes = set()
    for part in (str(p).strip().upper() for p in parts):
        if not part:
            continue
        if not re.fullmatch(r"[A-Z]{2}", part):
            raise Invalid(
                _("%(value)s is not a two-letter country code such as US or CN.") % {"value": part}
            )
        codes.add(part)
    return sorted(codes)


def office_problem(right: str, office: str) -> str | None:
    """Why `right` cannot be filed at `office`, or None. Copyright works may be noted anywhere."""
    if office not in Office.values:
        return _("Unknown office %(office)s.") % {"office": office}
    if right == RightType.COPYRIGHT or rules.is_supported(right, office):
        return None
    offices = ", ".join(rules.SUPPORTED.get(right, ()))
    return _("A %(right)s cannot be filed at %(office)s. Offices for this right: %(offices)s.") % {
        "right": RightType(right).label.lower(),
        "office": office,
        "offices": offices,
    }


def filing_date_problems(right: str, office: str, dates: dict[str, date | None]) -> dict[str, str]:
    """Dates that cannot all be true for a filing of `right` at `office`, by field."""
    problems: dict[str, str] = {}
    filed = dates.get("filing_date")
    priority = dates.get("priority_date")
    if filed and priority and priority > filed:
        problems["priority_date"] = _("The priority date cannot be after the filing date.")
    if filed and dates.get("publication_date") and dates["publication_date"] < filed:
        problems["publication_date"] = _("The publication date cannot be before the filing date.")
    if filed and dates.get("registration_date") and dates["registration_date"] < filed:
        problems["registration_date"] = _("The registration date cannot be before the filing date.")
    ir = dates.get("international_registration_date")
    if office == Office.WO and right in (RightType.PATENT, RightType.UTILITY_MODEL):
        if not (priority or filed):
            problems["priority_date"] = _(
                "A PCT application needs a priority date or an international filing date: "
                "the national phase is counted from it."
            )
        if dates.get("registration_date"):
            problems["registration_date"] = _(
                "A PCT application is never granted; record the grant at each national office."
            )
        if ir:
            problems["international_registration_date"] = _(
                "Only Madrid trademarks have an international registration date."
            )
    elif office == Office.WO and right in (RightType.TRADEMARK, RightType.DESIGN):
        if filed and ir and ir < filed:
            problems["international_registration_date"] = _(
                "The international registration date cannot be before the filing date."
            )
    elif ir:
        problems["international_registration_date"] = _(
            "Only Madrid (WO) trademarks and Hague (WO) designs have an international "
            "registration date."
        )
    return problems


def filing_dates(right: str, office: str, values) -> rules.FilingDates:
    """The rules engine's view of a filing (a model instance or a dict of its date fields).

    A Madrid registration's anchor is its international registration date; a WO trademark that
    has only a registration date is taken to mean that date.
    """

    def get(name):
        return values.get(name) if isinstance(values, dict) else getattr(values, name)

    registered = get("registration_date")
    ir = get("international_registration_date")
    if office == Office.WO and right in (RightType.TRADEMARK, RightType.DESIGN):
        ir = ir or registered
    return rules.FilingDates(
        right=right,
        office=office,
        filed=get("filing_date"),
        priority=get("priority_date"),
        published=get("publication_date"),
        registered=registered,
        international_registration=ir,
        designated=tuple(get("designated_countries") or ()),
    )

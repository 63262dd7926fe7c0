"""The report's data snapshot: every figure the PDF shows, read from the database once.

A report is rendered from its snapshot alone, and the snapshot is stored with the report, so a
report of last quarter says what it said then however the data changes afterwards.

Section providers
-----------------
The snapshot is assembled from `SECTION_PROVIDERS`, in order. Each entry is
`(key, title, "dotted.path.to.provider")`:

- `key` names the section: its data is rendered by the template `reports/sections/<key>.html`
  (which gets `section` = the provider's dict, `snapshot` and `charts`), and its heading is
  linked from the table of contents as `#section-<key>`.
- `title` is a lazy translation; the snapshot keeps it in both languages.
- the provider is a function `provider(company, period) -> dict | None`, where `period` is a
  `ipguard.reports.periods.ReportPeriod` (quarter, start, end, as_of dates). It returns
  JSON-serialisable data (str, int, float, bool, None, lists and dicts; dates as ISO strings;
  bilingual texts as {"en": ..., "zh_hans": ...}) or None when the company has nothing for the
  section, in which case the section is left out of the report and its table of contents.
  A provider only reads; it must not write, send or enqueue anything, and it must scope every
  query to `company` (ipguard.accounts.tenancy.for_company).

Apps add a section by appending an entry here and adding its template, as the evidence vault
does.
"""

from __future__ import annotations

import base64
import mimetypes
from importlib import import_module

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ipguard.reports.periods import ReportPeriod

SNAPSHOT_SCHEMA = 1
# Logos larger than this are left out rather than bloating every stored snapshot.
LOGO_MAX_BYTES = 1_000_000

SECTION_PROVIDERS = [
    # First: a right that is lost unless someone acts now outranks everything else.
    ("lapsing", _("Overdue statutory deadlines"), "ipguard.reports.sections.lapsing_section"),
    ("health", _("Scores by area"), "ipguard.reports.sections.health_section"),
    ("risks", _("Top risks"), "ipguard.reports.sections.risks_section"),
    ("actions", _("Action plan progress"), "ipguard.reports.sections.actions_section"),
    ("portfolio", _("Portfolio and deadlines"), "ipguard.reports.sections.portfolio_section"),
    ("alliances", _("Alliances and memberships"), "ipguard.reports.sections.alliances_section"),
    ("evidence", _("Evidence of originality"), "ipguard.evidence.report_section.evidence_section"),
    ("coverage", _("Products and markets"), "ipguard.products.report_section.coverage_section"),
]


def _provider(dotted):
    module_name, function_name = dotted.rsplit(".", 1)
    return getattr(import_module(module_name), function_name)


def _both_languages(text) -> dict:
    titles = {}
    for language, key in (("en", "en"), ("zh-hans", "zh_hans")):
        with translation.override(language):
            titles[key] = str(text)
    return titles


def logo_data_uri(company) -> str:
    """The company's logo inlined, so the snapshot does not depend on a file that may change."""
    if not company.logo:
        return ""
    try:
        with company.logo.open("rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except (OSError, ValueError):
        return ""
    mime = mimetypes.guess_type(company.logo.name)[0] or ""
    if len(data) > LOGO_MAX_BYTES or not mime.startswith("image/"):
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def snapshot_build(*, company, period: ReportPeriod, language: str, paper: str, providers=None):
    """The snapshot dict for `company` over `period` (JSON-serialisable, rendered as stored)."""
    sections = []
    for key, title, dotted in providers or SECTION_PROVIDERS:
        data = _provider(dotted)(company, period)
        if data is None:
            continue
        sections.append({"key": key, "title": _both_languages(title), "data": data})
    return {
        "schema": SNAPSHOT_SCHEMA,
        "company": {"name": company.name, "country": company.country},
        "logo": logo_data_uri(company),
        "period": {
            "quarter": period.quarter,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "as_of": period.as_of.isoformat(),
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "language": language,
        "paper": paper,
        "sections": sections,
    }


def snapshot_section(snapshot: dict, key: str) -> dict | None:
    for section in snapshot.get("sections", []):
        if section["key"] == key:
            return section["data"]
    return None

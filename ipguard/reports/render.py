"""Snapshot -> HTML -> PDF. Reads nothing but the snapshot, so a stored report renders the same."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.safestring import mark_safe

from ipguard.lib.charts import score_bars_svg, score_trend_svg
from ipguard.lib.i18n import pick
from ipguard.lib.pdf import html_to_pdf
from ipguard.reports.snapshot import snapshot_section
from ipguard.reports.summary import report_summary

# WenQuanYi Micro Hei is named first for both languages: it covers Latin and CJK, renders about
# four times faster than Noto Sans CJK (TOOLCHAIN.md) and keeps fontconfig from falling back.
REPORT_FONTS = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'
PAGE_SIZES = {"A4": "A4", "letter": "letter"}


def report_charts(snapshot: dict) -> dict:
    """The SVG charts of a snapshot, labelled in the active language."""
    health = snapshot_section(snapshot, "health")
    if not health:
        return {}
    rows = [(pick(area["title"]), area["score"]) for area in health["areas"] if area["applicable"]]
    trend = [(point["quarter"], point["score"]) for point in health["trend"]]
    return {
        "areas": mark_safe(score_bars_svg(rows, width=720, label_width=330)),  # noqa: S308 - escaped
        # Beside the score on the summary page (the detail does not repeat it).
        "trend_small": mark_safe(score_trend_svg(trend, width=420, height=150)),  # noqa: S308
    }


def report_html(snapshot: dict) -> str:
    language = snapshot.get("language") or "en"
    with translation.override(language):
        generated_at = parse_datetime(snapshot["generated_at"])
        context = {
            "snapshot": snapshot,
            "language": language,
            "company": snapshot["company"],
            "period": snapshot["period"],
            "quarter_start": parse_date(snapshot["period"]["start"]),
            "quarter_end": parse_date(snapshot["period"]["end"]),
            "generated_on": generated_at.date() if generated_at else None,
            "health": snapshot_section(snapshot, "health"),
            "sections": [
                {**section, "template": f"reports/sections/{section['key']}.html"}
                for section in snapshot.get("sections", [])
            ],
            "charts": report_charts(snapshot),
            "summary": report_summary(snapshot),
            "page_size": PAGE_SIZES.get(snapshot.get("paper"), "A4"),
            "fonts": REPORT_FONTS,
        }
        return render_to_string("reports/report.html", context)


def report_pdf(snapshot: dict) -> bytes:
    return html_to_pdf(report_html(snapshot))

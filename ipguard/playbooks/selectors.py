"""Reads of health-check data that several views, the dashboard and the reports share."""

from django.utils.safestring import mark_safe

from ipguard.accounts.tenancy import for_company
from ipguard.lib.charts import score_bars_svg
from ipguard.lib.i18n import pick
from ipguard.playbooks.models import Assessment


def draft_assessment(company):
    return for_company(company, Assessment).filter(status=Assessment.Status.DRAFT).first()


def submitted_assessments(company):
    return for_company(company, Assessment).filter(status=Assessment.Status.SUBMITTED)


def latest_submitted(company):
    return submitted_assessments(company).order_by("-number").first()


def score_chart(assessment):
    """The per-area bar chart of a submitted version (SVG markup), or None without scores."""
    areas = (assessment.scores or {}).get("areas") if assessment else None
    if not areas:
        return None
    rows = [(pick(area["title"]), area["score"]) for area in areas if area.get("applicable", True)]
    return mark_safe(score_bars_svg(rows))  # noqa: S308 - score_bars_svg escapes every label

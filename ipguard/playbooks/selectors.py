"""Reads of health-check data that several views, the dashboard and the reports share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.safestring import mark_safe

from ipguard.accounts.tenancy import for_company
from ipguard.lib.charts import score_bars_stacked_svg
from ipguard.lib.i18n import pick
from ipguard.playbooks.models import Assessment


def draft_assessment(company):
    return for_company(company, Assessment).filter(status=Assessment.Status.DRAFT).first()


def submitted_assessments(company):
    return for_company(company, Assessment).filter(status=Assessment.Status.SUBMITTED)


def latest_submitted(company):
    return submitted_assessments(company).order_by("-number").first()


@dataclass(frozen=True)
class ScoreSinceLastQuarter:
    """The score on a day and the score "last quarter", as the dashboard and the report say it."""

    current: Assessment
    previous: Assessment | None  # the last check submitted before the current quarter began

    @property
    def change(self) -> int | None:
        if self.previous is None:
            return None
        return self.current.overall_score - self.previous.overall_score


def _first_instant(day: date):
    return timezone.make_aware(datetime.combine(day, time.min))


def score_since_last_quarter(company, *, as_of: date) -> ScoreSinceLastQuarter | None:
    """The latest health check submitted by the end of `as_of`, and the one "last quarter" is.

    "Last quarter" is the latest check submitted before the quarter of `as_of` began, so a
    retake within the quarter does not become the comparison. The dashboard (as of today) and
    the quarterly report (as of its day) both call this, so they say the same thing.
    """
    quarter_began = _first_instant(date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1))
    submitted = submitted_assessments(company).order_by("-submitted_at", "-number")
    current = submitted.filter(submitted_at__lt=_first_instant(as_of + timedelta(days=1))).first()
    if current is None:
        return None
    previous = submitted.filter(submitted_at__lt=quarter_began).first()
    return ScoreSinceLastQuarter(current=current, previous=previous)


def score_chart(assessment):
    """The per-area bar chart of a submitted version (SVG markup), or None without scores."""
    areas = (assessment.scores or {}).get("areas") if assessment else None
    if not areas:
        return None
    rows = [(pick(area["title"]), area["score"]) for area in areas if area.get("applicable", True)]
    return mark_safe(score_bars_stacked_svg(rows))  # noqa: S308 - the chart escapes every label

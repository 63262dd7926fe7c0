"""Reads of playbook data that several views, the dashboard and the reports share."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.safestring import mark_safe

from ipguard.lib.charts import score_bars_svg
from ipguard.lib.i18n import pick
from ipguard.playbooks.models import OPEN_ACTION_STATUSES, ActionItem, Assessment, Tier


def open_actions(company):
    return ActionItem.objects.filter(company=company, status__in=OPEN_ACTION_STATUSES)


def open_action_counts_by_tier(company):
    counts = dict(
        open_actions(company).values_list("tier").annotate(n=Count("pk")).values_list("tier", "n")
    )
    return [(tier, counts.get(tier.value, 0)) for tier in Tier]


def next_due_actions(company, *, limit=5):
    return open_actions(company).select_related("owner").order_by("due_date", "pk")[:limit]


def overdue_actions(company, *, today=None):
    today = today or date.today()
    return open_actions(company).filter(due_date__lt=today)


def filtered_actions(company, *, status="open", tier="", owner=None):
    actions = ActionItem.objects.filter(company=company).select_related("owner", "incident")
    if status == "open" or not status:
        actions = actions.filter(status__in=OPEN_ACTION_STATUSES)
    elif status != "all":
        actions = actions.filter(status=status)
    if tier:
        actions = actions.filter(tier=tier)
    if owner is not None:
        actions = actions.filter(owner=owner)
    return actions.order_by("due_date", "pk")


def draft_assessment(company):
    return Assessment.objects.filter(company=company, status=Assessment.Status.DRAFT).first()


def submitted_assessments(company):
    return Assessment.objects.filter(company=company, status=Assessment.Status.SUBMITTED)


def latest_submitted(company):
    return submitted_assessments(company).order_by("-number").first()


def due_soon(company, *, days=90, today=None):
    today = today or date.today()
    return open_actions(company).filter(
        Q(due_date__gte=today) & Q(due_date__lte=today + timedelta(days=days))
    )


def score_chart(assessment):
    """The per-area bar chart of a submitted version (SVG markup), or None without scores."""
    areas = (assessment.scores or {}).get("areas") if assessment else None
    if not areas:
        return None
    rows = [(pick(area["title"]), area["score"]) for area in areas if area.get("applicable", True)]
    return mark_safe(score_bars_svg(rows))  # noqa: S308 - score_bars_svg escapes every label

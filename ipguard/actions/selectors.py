"""Reads of the action plan that the action list and the dashboard share."""

from django.db.models import Count

from ipguard.accounts.tenancy import for_company
from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem, Tier


def open_actions(company):
    return for_company(company, ActionItem).filter(status__in=OPEN_ACTION_STATUSES)


def open_action_counts_by_tier(company):
    counts = dict(
        open_actions(company).values_list("tier").annotate(n=Count("pk")).values_list("tier", "n")
    )
    return [(tier, counts.get(tier.value, 0)) for tier in Tier]


def next_due_actions(company, *, limit=5):
    return open_actions(company).select_related("owner").order_by("due_date", "pk")[:limit]


def filtered_actions(company, *, status="open", tier="", owner=None):
    actions = for_company(company, ActionItem).select_related("owner", "incident")
    if status == "open" or not status:
        actions = actions.filter(status__in=OPEN_ACTION_STATUSES)
    elif status != "all":
        actions = actions.filter(status=status)
    if tier:
        actions = actions.filter(tier=tier)
    if owner is not None:
        actions = actions.filter(owner=owner)
    return actions.order_by("due_date", "pk")

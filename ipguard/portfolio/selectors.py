"""Reads of the register that several views, the dashboard, the feed and the bench share.

Every function takes the company and starts from `for_company`, so no read crosses tenants.
Query counts do not depend on the number of filings: lists are paginated or sliced in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from ipguard.accounts.tenancy import for_company
from ipguard.lib.i18n import pick
from ipguard.playbooks.models import OPEN_ACTION_STATUSES, ActionItem, ActionStatus
from ipguard.portfolio.models import Asset, Deadline, DeadlineStatus, Filing, FilingStatus

# Filings that no longer need anything done: their deadlines stay stored but are not shown.
INACTIVE_FILING_STATUSES = (FilingStatus.LAPSED, FilingStatus.WITHDRAWN)


def live_deadlines(company):
    """Deadlines of filings that are not archived, lapsed or withdrawn (for pages and reminders)."""
    return (
        for_company(company, Deadline)
        .filter(filing__archived_at__isnull=True, filing__asset__archived_at__isnull=True)
        .exclude(filing__status__in=INACTIVE_FILING_STATUSES)
    )


def register_assets(company, *, archived=False, right="", office="", query=""):
    """Assets with their filings and next open deadline, for the register page."""
    next_deadline = (
        live_deadlines(company)
        .filter(filing__asset=OuterRef("pk"), status=DeadlineStatus.OPEN)
        .order_by("due_date", "pk")
    )
    assets = (
        for_company(company, Asset)
        .filter(archived_at__isnull=not archived)
        .select_related("owner")
        .annotate(
            next_due=Subquery(next_deadline.values("due_date")[:1]),
            next_label=Subquery(next_deadline.values("label")[:1]),
            next_pk=Subquery(next_deadline.values("pk")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "filings",
                queryset=Filing.objects.filter(archived_at__isnull=True).order_by("office", "pk"),
                to_attr="active_filings",
            )
        )
        .order_by("name", "pk")
    )
    if right:
        assets = assets.filter(right=right)
    if office:
        assets = assets.filter(filings__office=office, filings__archived_at__isnull=True).distinct()
    if query:
        assets = assets.filter(
            Q(name__icontains=query) | Q(filings__number__icontains=query)
        ).distinct()
    return assets


def register_counts(company):
    return (
        for_company(company, Asset)
        .filter(archived_at__isnull=True)
        .aggregate(assets=Count("pk", distinct=True), filings=Count("filings", distinct=True))
    )


@dataclass
class Entry:
    """One line of the calendar: a stored deadline or an open action item."""

    kind: str  # "deadline" or "action"
    due: date
    title: str
    subtitle: str
    url: str
    status: str
    status_label: str
    is_open: bool
    opens: date | None = None
    grace_ends: date | None = None
    office: str = ""
    owner: object = None
    snoozed_until: date | None = None
    uid: str = ""
    label: str = ""

    @property
    def last_day(self) -> date:
        return self.grace_ends or self.due


ACTION_STATUS_FOR = {
    "open": OPEN_ACTION_STATUSES,
    "done": (ActionStatus.DONE,),
    "dismissed": (ActionStatus.NOT_APPLICABLE,),
}


def _deadlines(company, criteria):
    deadlines = live_deadlines(company).select_related("filing__asset__owner")
    status = criteria.get("status") or "open"
    if status != "all":
        deadlines = deadlines.filter(status=status)
    if criteria.get("office"):
        deadlines = deadlines.filter(filing__office=criteria["office"])
    if criteria.get("right"):
        deadlines = deadlines.filter(filing__asset__right=criteria["right"])
    if criteria.get("owner") is not None:
        deadlines = deadlines.filter(filing__asset__owner=criteria["owner"])
    return deadlines


def _actions(company, criteria):
    """Action items have no office or right: a filter on either leaves none of them."""
    if criteria.get("office") or criteria.get("right"):
        return for_company(company, ActionItem).none()
    actions = for_company(company, ActionItem).select_related("owner")
    status = criteria.get("status") or "open"
    if status != "all":
        actions = actions.filter(status__in=ACTION_STATUS_FOR[status])
    if criteria.get("owner") is not None:
        actions = actions.filter(owner=criteria["owner"])
    return actions


def _between(queryset, start, end):
    if start:
        queryset = queryset.filter(due_date__gte=start)
    if end:
        queryset = queryset.filter(due_date__lte=end)
    return queryset


def deadline_entry(deadline: Deadline) -> Entry:
    from django.utils.translation import gettext as _

    filing = deadline.filing
    asset = filing.asset
    number = f" #{deadline.sequence}" if deadline.sequence else ""
    return Entry(
        kind="deadline",
        due=deadline.due_date,
        title=f"{_(deadline.label)}{number} · {asset.name}",
        subtitle=f"{filing.office} {filing.number}".strip() + f" · {asset.get_right_display()}",
        url=deadline.get_absolute_url(),
        status=deadline.status,
        status_label=deadline.get_status_display(),
        is_open=deadline.is_open,
        opens=deadline.opens,
        grace_ends=deadline.grace_ends,
        office=filing.office,
        owner=asset.owner,
        snoozed_until=deadline.snoozed_until,
        uid=f"deadline-{deadline.pk}",
        label=_(deadline.label),
    )


def action_entry(action: ActionItem) -> Entry:
    from django.utils.translation import gettext as _

    return Entry(
        kind="action",
        due=action.due_date,
        title=pick(action.title),
        subtitle=_("Action plan") + f" · {action.get_tier_display()}",
        url=action.get_absolute_url(),
        status=action.status,
        status_label=action.get_status_display(),
        is_open=action.is_open,
        owner=action.owner,
        snoozed_until=action.snoozed_until,
        uid=f"action-{action.pk}",
        label=pick(action.title),
    )


def calendar_entries(company, criteria, *, start=None, end=None, offset=0, limit=None):
    """(entries, total): deadlines and action items merged by due date, one page of them.

    Each source is sliced in SQL to offset + limit rows, so a page costs two queries and two
    counts however many filings the company has.
    """
    deadlines = _between(_deadlines(company, criteria), start, end).order_by("due_date", "pk")
    actions = _between(_actions(company, criteria), start, end).order_by("due_date", "pk")
    total = deadlines.count() + actions.count()
    if limit is not None:
        deadlines = deadlines[: offset + limit]
        actions = actions[: offset + limit]
    entries = [deadline_entry(d) for d in deadlines] + [action_entry(a) for a in actions]
    entries.sort(key=lambda e: (e.due, e.kind, e.uid))
    if limit is not None:
        entries = entries[offset : offset + limit]
    return entries, total


def next_deadlines(company, *, limit=6):
    return (
        live_deadlines(company)
        .filter(status=DeadlineStatus.OPEN)
        .select_related("filing__asset")
        .order_by("due_date", "pk")[:limit]
    )


def deadline_counts(company, *, today: date, soon: date):
    return (
        live_deadlines(company)
        .filter(status=DeadlineStatus.OPEN)
        .aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        )
    )

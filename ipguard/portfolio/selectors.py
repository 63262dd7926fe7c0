"""Reads of the register that several views, the dashboard, the feed and the bench share.

Every function takes the company and starts from `for_company`, so no read crosses tenants.
Query counts do not depend on the number of filings: lists are paginated or sliced in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ipguard.accounts.tenancy import for_company
from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem, ActionStatus, Tier
from ipguard.lib.i18n import pick
from ipguard.lib.paths import path_maker
from ipguard.portfolio.models import (
    Asset,
    Deadline,
    DeadlineStatus,
    Filing,
    FilingStatus,
    RightType,
)
from ipguard.portfolio.rules import EXTENSION_KINDS, LOSES_NO_RIGHT_KINDS

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
    """Assets with their active filings, for the register page and the export."""
    assets = (
        for_company(company, Asset)
        .filter(archived_at__isnull=not archived)
        .select_related("owner")
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
        assets = assets.filter(filings__office=office, filings__archived_at__isnull=True)
    if query:
        assets = assets.filter(Q(name__icontains=query) | Q(filings__number__icontains=query))
    return assets.distinct() if office or query else assets


def attach_next_deadlines(company, assets):
    """Prepare a page of the register: each asset gets `url`, `right_label` and
    `next_deadline` (its earliest open deadline, overdue first, as a dict), and each filing a
    `status_label`, with the deadline's label translated and its date written out here
    rather than per row in the template.

    One query for the whole page. A correlated subquery per asset looked simpler but made
    PostgreSQL walk the company's deadlines in date order once per asset (1.8 s at 2,000
    filings); labels and paths are looked up here because `get_FOO_display` and `reverse` per
    row were a third of the page's time.
    """
    assets = list(assets)
    asset_path = path_maker("portfolio:asset_detail")
    deadline_path = path_maker("portfolio:deadline_detail")
    first = {}
    rows = (
        live_deadlines(company)
        .filter(filing__asset__in=[a.pk for a in assets], status=DeadlineStatus.OPEN)
        .order_by("due_date", "pk")
        .values("pk", "due_date", "label", "filing__office", "filing__asset_id")
    )
    for row in rows:
        if row["filing__asset_id"] not in first:
            row["url"] = deadline_path(row["pk"])
            row["label_text"] = _(row["label"])
            row["due"] = row["due_date"].isoformat()
            first[row["filing__asset_id"]] = row
    status_labels = {value: str(label) for value, label in FilingStatus.choices}
    for asset in assets:
        asset.url = asset_path(asset.pk)
        asset.right_label = RightType(asset.right).label
        asset.next_deadline = first.get(asset.pk)
        for filing in asset.active_filings:
            filing.status_label = status_labels.get(filing.status, filing.status)
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
    rule_kind: str = ""  # a deadline's rule kind, e.g. "opposition_window"

    @property
    def last_day(self) -> date:
        return self.grace_ends or self.due


ACTION_STATUS_FOR = {
    "open": OPEN_ACTION_STATUSES,
    "done": (ActionStatus.DONE,),
    "dismissed": (ActionStatus.NOT_APPLICABLE,),
}


def _deadlines(company, criteria):
    deadlines = live_deadlines(company)
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
    actions = for_company(company, ActionItem)
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


DEADLINE_COLUMNS = (
    "pk", "key", "label", "status", "opens", "due_date", "grace_ends", "snoozed_until",
    "filing__office", "filing__number", "filing__asset__name", "filing__asset__right",
    "filing__asset__owner__full_name", "filing__asset__owner__email",
)  # fmt: skip
ACTION_COLUMNS = (
    "pk", "title", "tier", "status", "due_date", "snoozed_until", "owner__full_name",
    "owner__email", "incident__title",
)  # fmt: skip


def _deadline_entries(rows):
    path = path_maker("portfolio:deadline_detail")
    labels = {}
    for row in rows:
        label = labels.get(row["label"]) or labels.setdefault(row["label"], _(row["label"]))
        _kind, _sep, number = row["key"].partition(":")
        title = f"{label} #{number}" if number else label
        yield Entry(
            kind="deadline",
            due=row["due_date"],
            title=f"{title} · {row['filing__asset__name']}",
            subtitle=f"{row['filing__office']} {row['filing__number']}".strip()
            + f" · {RightType(row['filing__asset__right']).label}",
            url=path(row["pk"]),
            status=row["status"],
            status_label=DeadlineStatus(row["status"]).label,
            is_open=row["status"] == DeadlineStatus.OPEN,
            opens=row["opens"],
            grace_ends=row["grace_ends"],
            office=row["filing__office"],
            owner=row["filing__asset__owner__full_name"] or row["filing__asset__owner__email"],
            snoozed_until=row["snoozed_until"],
            uid=f"deadline-{row['pk']}",
            label=title,
            rule_kind=_kind,
        )


def _action_subtitle(row):
    """Where the item comes from: the incident it is a step of, else the action plan."""
    tier = Tier(row["tier"]).label
    if row["incident__title"]:
        return _("Incident: %(name)s") % {"name": pick(row["incident__title"])} + f" · {tier}"
    return _("Action plan") + f" · {tier}"


def _action_entries(rows):
    path = path_maker("actions:action_detail")
    for row in rows:
        title = pick(row["title"])
        if row["incident__title"]:  # an incident's step names its incident, as its steps read alike
            title = f"{title} · {pick(row['incident__title'])}"
        yield Entry(
            kind="action",
            due=row["due_date"],
            title=title,
            subtitle=_action_subtitle(row),
            url=path(row["pk"]),
            status=row["status"],
            status_label=ActionStatus(row["status"]).label,
            is_open=row["status"] in OPEN_ACTION_STATUSES,
            owner=row["owner__full_name"] or row["owner__email"],
            snoozed_until=row["snoozed_until"],
            uid=f"action-{row['pk']}",
            label=title,
        )


def calendar_entries(
    company, criteria, *, start=None, end=None, offset=0, limit=None, with_total=True
):
    """(entries, total): deadlines and action items merged by due date, one page of them.

    Each source is sliced in SQL to offset + limit rows, so a page costs two queries (and two
    counts) however many filings the company has. Rows are read as plain values: building model
    instances for every deadline, filing, asset and owner cost more than the SQL.
    """
    deadlines = _between(_deadlines(company, criteria), start, end).order_by("due_date", "pk")
    actions = _between(_actions(company, criteria), start, end).order_by("due_date", "pk")
    total = deadlines.count() + actions.count() if with_total else None
    deadline_rows = deadlines.values(*DEADLINE_COLUMNS)
    action_rows = actions.values(*ACTION_COLUMNS)
    if limit is not None:
        deadline_rows = deadline_rows[: offset + limit]
        action_rows = action_rows[: offset + limit]
    entries = [*_deadline_entries(deadline_rows), *_action_entries(action_rows)]
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


def lapsing_deadlines(company, *, today: date):
    """Open deadlines whose right is at stake now: in grace, or on their very last day.

    Ordered by last day, so the one lost tomorrow comes first (see `lapse.py`).
    """
    return (
        live_deadlines(company)
        .filter(status=DeadlineStatus.OPEN)
        .filter(
            Q(due_date__lt=today, grace_ends__gte=today)
            | Q(due_date=today, grace_ends__isnull=True)
        )
        .exclude(kind__in=LOSES_NO_RIGHT_KINDS)  # an opposition window lapses no right of the owner
        .select_related("filing__asset")
        .order_by(Coalesce("grace_ends", "due_date"), "pk")
    )


def grace_ending_entries(company, criteria, *, start: date, end: date):
    """Calendar entries placed on the last day of their grace period (open deadlines only)."""
    criteria = {**criteria, "status": "open"}
    rows = (
        _deadlines(company, criteria)
        .filter(grace_ends__gte=start, grace_ends__lte=end)
        .exclude(kind__in=EXTENSION_KINDS)  # the limit of an extension on request is no grace
        .order_by("grace_ends", "pk")
        .values(*DEADLINE_COLUMNS)
    )
    return list(_deadline_entries(rows))


def deadline_counts(company, *, today: date, soon: date):
    return (
        live_deadlines(company)
        .filter(status=DeadlineStatus.OPEN)
        .aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            in_grace=Count(
                "pk",
                filter=Q(due_date__lt=today, grace_ends__gte=today) & ~Q(kind__in=EXTENSION_KINDS),
            ),
            soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        )
    )

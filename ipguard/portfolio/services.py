"""Writes to the register: assets, filings, their stored deadlines, and calendar feeds."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.tenancy import for_company
from ipguard.audit.services import audit_record, field_changes
from ipguard.lib.fragments import company_data_changed, versions_bumped_once
from ipguard.portfolio import calendars, rules, schedule, validation
from ipguard.portfolio.models import (
    Asset,
    CalendarFeed,
    Deadline,
    DeadlineEvent,
    DeadlineStatus,
    Filing,
)

DATE_CHANGE_FIELDS = ("opens", "due_date", "grace_ends")


# --- Assets and filings -----------------------------------------------------------------------


def asset_create(*, company, data: dict) -> Asset:
    with transaction.atomic():
        return Asset.objects.create(company=company, **data)


def asset_update(*, asset: Asset, data: dict) -> Asset:
    with transaction.atomic():
        for name, value in data.items():
            setattr(asset, name, value)
        asset.save()
    return asset


def asset_archive(*, asset: Asset) -> Asset:
    """Hide the asset and its deadlines from the register and calendar; nothing is deleted."""
    asset.archived_at = asset.archived_at or timezone.now()
    asset.save(update_fields=["archived_at"])
    return asset


def asset_restore(*, asset: Asset) -> Asset:
    asset.archived_at = None
    asset.save(update_fields=["archived_at"])
    return asset


def filing_create(*, asset: Asset, data: dict, user=None, today: date | None = None) -> Filing:
    with transaction.atomic():
        filing = Filing.objects.create(asset=asset, **data)
        filing_deadlines_sync(filing=filing, user=user, today=today)
        audit_record(
            company=asset.company,
            actor=user,
            code="filing.created",
            obj=filing,
            changes=field_changes({}, data),
        )
    return filing


def filing_update(*, filing: Filing, data: dict, user=None, today: date | None = None):
    """Save the filing's new values and recompute its deadlines; returns the SyncResult."""
    before = {name: getattr(filing, name, None) for name in data}
    with transaction.atomic():
        for name, value in data.items():
            setattr(filing, name, value)
        filing.save()
        changes = field_changes(before, data)
        if changes:
            audit_record(
                company=filing.asset.company,
                actor=user,
                code="filing.updated",
                obj=filing,
                changes=changes,
            )
        return filing_deadlines_sync(filing=filing, user=user, today=today)


def filing_archive(*, filing: Filing, user=None) -> Filing:
    with transaction.atomic():
        filing.archived_at = filing.archived_at or timezone.now()
        filing.save(update_fields=["archived_at"])
        audit_record(company=filing.asset.company, actor=user, code="filing.archived", obj=filing)
    return filing


def filing_restore(*, filing: Filing, user=None) -> Filing:
    with transaction.atomic():
        filing.archived_at = None
        filing.save(update_fields=["archived_at"])
        audit_record(company=filing.asset.company, actor=user, code="filing.restored", obj=filing)
    return filing


# --- Stored deadlines -------------------------------------------------------------------------

# What a filing's stored deadlines were computed with: the rules' and the calendar files' versions.
DEADLINES_VERSION = f"{rules.RULES_VERSION}.{calendars.CALENDAR_VERSION}"


@dataclass
class SyncResult:
    created: list[Deadline] = field(default_factory=list)
    moved: list[Deadline] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # labels of deadlines that no longer apply

    @property
    def changed(self) -> bool:
        return bool(self.created or self.moved or self.removed)


def _last_day(deadline: Deadline) -> date:
    return deadline.grace_ends or deadline.due_date


def _fmt(day: date | None) -> str:
    return day.isoformat() if day else "—"


def filing_deadlines_sync(*, filing: Filing, user=None, today: date | None = None) -> SyncResult:
    """Make the filing's Deadline rows match the rules engine, matching rows by rule key.

    A new row whose last day is already over is stored as dismissed, with a note, so an imported
    portfolio does not show years of past annuities as overdue. A row whose rule still applies
    keeps its status, snooze and history; if its dates moved, a
    history entry says from what to what. A row whose rule no longer applies (a date was removed
    or corrected) is deleted, and the filing's history records what it was and its status.
    """
    today = today or date.today()
    computed = schedule.deadlines_for(
        validation.filing_dates(filing.asset.right, filing.office, filing), today=today
    )
    result = SyncResult()
    events: list[DeadlineEvent] = []
    with transaction.atomic():
        existing = {d.key: d for d in filing.deadlines.select_for_update()}
        for item in computed:
            row = existing.pop(item.key, None)
            if row is None:
                result.created.append(_new_deadline(filing, item, today=today))
            else:
                events.extend(_deadline_update(row, item, user=user, today=today, result=result))
        Deadline.objects.bulk_create(result.created)
        events.extend(
            _filed_as_over_event(row)
            for row in result.created
            if row.status == DeadlineStatus.DISMISSED
        )
        for row in existing.values():
            result.removed.append(f"{row.label} ({row.key})")
            events.append(_removed_event(row, user=user))
        if existing:
            Deadline.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
        DeadlineEvent.objects.bulk_create(events)
        if result.created or existing or events:  # bulk writes send no signals
            company_data_changed(filing.asset.company_id)
        if filing.deadlines_version != DEADLINES_VERSION:
            # A queryset update: the version is shown nowhere, so nothing cached is stale.
            Filing.objects.filter(pk=filing.pk).update(deadlines_version=DEADLINES_VERSION)
            filing.deadlines_version = DEADLINES_VERSION
    return result


def _computed_values(item) -> dict:
    return {
        "kind": item.kind,
        "label": item.label,
        "opens": item.opens,
        "due_date": item.due,
        "grace_ends": item.grace_ends,
        "source": item.source,
        "calendar": item.calendar,
        "beyond_calendar": item.beyond_calendar,
        "calendar_uncertain": item.calendar_uncertain,
        "calendar_version": calendars.CALENDAR_VERSION,
    }


def _new_deadline(filing: Filing, item, *, today: date) -> Deadline:
    row = Deadline(
        company_id=filing.asset.company_id, filing=filing, key=item.key, **_computed_values(item)
    )
    if _last_day(row) < today:
        # The register cannot know whether a deadline that was over before it was entered was
        # met; it is filed away, visibly, instead of shown as overdue.
        row.status = DeadlineStatus.DISMISSED
    return row


def _deadline_update(row: Deadline, item, *, user, today: date, result: SyncResult) -> list:
    """Bring a stored row to the computed values; the history entries this calls for."""
    changed = {n: v for n, v in _computed_values(item).items() if getattr(row, n) != v}
    if not changed:
        return []
    before = {name: getattr(row, name) for name in DATE_CHANGE_FIELDS}
    for name, value in changed.items():
        setattr(row, name, value)
    events = []
    was_over = (before["grace_ends"] or before["due_date"]) < today
    if row.status == DeadlineStatus.DISMISSED and was_over and _last_day(row) >= today:
        # Dismissed because it was over (e.g. a mistyped year); the corrected dates make it
        # current again, and a silent "dismissed" would mean no reminder ever.
        row.status = DeadlineStatus.OPEN
        changed["status"] = row.status
        events.append(_reopened_event(row, user=user))
    row.save(update_fields=[*changed, "updated_at"])
    if any(before[n] != getattr(row, n) for n in DATE_CHANGE_FIELDS):
        result.moved.append(row)
        events.append(_moved_event(row, before, user=user))
    return events


def _reopened_event(row: Deadline, *, user) -> DeadlineEvent:
    return DeadlineEvent(
        filing=row.filing,
        deadline=row,
        key=row.key,
        author=user,
        code="reopened_corrected",
    )


def _moved_event(row: Deadline, before: dict, *, user) -> DeadlineEvent:
    return DeadlineEvent(
        filing=row.filing,
        deadline=row,
        key=row.key,
        author=user,
        code="dates_recomputed",
        params={
            "o1": _fmt(before["opens"]),
            "o2": _fmt(row.opens),
            "d1": _fmt(before["due_date"]),
            "d2": _fmt(row.due_date),
            "g1": _fmt(before["grace_ends"]),
            "g2": _fmt(row.grace_ends),
        },
    )


def _filed_as_over_event(row: Deadline) -> DeadlineEvent:
    return DeadlineEvent(
        filing=row.filing,
        deadline=row,
        key=row.key,
        code="filed_as_over",
        params={"day": _fmt(row.grace_ends or row.due_date)},
    )


def _removed_event(row: Deadline, *, user) -> DeadlineEvent:
    return DeadlineEvent(
        filing=row.filing,
        key=row.key,
        author=user,
        code="removed",
        params={"label": row.label, "due": _fmt(row.due_date), "status": row.status},
    )


def stale_filings(company=None):
    """Filings whose deadlines were computed with other rules or calendar files than these."""
    filings = Filing.objects.exclude(deadlines_version=DEADLINES_VERSION)
    return filings.filter(asset__company=company) if company is not None else filings


def deadlines_stale_refresh(*, company=None, today: date | None = None) -> int:
    """Recompute every filing (of `company`, or of all) computed with older rules or calendars.

    A deploy that corrects a rule (rules.RULES_VERSION, a hash of the rules' source) or ships a
    changed calendar file (calendars.CALENDAR_VERSION) makes every stored deadline suspect; the
    daily refresh brings them to the current rules, each move recorded in the filing's history.
    """
    count = 0
    for pk in list(stale_filings(company).values_list("pk", flat=True)):
        filing = Filing.objects.select_related("asset").filter(pk=pk).first()
        if filing is not None:
            filing_deadlines_sync(filing=filing, today=today)
            count += 1
    return count


def company_deadlines_refresh(*, company, today: date | None = None) -> int:
    """Recompute every filing of a company (new occurrences enter the horizon as years pass)."""
    filings = for_company(company, Filing).select_related("asset")
    count = 0
    for filing in filings:
        if filing_deadlines_sync(filing=filing, today=today).changed:
            count += 1
    return count


# --- Deadline workflow ------------------------------------------------------------------------

ALLOWED_MOVES = {
    DeadlineStatus.OPEN: {DeadlineStatus.DONE, DeadlineStatus.DISMISSED},
    DeadlineStatus.DONE: {DeadlineStatus.OPEN},
    DeadlineStatus.DISMISSED: {DeadlineStatus.OPEN},
}


class InvalidDeadlineChange(Exception):
    """The requested status or snooze is not allowed for this deadline now."""


def _log(deadline: Deadline, user, code: str, params: dict | None = None) -> DeadlineEvent:
    """Record what happened as a code of ipguard.portfolio.history, worded when read."""
    return DeadlineEvent.objects.create(
        filing_id=deadline.filing_id,
        deadline=deadline,
        key=deadline.key,
        author=user,
        code=code,
        params=params or {},
    )


def deadline_set_status(*, deadline: Deadline, status: str, user=None) -> Deadline:
    if status == deadline.status:
        return deadline
    if status not in ALLOWED_MOVES.get(deadline.status, set()):
        raise InvalidDeadlineChange(
            _("A deadline that is %(current)s cannot become %(new)s.")
            % {
                "current": DeadlineStatus(deadline.status).label.lower(),
                "new": DeadlineStatus(status).label.lower(),
            }
        )
    previous_status = deadline.status
    with transaction.atomic():
        deadline.status = status
        deadline.completed_at = timezone.now() if status == DeadlineStatus.DONE else None
        if status != DeadlineStatus.OPEN:
            deadline.snoozed_until = None
        deadline.save(update_fields=["status", "completed_at", "snoozed_until", "updated_at"])
        _log(deadline, user, "status_changed", {"status": status})
        audit_record(
            company=deadline.company,
            actor=user,
            code="deadline.status_changed",
            obj=deadline,
            changes={"status": [previous_status, status]},
        )
    return deadline


def deadline_snooze(
    *, deadline: Deadline, until: date | None, user=None, today: date | None = None
) -> Deadline:
    """Quiet an open deadline until a date (None wakes it up); never past its last day."""
    today = today or date.today()
    if until is not None:
        if not deadline.is_open:
            raise InvalidDeadlineChange(_("Only open deadlines can be snoozed."))
        if until <= today:
            raise InvalidDeadlineChange(_("Choose a day after today."))
        last_day = deadline.grace_ends or deadline.due_date
        if until > last_day:
            raise InvalidDeadlineChange(
                _("You cannot snooze past the last day, %(day)s.") % {"day": last_day.isoformat()}
            )
    if until == deadline.snoozed_until:
        return deadline
    with transaction.atomic():
        audit_record(
            company=deadline.company,
            actor=user,
            code="deadline.snoozed",
            obj=deadline,
            changes={"snoozed_until": [deadline.snoozed_until, until]},
        )
        deadline.snoozed_until = until
        deadline.save(update_fields=["snoozed_until", "updated_at"])
        if until:
            _log(deadline, user, "snoozed", {"day": until.isoformat()})
        else:
            _log(deadline, user, "snooze_cancelled")
    return deadline


# --- Import ---------------------------------------------------------------------------------


def filings_import(
    *,
    company,
    rows: list[dict],
    user=None,
    today: date | None = None,
    progress=None,
    progress_every: int = 100,
):
    """Create the assets and filings of checked spreadsheet rows; returns (assets, filings) made.

    Rows name their asset; an asset of the same name and right already in the register (or made
    by an earlier row) receives the filing. `progress(rows_done)` is called every
    `progress_every` rows (inside the transaction: it must not write to the database).
    """
    from ipguard.accounts.models import User

    emails = {r["owner_email"] for r in rows if r.get("owner_email")}
    owners = {u.email: u for u in company.members.filter(email__in=emails)} if emails else {}
    made_assets = made_filings = 0
    with transaction.atomic(), versions_bumped_once():
        assets = {
            (a.name.casefold(), a.right): a
            for a in for_company(company, Asset).filter(archived_at__isnull=True)
        }
        for done, row in enumerate(rows):
            if progress and done and done % progress_every == 0:
                progress(done)
            key = (row["asset"].casefold(), row["right"])
            asset = assets.get(key)
            if asset is None:
                owner: User | None = owners.get(row.get("owner_email", ""))
                asset = Asset.objects.create(
                    company=company,
                    name=row["asset"],
                    right=row["right"],
                    mark_type=row["mark_type"],
                    nice_classes=row["nice_classes"],
                    owner=owner,
                )
                assets[key] = asset
                made_assets += 1
            if not row["office"]:
                continue
            data = {
                "office": row["office"],
                "number": row["number"],
                "route": row["route"],
                "status": row["status"],
                "designated_countries": row["designated_countries"],
                **{
                    name: date.fromisoformat(row[name]) if row.get(name) else None
                    for name in validation.DATE_FIELDS
                },
            }
            filing_create(asset=asset, data=data, user=user, today=today)
            made_filings += 1
    return made_assets, made_filings


# --- Calendar feeds ---------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_get_or_create(*, user, company) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, company=company, defaults={"token": _new_token()}
    )
    return feed


def calendar_feed_regenerate(*, user, company) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    with transaction.atomic():
        feed = calendar_feed_get_or_create(user=user, company=company)
        feed.token = _new_token()
        feed.save(update_fields=["token"])
    return feed

"""Writes for reports: request one, move it through its workflow, render it, tell the owners."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ipguard.accounts.models import Company
from ipguard.lib.emails import send_email
from ipguard.lib.fragments import company_data_changed
from ipguard.lib.tasks import enqueue
from ipguard.reports.models import Paper, Report
from ipguard.reports.periods import ReportPeriod, previous_quarter, quarter_start
from ipguard.reports.render import report_pdf
from ipguard.reports.snapshot import snapshot_build

logger = logging.getLogger(__name__)
Status = Report.Status

# The only moves a report's status can make. A failed report stays failed: ask for a new one.
# rendering -> rendering is a worker taking over a render whose lease expired (render_lease()).
ALLOWED_MOVES = {
    Status.QUEUED: {Status.RENDERING, Status.FAILED},
    Status.RENDERING: {Status.RENDERING, Status.READY, Status.FAILED},
    Status.READY: set(),
    Status.FAILED: set(),
}
FAILURE_REASON_LIMIT = 500
# At most this many reports are enqueued again by one sweep; the next sweep takes the rest.
SWEEP_BATCH = 500


def render_lease() -> timedelta:
    """Longer than the render task's hard time limit: a report still "rendering" after this has
    lost its worker (killed, out of memory), so a redelivered or swept task may take it over."""
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


class InvalidReportTransition(Exception):
    """A status move the workflow does not allow (or another process made the move first)."""


def report_transition(
    *, report: Report, to: str, reason: str = "", lease_expired: bool = False, **fields
) -> Report:
    """Move `report` to status `to`: the one door for every status change.

    The move is a conditional UPDATE on the status the caller saw, so two workers that receive the
    same task cannot both start rendering it; the loser gets InvalidReportTransition. Taking over
    a render (rendering -> rendering), or `lease_expired=True`, also needs the render the caller
    saw to be older than its lease.
    """
    current = report.status
    if to not in ALLOWED_MOVES.get(current, set()):
        raise InvalidReportTransition(f"a {current} report cannot become {to}")
    now = timezone.now()
    changes = {"status": to, **fields}
    if to == Status.RENDERING:
        changes["started_at"] = now
    if to in (Status.READY, Status.FAILED):
        changes["finished_at"] = now
    if to == Status.FAILED:
        changes["failure_reason"] = (reason or "unknown error")[:FAILURE_REASON_LIMIT]
    claim = Report.objects.filter(pk=report.pk, status=current)
    if current == Status.RENDERING and (to == Status.RENDERING or lease_expired):
        claim = claim.filter(started_at=report.started_at, started_at__lt=now - render_lease())
    with transaction.atomic():
        moved = claim.update(**changes)
        if moved == 1:
            company_data_changed(report.company_id)  # an update sends no post_save
    if moved != 1:
        raise InvalidReportTransition(f"report {report.pk} is no longer {current}")
    for name, value in changes.items():
        setattr(report, name, value)
    return report


def _enqueue_render(report_id: int) -> bool:
    """Called after commit. With Redis unreachable the report stays queued, marked not enqueued,
    and the next reports sweep enqueues it."""
    from ipguard.reports.tasks import render_report

    if enqueue(render_report, report_id):
        return True
    with transaction.atomic():
        Report.objects.filter(pk=report_id, status=Status.QUEUED).update(enqueued_at=None)
        _reports_changed([report_id])  # the list says it waits for the worker
    return False


def _reports_changed(report_ids) -> None:
    """Bump the data version of the companies of reports written by a queryset update."""
    owners = Report.objects.filter(pk__in=report_ids).values_list("company_id", flat=True)
    for company_id in sorted(set(owners)):  # one lock order: two sweeps cannot deadlock
        company_data_changed(company_id)


def report_request(
    *,
    company: Company,
    quarter: str,
    language: str,
    paper: str = Paper.A4,
    requested_by=None,
    trigger: str = Report.Trigger.ON_DEMAND,
) -> Report:
    """Queue a report; it is rendered by a worker once this transaction has committed."""
    quarter_start(quarter)  # raises BadQuarter on a malformed name
    with transaction.atomic():
        report = Report.objects.create(
            company=company,
            quarter=quarter,
            language=language,
            paper=paper,
            trigger=trigger,
            requested_by=requested_by,
            enqueued_at=timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue_render(report.pk))
    # The hook has run if this was the outermost transaction: did the task reach the broker?
    report.refresh_from_db(fields=["enqueued_at"])
    return report


def report_schedule_quarter(*, today: date | None = None) -> list[Report]:
    """Queue every company's report of the quarter that ended before `today` (once each)."""
    today = today or timezone.localdate()
    quarter = previous_quarter(today)
    created = []
    for company in Company.objects.order_by("pk"):
        with transaction.atomic():
            report, made = Report.objects.get_or_create(
                company=company,
                quarter=quarter,
                language=company.language,
                trigger=Report.Trigger.SCHEDULED,
                defaults={"paper": Paper.A4, "enqueued_at": timezone.now()},
            )
            if made:
                transaction.on_commit(lambda pk=report.pk: _enqueue_render(pk))
                created.append(report)
    return created


def report_render(*, report_id: int) -> Report | None:
    """Take the snapshot, render the PDF and store both; a failure is recorded with its reason.

    Returns None when the report was already taken by another worker (a redelivered task).
    """
    report = Report.objects.select_related("company").get(pk=report_id)
    try:
        if _gave_up(report):
            return report
        report_transition(
            report=report, to=Status.RENDERING, render_attempts=report.render_attempts + 1
        )
    except InvalidReportTransition:
        logger.info("report %s is %s; nothing to render", report.pk, report.status)
        return None
    try:
        period = ReportPeriod.for_quarter(report.quarter, today=timezone.localdate())
        snapshot = snapshot_build(
            company=report.company, period=period, language=report.language, paper=report.paper
        )
        pdf_bytes = report_pdf(snapshot)
    except Exception as error:  # noqa: BLE001 - whatever broke, the user must see why
        logger.exception("report %s failed", report.pk)
        report_transition(
            report=report, to=Status.FAILED, reason=f"{type(error).__name__}: {error}"
        )
        return report
    with transaction.atomic():
        report.snapshot = snapshot
        report.pdf.save(report.download_name(), ContentFile(pdf_bytes), save=False)
        report_transition(
            report=report,
            to=Status.READY,
            snapshot=snapshot,
            pdf=report.pdf.name,
            pdf_size=len(pdf_bytes),
        )
        transaction.on_commit(lambda: report_notify_owners(report_id=report.pk))
    return report


def _gave_up(report: Report) -> bool:
    """Fail a render that has lost its worker REPORTS_MAX_RENDER_ATTEMPTS times (a report that
    kills its worker, e.g. out of memory, must not be retried for ever). Raises
    InvalidReportTransition while the current render's lease is still running."""
    attempts = report.render_attempts
    if report.status != Status.RENDERING or attempts < settings.REPORTS_MAX_RENDER_ATTEMPTS:
        return False
    report_transition(
        report=report,
        to=Status.FAILED,
        lease_expired=True,
        reason=f"The worker stopped {attempts} times while rendering this report "
        "(killed, out of memory or past its time limit).",
    )
    logger.error("report %s failed: its worker stopped %s times", report.pk, attempts)
    return True


def report_requeue_stale(*, now=None) -> list[int]:
    """Enqueue again each report whose task was lost: still queued REPORTS_REQUEUE_AFTER_SECONDS
    after it was enqueued, or rendering past its lease (the worker died). Run by the beat.
    Returns the ids that reached the broker."""
    now = now or timezone.now()
    not_enqueued_lately = Q(enqueued_at__isnull=True) | Q(
        enqueued_at__lt=now - timedelta(seconds=settings.REPORTS_REQUEUE_AFTER_SECONDS)
    )
    lost = Q(status=Status.QUEUED) | Q(status=Status.RENDERING, started_at__lt=now - render_lease())
    with transaction.atomic():
        ids = list(
            Report.objects.select_for_update(skip_locked=True)
            .filter(lost, not_enqueued_lately)
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        Report.objects.filter(pk__in=ids).update(enqueued_at=now)
        _reports_changed(ids)
    # After the commit above (the sweep runs in a beat task, outside any transaction).
    sent = [pk for pk in ids if _enqueue_render(pk)]
    if sent:
        logger.warning("reports sweep: enqueued %s lost renders again: %s", len(sent), sent)
    return sent


# A ready report whose owners were never emailed is announced by the sweep up to this long after
# it finished; an older one (a report from before an outage that lasted days) stays silent.
NOTIFY_CATCH_UP = timedelta(days=1)


def report_notify_missed(*, now=None) -> list[int]:
    """Email the owners of each ready report whose on-commit email never ran: the worker stopped
    between saving the PDF and sending. Run by the beat; the claim in report_notify_owners keeps
    it to one email per owner even if the worker's own hook runs at the same moment."""
    now = now or timezone.now()
    ids = list(
        Report.objects.filter(
            status=Status.READY,
            owners_notified_at__isnull=True,
            finished_at__gte=now - NOTIFY_CATCH_UP,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    notified = []
    for pk in ids:
        try:
            if report_notify_owners(report_id=pk):
                notified.append(pk)
        except Exception:
            logger.exception("reports sweep: the ready email of report %s was not sent", pk)
    if notified:
        logger.warning("reports sweep: emailed the owners of ready reports %s", notified)
    return notified


def report_notify_owners(*, report_id: int) -> int:
    """Email each owner a link to the ready report, once: the send is claimed first. If the mail
    server refuses the first email, the claim is given back for the beat's sweep to try again."""
    claimed = Report.objects.filter(
        pk=report_id, status=Status.READY, owners_notified_at__isnull=True
    ).update(owners_notified_at=timezone.now())
    if claimed != 1:
        return 0
    report = Report.objects.select_related("company").get(pk=report_id)
    link_path = reverse("reports:report_list")
    sent = 0
    for owner in report.company.owners().order_by("pk"):
        try:
            send_email(
                "report-ready",
                owner.email,
                {
                    "report": report,
                    "company": report.company,
                    "user": owner,
                    "link_path": link_path,
                },
                language=owner.mail_language,
            )
        except Exception:
            if sent == 0:  # nobody has it yet: a later sweep may send it without a duplicate
                Report.objects.filter(pk=report_id).update(owners_notified_at=None)
            raise
        sent += 1
    return sent

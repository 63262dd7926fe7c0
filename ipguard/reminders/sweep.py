"""The periodic sweep: find what is due in the database, claim ledger rows, enqueue the sends.

Everything is read in batches, and each batch costs a fixed handful of queries (items, the
companies' policies and members, preferences, one insert), so the query count grows with the
number of batches, never with the number of items.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from ipguard.accounts.choices import Role
from ipguard.accounts.models import Membership
from ipguard.lib.tasks import enqueue, enqueue_on_commit
from ipguard.reminders.due_sources import SOURCES
from ipguard.reminders.models import (
    Delivery,
    ReminderPolicy,
    ReminderPreference,
    ReminderStatus,
    SentReminder,
)
from ipguard.reminders.schedule import (
    DEFAULT_OFFSETS,
    MAX_OFFSET_DAYS,
    current_slot,
    next_digest_at,
    recipients,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# Ids per send task: large enough to keep the queue short, small enough that a lost task
# costs little (its rows are found again by the next sweep).
SEND_CHUNK = 200


@dataclass
class SweepReport:
    items: int = 0
    batches: int = 0
    claimed: int = 0
    send_tasks: int = 0
    digest_tasks: int = 0
    copies: int = 0  # COPY statements, which CaptureQueriesContext does not see
    released: int = 0  # rows whose worker died mid-send, queued again
    sources: dict = field(default_factory=dict)


@dataclass
class _CompanyFacts:
    offsets: tuple
    owner_ids: tuple
    member_ids: frozenset


@dataclass
class _Person:
    time_zone: str
    delivery: str = Delivery.IMMEDIATE
    digest_hour: int = 8
    escalations_only: bool = False
    digest_at: datetime | None = None


class _Directory:
    """Policies, members and preferences, loaded once per company/user for the whole sweep."""

    def __init__(self):
        self.companies: dict[int, _CompanyFacts] = {}
        self.people: dict[int, _Person] = {}

    def load(self, company_ids):
        missing = set(company_ids) - self.companies.keys()
        if not missing:
            return
        policies = dict(
            ReminderPolicy.objects.filter(company_id__in=missing).values_list(
                "company_id", "offsets"
            )
        )
        owners: dict[int, list[int]] = {pk: [] for pk in missing}
        members: dict[int, set[int]] = {pk: set() for pk in missing}
        new_people = {}
        for company_id, user_id, role, time_zone in Membership.objects.filter(
            company_id__in=missing, user__is_active=True
        ).values_list("company_id", "user_id", "role", "user__time_zone"):
            members[company_id].add(user_id)
            if role == Role.OWNER:
                owners[company_id].append(user_id)
            if user_id not in self.people:
                new_people[user_id] = _Person(time_zone=time_zone or settings.TIME_ZONE)
        for pref in ReminderPreference.objects.filter(user_id__in=new_people).values(
            "user_id", "delivery", "digest_hour", "escalations_only"
        ):
            person = new_people[pref.pop("user_id")]
            for name, value in pref.items():
                setattr(person, name, value)
        self.people.update(new_people)
        for company_id in missing:
            self.companies[company_id] = _CompanyFacts(
                offsets=tuple(policies.get(company_id) or DEFAULT_OFFSETS),
                owner_ids=tuple(sorted(owners[company_id])),
                member_ids=frozenset(members[company_id]),
            )


def _deliver_after(person: _Person, now: datetime) -> datetime:
    if person.delivery != Delivery.DIGEST:
        return now
    if person.digest_at is None:
        person.digest_at = next_digest_at(
            after=now, time_zone=person.time_zone, hour=person.digest_hour
        )
    return person.digest_at


# The columns of one claim, in the order _claims_for_batch builds them.
CLAIM_COLUMNS = (
    "company_id",
    "source",
    "item_id",
    "recipient_id",
    "slot",
    "due_date",
    "is_escalation",
    "delivery",
    "deliver_after",
)


def _claims_for_batch(source_key, batch, directory, *, today, now):
    directory.load({row.company_id for row in batch})
    claims = []
    for row in batch:
        facts = directory.companies[row.company_id]
        slot = current_slot(
            due=row.due_date,
            today=today,
            offsets=facts.offsets,
            snoozed_until=row.snoozed_until,
            last_day=row.last_day,
        )
        if slot is None:
            continue
        owner_id = row.owner_id if row.owner_id in facts.member_ids else None
        chosen = recipients(
            item_owner_id=owner_id, company_owner_ids=facts.owner_ids, overdue=slot.overdue
        )
        for user_id, is_escalation in chosen.items():
            person = directory.people[user_id]
            if person.escalations_only and not is_escalation:
                continue
            claims.append(
                (
                    row.company_id,
                    source_key,
                    row.pk,
                    user_id,
                    slot.key,
                    row.due_date,
                    is_escalation,
                    person.delivery,
                    _deliver_after(person, now),
                )
            )
    return claims


def _without_claimed(source_key, claims):
    """Drop the slots already in the ledger (one query), so a steady sweep writes nothing."""
    if not claims:
        return claims
    item_ids = [claim[2] for claim in claims]
    # Batches are primary-key ranges, so a range scan on the unique index's (source, item_id)
    # prefix finds them whatever the planner's statistics say.
    claimed = set(
        SentReminder.objects.filter(
            source=source_key,
            item_id__gte=min(item_ids),
            item_id__lte=max(item_ids),
            slot__in={claim[4] for claim in claims},
        ).values_list("item_id", "recipient_id", "slot")
    )
    return [claim for claim in claims if (claim[2], claim[3], claim[4]) not in claimed]


CLAIM_TABLE_SQL = """
CREATE TEMPORARY TABLE IF NOT EXISTS reminder_claims (
    company_id bigint, source varchar(20), item_id bigint, recipient_id bigint,
    slot varchar(40), due_date date, is_escalation boolean, delivery varchar(10),
    deliver_after timestamptz
) ON COMMIT DELETE ROWS
"""
CLAIM_INSERT_SQL = f"""
INSERT INTO {SentReminder._meta.db_table}
    ({", ".join(CLAIM_COLUMNS)}, status, attempts, last_error, title, created_at, enqueued_at)
SELECT {", ".join(CLAIM_COLUMNS)}, %(queued)s, 0, '', '', %(now)s,
    CASE WHEN delivery = %(immediate)s AND deliver_after <= %(now)s THEN %(now)s END
FROM reminder_claims
ON CONFLICT DO NOTHING
RETURNING id, enqueued_at IS NOT NULL
"""


def _insert_claims(claims, *, now, report) -> list[int]:
    """Write the claims and return the ids of new immediate rows to enqueue now.

    The unique constraint turns a slot claimed meanwhile (a concurrent sweep) into a no-op.
    On PostgreSQL the rows go through COPY into a temporary table and one INSERT ... ON
    CONFLICT DO NOTHING RETURNING, because 100,000 model instances with a parameter per field
    cost more than the whole rest of the sweep. Elsewhere (SQLite in development) bulk_create
    writes them and the ready-row phase of the sweep finds them.
    """
    if not claims:
        return []
    if connection.vendor != "postgresql":
        SentReminder.objects.bulk_create(
            [SentReminder(**dict(zip(CLAIM_COLUMNS, claim, strict=True))) for claim in claims],
            ignore_conflicts=True,
        )
        return []
    columns = ", ".join(CLAIM_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(CLAIM_TABLE_SQL)
        # ON COMMIT DELETE ROWS empties it at each commit, but not when the sweep runs inside
        # an outer transaction (tests, a management shell): never insert a previous batch again.
        cursor.execute("DELETE FROM reminder_claims")
        with cursor.cursor.copy(f"COPY reminder_claims ({columns}) FROM STDIN") as copy:
            for claim in claims:
                copy.write_row(claim)
        report.copies += 1
        cursor.execute(
            CLAIM_INSERT_SQL,
            {"queued": ReminderStatus.QUEUED, "now": now, "immediate": Delivery.IMMEDIATE},
        )
        return sorted(pk for pk, enqueued in cursor.fetchall() if enqueued)


def _not_enqueued(rows):
    """With Redis unreachable, mark the rows for the next sweep rather than the requeue delay."""
    return lambda: rows.filter(status=ReminderStatus.QUEUED).update(enqueued_at=None)


def _enqueue_on_commit(ids, report):
    from ipguard.reminders import tasks

    for chunk in _chunks(ids):
        enqueue_on_commit(
            tasks.send_reminders,
            chunk,
            on_failure=_not_enqueued(SentReminder.objects.filter(pk__in=chunk)),
        )
        report.send_tasks += 1


def reminders_sweep(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE, ranges: dict | None = None
) -> SweepReport:
    """Claim a ledger row for every reminder that is due, then enqueue what is ready to go.

    With `ranges` (one part of reminders_sweep_dispatch: {source key: [first pk, pk before or
    None]}) only the items in those primary-key ranges are claimed, and the ready-row step is
    left to the dispatcher, which runs it once per sweep.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=MAX_OFFSET_DAYS)
    directory = _Directory()
    report = SweepReport()
    for key, source in SOURCES.items():
        if ranges is not None and key not in ranges:
            continue
        pk_from, pk_before = ranges[key] if ranges is not None else (0, None)
        items = 0
        for batch in source.due_rows(
            horizon=horizon,
            batch_size=batch_size,
            pk_from=pk_from,
            pk_before=pk_before,
            today=today,
        ):
            claims = _claims_for_batch(key, batch, directory, today=today, now=now)
            claims = _without_claimed(key, claims)
            with transaction.atomic():
                new_ids = _insert_claims(claims, now=now, report=report)
                _enqueue_on_commit(new_ids, report)
            items += len(batch)
            report.batches += 1
            report.claimed += len(claims)
        report.sources[key] = items
        report.items += items
    if ranges is None:
        report.released = _release_lost_sends(now)
        _enqueue_ready(now=now, report=report, batch_size=batch_size)
    logger.info(
        "reminders sweep%s: %s items in %s batches, %s new slots, %s send and %s digest tasks",
        "" if ranges is None else f" part {ranges}",
        report.items,
        report.batches,
        report.claimed,
        report.send_tasks,
        report.digest_tasks,
    )
    return report


def sweep_ranges(*, parts: int, now: datetime) -> list[dict[str, list]]:
    """Split each source's due items into `parts` primary-key ranges, for parallel workers.

    The ranges are cut evenly between the smallest and largest due primary key (one aggregate
    query per source), so they balance as long as due items are spread over the key space; the
    first range starts at 0 and the last is open, so an item that falls due or is created after
    the split is still in exactly one range. A source with nothing due is left out.
    """
    horizon = timezone.localdate(now) + timedelta(days=MAX_OFFSET_DAYS)
    split: list[dict[str, list]] = [{} for _ in range(parts)]
    for key, source in SOURCES.items():
        bounds = source.due_queryset(horizon=horizon).aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            continue
        span = bounds["high"] - bounds["low"] + 1
        edges = [0] + [bounds["low"] + span * k // parts for k in range(1, parts)] + [None]
        for part in range(parts):
            if edges[part + 1] is None or edges[part + 1] > edges[part]:
                split[part][key] = [edges[part], edges[part + 1]]
    return [ranges for ranges in split if ranges]


@dataclass
class DispatchReport:
    part_tasks: int = 0
    parts_run_here: int = 0  # parts the broker refused, swept by the dispatcher itself
    ready: SweepReport = field(default_factory=SweepReport)


def reminders_sweep_dispatch(
    *, parts: int, now: datetime | None = None, batch_size: int = BATCH_SIZE
) -> DispatchReport:
    """Enqueue the sweep as `parts` tasks that workers run in parallel, then enqueue ready rows.

    Concurrent parts (or a part and a duplicate beat) are safe: a slot claimed twice is one
    ledger row (unique constraint), and the ready-row step locks the rows it enqueues.
    """
    from ipguard.reminders import tasks

    now = now or timezone.now()
    report = DispatchReport()
    options = {"queue": settings.REMINDERS_SWEEP_QUEUE} if settings.REMINDERS_SWEEP_QUEUE else {}
    for ranges in sweep_ranges(parts=parts, now=now):
        if enqueue(tasks.sweep_reminders_part, ranges, now.isoformat(), **options):
            report.part_tasks += 1
        else:
            # Without a broker the sends cannot be enqueued either; claiming here still leaves
            # the rows for the next sweep to enqueue, as a single-process sweep would.
            reminders_sweep(now=now, batch_size=batch_size, ranges=ranges)
            report.parts_run_here += 1
    report.ready.released = _release_lost_sends(now)
    _enqueue_ready(now=now, report=report.ready, batch_size=batch_size)
    logger.info(
        "reminders sweep dispatched: %s part tasks (%s swept here), %s send and %s digest tasks",
        report.part_tasks,
        report.parts_run_here,
        report.ready.send_tasks,
        report.ready.digest_tasks,
    )
    return report


def _stale_before(now):
    # A row enqueued this long ago and still queued lost its task (worker killed, Redis flushed).
    return now - timedelta(seconds=settings.REMINDERS_REQUEUE_AFTER_SECONDS)


def _release_lost_sends(now) -> int:
    """Queue again the rows claimed for sending by a worker that died before recording it.

    The worker may have died before or after the server accepted the message; sending again
    (with the same Message-ID) is the choice that never loses a reminder.
    """
    released = SentReminder.objects.filter(
        status=ReminderStatus.SENDING, claimed_at__lt=_stale_before(now)
    ).update(status=ReminderStatus.QUEUED, enqueued_at=None)
    if released:
        logger.warning("reminders sweep: %s sends lost their worker; queued again", released)
    return released


def _ready(now):
    return SentReminder.objects.filter(status=ReminderStatus.QUEUED, deliver_after__lte=now).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=_stale_before(now))
    )


def _enqueue_ready(*, now, report, batch_size):
    """Enqueue rows not enqueued by their claim: digests whose hour came, and lost tasks.

    Each batch locks its rows (FOR UPDATE SKIP LOCKED) until the commit that marks them
    enqueued, so two sweeps running this at once (parts, a duplicate beat) enqueue each row
    once: the other skips the locked rows, and after the commit they are no longer ready.
    """
    from ipguard.reminders import tasks

    last_pk = 0
    while True:
        with transaction.atomic():
            ids = list(
                _ready(now)
                .filter(delivery=Delivery.IMMEDIATE, pk__gt=last_pk)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            SentReminder.objects.filter(pk__in=ids).update(enqueued_at=now)
            _enqueue_on_commit(ids, report)
            report.batches += 1
            last_pk = ids[-1]
    with transaction.atomic():
        locked = list(
            _ready(now)
            .filter(delivery=Delivery.DIGEST)
            .select_for_update(skip_locked=True)
            .values_list("pk", "recipient_id")
        )
        user_ids = sorted({user_id for _, user_id in locked})
        if user_ids:
            SentReminder.objects.filter(pk__in=[pk for pk, _ in locked]).update(enqueued_at=now)
            for chunk in _chunks(user_ids):
                enqueue_on_commit(
                    tasks.send_digests,
                    chunk,
                    on_failure=_not_enqueued(
                        SentReminder.objects.filter(
                            delivery=Delivery.DIGEST, recipient_id__in=chunk, enqueued_at=now
                        )
                    ),
                )
                report.digest_tasks += 1


def _chunks(ids):
    return [ids[i : i + SEND_CHUNK] for i in range(0, len(ids), SEND_CHUNK)]

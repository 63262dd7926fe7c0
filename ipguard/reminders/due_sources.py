"""The one interface every kind of due item implements for the reminder system.

A source says which rows are open and dated, how to describe one in an email, and how to mark
it done or snooze it. The sweep and the emails only talk to sources, so a new kind of due item
is one more entry in SOURCES.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from ipguard.lib.sources import readable_source
from ipguard.portfolio.rules import LOSES_NO_RIGHT_KINDS, extension_rule


class SnoozeRefused(Exception):
    """The item cannot be snoozed (e.g. a deadline already at its last day)."""


@dataclass(frozen=True)
class DueRow:
    """What the sweep needs to know about an item, read with `values()` in batches."""

    pk: int
    company_id: int
    owner_id: int | None
    due_date: date
    snoozed_until: date | None
    last_day: date | None = None  # the end of a grace period after due_date, if any


class DueSource:
    key: str = ""
    owner_path: str = "owner_id"
    grace_column: str | None = None  # a column holding the end of a grace period
    title_related: tuple[str, ...] = ()  # what `title` reads, to select with a list of items

    def model(self):
        raise NotImplementedError

    def open_queryset(self) -> QuerySet:
        raise NotImplementedError

    def due_queryset(self, *, horizon: date, today: date | None = None) -> QuerySet:
        """Open items due on or before `horizon`; with `today`, only those still to remind of."""
        return self.open_queryset().filter(due_date__lte=horizon)

    def due_rows(
        self,
        *,
        horizon: date,
        batch_size: int,
        pk_from: int = 0,
        pk_before: int | None = None,
        today: date | None = None,
    ) -> Iterator[list[DueRow]]:
        """Open, dated items due on or before `horizon`, in primary-key batches (one query each).

        Keyset pagination keeps every batch an index range scan however deep the sweep goes.
        `pk_from` (inclusive) and `pk_before` (exclusive) limit it to one part of the sweep.
        """
        queryset = self.due_queryset(horizon=horizon, today=today)
        if pk_before is not None:
            queryset = queryset.filter(pk__lt=pk_before)
        queryset = queryset.order_by("pk").values_list(
            "pk",
            "company_id",
            self.owner_path,
            "due_date",
            "snoozed_until",
            *([self.grace_column] if self.grace_column else []),
        )
        last_pk = pk_from - 1
        while True:
            batch = [DueRow(*values) for values in queryset.filter(pk__gt=last_pk)[:batch_size]]
            if not batch:
                return
            yield batch
            last_pk = batch[-1].pk

    def get(self, pk: int):
        """The item with `pk`, or None if it no longer exists."""
        return self.model()._default_manager.filter(pk=pk).select_related("company").first()

    def is_open(self, item) -> bool:
        return self.open_queryset().filter(pk=item.pk).exists()

    def owner_id(self, item) -> int | None:
        return item.owner_id

    def title(self, item, language: str) -> str:
        raise NotImplementedError

    def why(self, item, language: str) -> str:
        raise NotImplementedError

    def what_to_do(self, item, language: str) -> list[str]:
        raise NotImplementedError

    def grace_ends(self, item) -> date | None:
        return getattr(item, self.grace_column) if self.grace_column else None

    def url(self, item) -> str:
        return item.get_absolute_url()

    def mark_done(self, item, *, user) -> None:
        raise NotImplementedError

    def snooze(self, item, *, until: date, user) -> None:
        raise NotImplementedError


class ActionItemSource(DueSource):
    key = "action"

    def model(self):
        from ipguard.actions.models import ActionItem

        return ActionItem

    def open_queryset(self):
        from ipguard.actions.models import OPEN_ACTION_STATUSES

        return self.model().objects.filter(status__in=OPEN_ACTION_STATUSES)

    def title(self, item, language):
        return item.title_text(language)

    def why(self, item, language):
        return item.why_text(language)

    def what_to_do(self, item, language):
        steps = item.steps_list(language)
        if steps:
            return [str(step) for step in steps]
        with translation.override(language):
            return [_("Open the action plan, do the step and mark the item done.")]

    def mark_done(self, item, *, user):
        from ipguard.actions.services import action_item_complete

        action_item_complete(action=item, user=user, note_code="done_from_reminder")

    def snooze(self, item, *, until, user):
        from ipguard.actions.services import action_item_snooze

        action_item_snooze(action=item, until=until, user=user)


class DeadlineSource(DueSource):
    key = "deadline"
    owner_path = "filing__asset__owner_id"
    grace_column = "grace_ends"
    title_related = ("filing__asset",)

    def model(self):
        from ipguard.portfolio.models import Deadline

        return Deadline

    def open_queryset(self):
        from ipguard.portfolio.models import DeadlineStatus
        from ipguard.portfolio.selectors import INACTIVE_FILING_STATUSES

        # The same rows the register shows: archived, lapsed or withdrawn filings stay quiet.
        return (
            self.model()
            .objects.filter(
                status=DeadlineStatus.OPEN,
                filing__archived_at__isnull=True,
                filing__asset__archived_at__isnull=True,
            )
            .exclude(filing__status__in=INACTIVE_FILING_STATUSES)
        )

    def due_queryset(self, *, horizon, today=None):
        queryset = super().due_queryset(horizon=horizon)
        if today is None:
            return queryset
        # A past opposition window is no missed act: others could oppose until then, nothing was
        # due from the owner (LOSES_NO_RIGHT_KINDS). It gets reminders before it ends, none after.
        return queryset.exclude(kind__in=LOSES_NO_RIGHT_KINDS, due_date__lt=today)

    def get(self, pk):
        return self.model().objects.filter(pk=pk).select_related("company", "filing__asset").first()

    def owner_id(self, item):
        return item.filing.asset.owner_id

    def title(self, item, language):
        with translation.override(language):
            return f"{_(item.label)} · {item.filing}"

    def why(self, item, language):
        with translation.override(language):
            office = item.filing.get_office_display()
            if item.kind in LOSES_NO_RIGHT_KINDS:
                text = _(
                    "Until %(date)s anyone may oppose this published mark at %(office)s. Nothing "
                    "is due from you for this date and no right is lost when it passes; if an "
                    "opposition is filed, you will have a time limit to answer it."
                ) % {"date": item.due_date.isoformat(), "office": office}
            else:
                text = _(
                    "This is a statutory deadline at %(office)s. If it passes, the right can "
                    "lapse or the application can be refused, and it is often hard or costly to "
                    "restore."
                ) % {"office": office}
            extension = extension_rule(item.kind, item.filing.office)
            if extension and item.grace_ends:
                text += " " + _(
                    "An opposer may extend the period on request up to %(date)s (%(source)s); "
                    "this is not a grace period."
                ) % {
                    "date": item.grace_ends.isoformat(),
                    "source": readable_source(extension.source),
                }
            elif item.grace_ends:
                text += " " + _("A grace period with a surcharge runs until %(date)s.") % {
                    "date": item.grace_ends.isoformat()
                }
            return text

    def what_to_do(self, item, language):
        with translation.override(language):
            if item.kind in LOSES_NO_RIGHT_KINDS:
                return [
                    _("Watch for notice of an opposition from the office or your agent."),
                    _("If one is filed, have your agent answer it within the time limit given."),
                    _("Mark the date done once the period has passed without an opposition."),
                ]
            return [
                _("Decide whether to keep the right."),
                _("Instruct your agent or file and pay at the office before the due date."),
                _("Mark the deadline done once the office has the filing or payment."),
            ]

    def mark_done(self, item, *, user):
        from ipguard.portfolio.models import DeadlineStatus
        from ipguard.portfolio.services import deadline_set_status

        deadline_set_status(deadline=item, status=DeadlineStatus.DONE, user=user)

    def snooze(self, item, *, until, user):
        from ipguard.portfolio.services import InvalidDeadlineChange, deadline_snooze

        # Never past the deadline's last day: a snooze must not silence the final reminders.
        until = min(until, item.grace_ends or item.due_date)
        with translation.override(getattr(user, "language", None)):
            try:
                deadline_snooze(deadline=item, until=until, user=user)
            except InvalidDeadlineChange as error:
                raise SnoozeRefused(str(error)) from error


SOURCES: dict[str, DueSource] = {
    source.key: source for source in (ActionItemSource(), DeadlineSource())
}


def get_source(key: str) -> DueSource:
    return SOURCES[key]

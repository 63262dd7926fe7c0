"""What a deadline's history can say (DeadlineEvent.code), worded at read time."""

from django.utils.translation import gettext_noop

from ipguard.lib.history import Message
from ipguard.portfolio.models import DeadlineStatus

DEADLINE_EVENTS = {
    "status_changed": Message(
        gettext_noop("Status changed to %(status)s."), choices={"status": DeadlineStatus}
    ),
    "snoozed": Message(gettext_noop("Snoozed until %(day)s.")),
    "snooze_cancelled": Message(gettext_noop("Snooze cancelled.")),
    "reopened_corrected": Message(
        gettext_noop("Reopened: with the corrected dates it is no longer over.")
    ),
    "dates_recomputed": Message(
        gettext_noop(
            "Dates recomputed after the filing changed: opens %(o1)s → %(o2)s, "
            "due %(d1)s → %(d2)s, grace ends %(g1)s → %(g2)s."
        )
    ),
    "filed_as_over": Message(
        gettext_noop(
            "Already over when it was entered (last day %(day)s), so filed as "
            "dismissed. Reopen it if it still needs doing."
        )
    ),
    "removed": Message(
        gettext_noop(
            "Removed “%(label)s” (due %(due)s, %(status)s): its rule no longer "
            "applies to the filing's dates."
        ),
        choices={"status": DeadlineStatus},
        stored_texts=("label",),
    ),
}

"""What the system writes in an action item's comments (ActionComment.code), worded at read
time. Other apps close or snooze items through the services with one of these codes."""

from django.utils.translation import gettext, gettext_noop

from ipguard.actions.models import ActionStatus
from ipguard.lib.history import Message, render_message

ACTION_EVENTS = {
    "status_changed": Message(
        gettext_noop("Status changed to %(status)s."), choices={"status": ActionStatus}
    ),
    "snoozed": Message(gettext_noop("Reminders snoozed until %(date)s.")),
    "closed_by_health_check": Message(
        gettext_noop(
            "Closed automatically: the answers of health check #%(number)s no longer call for it."
        )
    ),
    "done_from_reminder": Message(gettext_noop("Marked done from a reminder email.")),
    "done_by_evidence": Message(
        gettext_noop("Completed by recording evidence “%(title)s” in the evidence vault.")
    ),
    "closed_by_products_register": Message(
        gettext_noop("Closed automatically: the products register no longer shows this gap.")
    ),
    "reopened_by_products_register": Message(
        gettext_noop("Reopened automatically: the products register shows this gap again.")
    ),
    "done_by_deposit": Message(
        gettext_noop("Completed: a deposit covering this record was entered in the vault.")
    ),
}
OWNER_CHANGED = gettext_noop("owner → %(owner)s")
DUE_DATE_CHANGED = gettext_noop("due date → %(date)s")


def render_action_event(code: str, params: dict, fallback: str) -> str:
    if code == "updated":  # owner and/or due date, in one line: "owner → Wang; due date → …"
        parts = []
        if "owner" in params:
            parts.append(gettext(OWNER_CHANGED) % {"owner": params["owner"] or gettext("nobody")})
        if "date" in params:
            parts.append(gettext(DUE_DATE_CHANGED) % {"date": params["date"]})
        return "; ".join(parts) or fallback
    return render_message(ACTION_EVENTS, code, params, fallback)

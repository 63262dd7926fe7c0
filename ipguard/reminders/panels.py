"""Dashboard panel: owners see at once when a reminder could not be delivered."""

from ipguard.accounts.tenancy import for_company
from ipguard.reminders.models import ReminderStatus, SentReminder


def failed_reminders_panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_owner:
        return None
    count = (
        for_company(membership.company, SentReminder).filter(status=ReminderStatus.FAILED).count()
    )
    if not count:
        return None
    return {"template": "reminders/_failures_panel.html", "count": count}

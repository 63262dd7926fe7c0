"""The portfolio panel of the dashboard: what is overdue, what is due soon, and the next few."""

from datetime import timedelta

from django.utils import timezone

from ipguard.portfolio import selectors

SOON_DAYS = 90
LAPSING_SHOWN = 10


def deadlines_panel(request):
    company = request.company
    today = timezone.localdate()
    return {
        "template": "portfolio/_dashboard_panel.html",
        "counts": selectors.deadline_counts(
            company, today=today, soon=today + timedelta(days=SOON_DAYS)
        ),
        "soon_days": SOON_DAYS,
        "next": selectors.next_deadlines(company),
        "lapsing": selectors.lapsing_deadlines(company, today=today)[:LAPSING_SHOWN],
        "today": today,
    }

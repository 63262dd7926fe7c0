"""The playbooks panel of the dashboard: score, per-area chart, open items by tier, next due."""

from django.utils import timezone

from ipguard.actions import selectors as action_selectors
from ipguard.playbooks import selectors


def health_panel(request):
    company = request.company
    latest = selectors.latest_submitted(company)
    return {
        "template": "playbooks/_dashboard_panel.html",
        "latest": latest,
        "draft": selectors.draft_assessment(company),
        "chart": selectors.score_chart(latest),
        # The same comparison as the quarterly report's "since last quarter".
        "since": selectors.score_since_last_quarter(company, as_of=timezone.localdate()),
        "by_tier": action_selectors.open_action_counts_by_tier(company),
        "next_due": action_selectors.next_due_actions(company),
        "today": timezone.localdate(),
    }

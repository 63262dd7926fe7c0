"""Demo data: a few ledger rows so the reminder pages show what they look like."""

from datetime import timedelta

from django.utils import timezone

from ipguard.reminders.models import Delivery, ReminderStatus, SentReminder


def seed_demo(company, owner):
    from ipguard.actions.models import ActionItem
    from ipguard.actions.services import action_item_create_manual

    today = timezone.localdate()
    item = ActionItem.objects.filter(company=company, status="todo").first()
    if item is None:
        item = action_item_create_manual(
            company=company,
            title="Renew the CN trademark SUNRISE (class 11)",
            why="The registration lapses without renewal.",
            tier="urgent",
            owner=owner,
            due_date=today + timedelta(days=7),
        )
    now = timezone.now()
    # A sent and a waiting reminder; no made-up failure: a new user's dashboard would greet
    # them with a delivery problem that never happened (issue 16).
    rows = [
        ("before:30", ReminderStatus.SENT, 1, "", now - timedelta(days=23)),
        ("before:7", ReminderStatus.QUEUED, 0, "", None),
    ]
    for slot, status, attempts, error, sent_at in rows:
        SentReminder.objects.get_or_create(
            source="action",
            item_id=item.pk,
            recipient=owner,
            slot=slot,
            defaults={
                "company": company,
                "due_date": item.due_date,
                "delivery": Delivery.IMMEDIATE,
                "deliver_after": now,
                "status": status,
                "attempts": attempts,
                "last_error": error,
                "title": item.title_text("en"),
                "sent_at": sent_at,
            },
        )

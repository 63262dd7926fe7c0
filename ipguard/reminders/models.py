from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ipguard.reminders.schedule import DEFAULT_OFFSETS


def default_offsets():
    return list(DEFAULT_OFFSETS)


class ReminderPolicy(models.Model):
    """How far ahead a company wants to hear about its due items. Missing row = the defaults."""

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="reminder_policy"
    )
    offsets = models.JSONField(_("days before the due date"), default=default_offsets)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policies")

    def __str__(self):
        return f"{self.company}: {self.offsets}"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Each reminder as it falls due")
    DIGEST = "digest", _("One daily digest")


class ReminderPreference(models.Model):
    """One person's choices. Language and time zone are the user's own (accounts.User)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"), default=8, help_text=_("Local hour (0–23) in your time zone.")
    )
    escalations_only = models.BooleanField(
        _("only escalations"),
        default=False,
        help_text=_("Stop all reminders except the overdue warnings sent to company owners."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest_hour__lte=23), name="digest_hour_in_day"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.delivery}"


class ReminderStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Not sent: the item was closed or snoozed")


class SentReminder(models.Model):
    """The ledger: one row per reminder of one item to one person.

    The row is written (claimed) before anything is sent, and the unique constraint on
    (source, item, recipient, slot) means a second sweep, a duplicate beat or a retried task
    finds the row already there instead of sending again.
    """

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="sent_reminders"
    )
    source = models.CharField(max_length=20)
    item_id = models.PositiveBigIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_received"
    )
    slot = models.CharField(max_length=40)
    due_date = models.DateField()
    is_escalation = models.BooleanField(default=False)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.QUEUED
    )
    # Not before this instant: now for immediate rows, the next digest hour for digest rows,
    # and after a failed attempt the time of the next try.
    deliver_after = models.DateTimeField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed the row for sending (status "sending"); the claim is committed before
    # the SMTP conversation starts. A row still "sending" REMINDERS_REQUEUE_AFTER_SECONDS later
    # lost its worker mid-send and is queued again by the sweep.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    title = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "item_id", "recipient", "slot"], name="one_reminder_per_slot"
            )
        ]
        indexes = [
            models.Index(fields=["status", "delivery", "deliver_after"]),
            models.Index(fields=["company", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.source}#{self.item_id} {self.slot} → {self.recipient_id} ({self.status})"

    def slot_label(self):
        kind, _sep, value = self.slot.partition(":")
        if kind == "before" and value.isdigit():
            days = int(value)
            if days == 0:
                return gettext("On the due date")
            return ngettext("%(days)s day before", "%(days)s days before", days) % {"days": days}
        if kind == "overdue":
            return gettext("Overdue, week %(week)s") % {"week": value}
        if kind == "snooze":
            return gettext("Snooze ended %(date)s") % {"date": value}
        if kind == "last_day":
            return gettext("Last day of grace")
        return self.slot


class ActionLinkUse(models.Model):
    """A one-click link that has been used; the unique constraint makes it work once."""

    reminder = models.ForeignKey(SentReminder, on_delete=models.CASCADE, related_name="link_uses")
    action = models.CharField(max_length=10)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reminder", "action"], name="one_use_per_link")
        ]

    def __str__(self):
        return f"{self.reminder_id} {self.action}"

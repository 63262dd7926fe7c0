"""Writes the reminder pages and links make: policy, preferences, one-click actions."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ipguard.accounts.models import Membership, User
from ipguard.lib.signing import InvalidToken
from ipguard.reminders.due_sources import SnoozeRefused, get_source
from ipguard.reminders.links import SNOOZE_DAYS, read_action_token, read_unsubscribe_token
from ipguard.reminders.models import ActionLinkUse, ReminderPolicy, ReminderPreference, SentReminder


def reminder_policy_for(company) -> ReminderPolicy:
    """The company's policy, or an unsaved one holding the defaults."""
    return ReminderPolicy.objects.filter(company=company).first() or ReminderPolicy(company=company)


def reminder_policy_update(*, company, offsets: list[int], user) -> ReminderPolicy:
    with transaction.atomic():
        policy, _ = ReminderPolicy.objects.select_for_update().get_or_create(company=company)
        policy.offsets = sorted(set(offsets), reverse=True)
        policy.updated_by = user
        policy.save(update_fields=["offsets", "updated_by", "updated_at"])
    return policy


def reminder_preference_for(user) -> ReminderPreference:
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def reminder_preference_update(
    *,
    user,
    delivery: str,
    digest_hour: int,
    escalations_only: bool,
    language: str,
    time_zone: str,
) -> ReminderPreference:
    with transaction.atomic():
        preference, _ = ReminderPreference.objects.get_or_create(user=user)
        preference.delivery = delivery
        preference.digest_hour = digest_hour
        preference.escalations_only = escalations_only
        preference.save()
        user.email_language = language
        user.time_zone = time_zone
        user.save(update_fields=["email_language", "time_zone"])
    return preference


def reminder_unsubscribe(*, token: str) -> User:
    """Keep only escalations for the person the link was sent to (no login needed)."""
    payload = read_unsubscribe_token(token)
    user = User.objects.filter(pk=payload["u"], email=payload.get("e")).first()
    if user is None:
        raise InvalidToken("invalid")
    with transaction.atomic():
        preference, _ = ReminderPreference.objects.get_or_create(user=user)
        preference.escalations_only = True
        preference.save(update_fields=["escalations_only", "updated_at"])
    return user


class LinkRefused(Exception):
    """A one-click link that cannot be honoured; `reason` says why, for the page."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class LinkContext:
    action: str
    reminder: SentReminder
    item: object
    source: object


def reminder_link_check(*, token: str) -> LinkContext:
    """Everything a link needs to be valid, short of having been used."""
    try:
        payload = read_action_token(token)
    except InvalidToken as error:
        raise LinkRefused(error.reason) from error
    reminder = (
        SentReminder.objects.select_related("recipient", "company")
        .filter(pk=payload["r"], company_id=payload["c"])
        .first()
    )
    if reminder is None or (reminder.source, reminder.item_id) != (payload["s"], payload["i"]):
        raise LinkRefused("invalid")
    source = get_source(reminder.source)
    item = source.get(reminder.item_id)
    if item is None:
        raise LinkRefused("gone")
    if item.company_id != reminder.company_id:
        # The item was moved to another company since the email went out.
        raise LinkRefused("moved")
    membership = Membership.objects.filter(
        user=reminder.recipient, company_id=reminder.company_id
    ).first()
    if membership is None:
        raise LinkRefused("not_member")
    if payload["a"] != "open" and not membership.can_edit:
        raise LinkRefused("read_only")
    return LinkContext(action=payload["a"], reminder=reminder, item=item, source=source)


def reminder_link_use(*, token: str) -> LinkContext:
    """Carry out a mark-done or snooze link, once."""
    context = reminder_link_check(token=token)
    if context.action == "open":
        return context
    if not context.source.is_open(context.item):
        raise LinkRefused("closed")
    try:
        with transaction.atomic():
            ActionLinkUse.objects.create(reminder=context.reminder, action=context.action)
            user = context.reminder.recipient
            if context.action == "done":
                context.source.mark_done(context.item, user=user)
            else:
                until = timezone.localdate() + timedelta(days=SNOOZE_DAYS)
                context.source.snooze(context.item, until=until, user=user)
    except IntegrityError as error:
        raise LinkRefused("used") from error
    except SnoozeRefused as error:
        raise LinkRefused("cannot_snooze") from error
    return context

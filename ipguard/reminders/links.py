"""Signed links in reminder emails: one-click actions and unsubscribe, no login needed."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from ipguard.lib.signing import InvalidToken, make_token, read_token

ACTION_SALT = "ipguard.reminders.action"
UNSUBSCRIBE_SALT = "ipguard.reminders.unsubscribe"
ACTIONS = ("done", "snooze", "open")
SNOOZE_DAYS = 7
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


def action_max_age() -> timedelta:
    return timedelta(days=settings.REMINDERS_LINK_MAX_AGE_DAYS)


def action_token(reminder, action: str) -> str:
    return make_token(
        {
            "r": reminder.pk,
            "a": action,
            "c": reminder.company_id,
            "s": reminder.source,
            "i": reminder.item_id,
        },
        salt=ACTION_SALT,
    )


def read_action_token(token: str) -> dict:
    payload = read_token(token, salt=ACTION_SALT, max_age=action_max_age())
    if not isinstance(payload, dict) or payload.get("a") not in ACTIONS:
        raise InvalidToken("invalid")
    return payload


def action_url(reminder, action: str) -> str:
    path = reverse("reminders:act", kwargs={"token": action_token(reminder, action)})
    return f"{settings.SITE_URL}{path}"


def unsubscribe_token(user) -> str:
    return make_token({"u": user.pk, "e": user.email}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict:
    payload = read_token(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(payload, dict) or "u" not in payload:
        raise InvalidToken("invalid")
    return payload


def unsubscribe_url(user) -> str:
    path = reverse("reminders:unsubscribe", kwargs={"token": unsubscribe_token(user)})
    return f"{settings.SITE_URL}{path}"

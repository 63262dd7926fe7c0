"""Action items: the status workflow, edits and comments."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.actions.models import ActionComment, ActionItem, ActionStatus
from ipguard.audit.services import audit_record, field_changes

# Which status may follow which. "done" and "not applicable" can be reopened.
ALLOWED_MOVES = {
    ActionStatus.TODO: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.NOT_APPLICABLE},
    ActionStatus.IN_PROGRESS: {ActionStatus.TODO, ActionStatus.DONE, ActionStatus.NOT_APPLICABLE},
    ActionStatus.DONE: {ActionStatus.TODO},
    ActionStatus.NOT_APPLICABLE: {ActionStatus.TODO},
}


class InvalidStatusChange(Exception):
    """The requested status cannot follow the current one, or a reason is missing."""


def action_item_set_status(
    *,
    action: ActionItem,
    status: str,
    user=None,
    reason: str = "",
    note_code: str = "status_changed",
    note_params: dict | None = None,
) -> ActionItem:
    """Move an item to `status`; its comments say so with `note_code` (ipguard.actions.history),
    by default "Status changed to …"."""
    if status == action.status:
        return action
    if status not in ALLOWED_MOVES.get(action.status, set()):
        raise InvalidStatusChange(
            _("An item that is %(current)s cannot become %(new)s.")
            % {
                "current": ActionStatus(action.status).label,
                "new": ActionStatus(status).label,
            }
        )
    if status == ActionStatus.NOT_APPLICABLE and not reason.strip():
        raise InvalidStatusChange(_("Say why this item does not apply."))
    previous_status = action.status
    with transaction.atomic():
        action.status = status
        action.not_applicable_reason = reason.strip() if status == "not_applicable" else ""
        action.completed_at = timezone.now() if status == ActionStatus.DONE else None
        if status in (ActionStatus.DONE, ActionStatus.NOT_APPLICABLE):
            action.snoozed_until = None
        action.save(
            update_fields=["status", "not_applicable_reason", "completed_at", "snoozed_until"]
        )
        if note_params is None:
            note_params = {"status": str(status)} if note_code == "status_changed" else {}
        ActionComment.objects.create(
            action=action, author=user, is_system=True, code=note_code, params=note_params
        )
        audit_record(
            company=action.company,
            actor=user,
            code="action.status_changed",
            obj=action,
            changes={"status": [previous_status, status]},
        )
    return action


def action_item_complete(
    *,
    action: ActionItem,
    user=None,
    note_code: str = "status_changed",
    note_params: dict | None = None,
) -> ActionItem:
    return action_item_set_status(
        action=action,
        status=ActionStatus.DONE,
        user=user,
        note_code=note_code,
        note_params=note_params,
    )


def action_item_update(*, action: ActionItem, owner, due_date: date, user=None) -> ActionItem:
    changes = {}
    if action.owner_id != (owner.pk if owner else None):
        changes["owner"] = str(owner) if owner else None  # a name reads the same in any language
    if action.due_date != due_date:
        changes["date"] = due_date.isoformat()
    if not changes:
        return action
    before = {"owner": action.owner, "due_date": action.due_date}
    with transaction.atomic():
        action.owner = owner
        action.due_date = due_date
        action.save(update_fields=["owner", "due_date"])
        audit_record(
            company=action.company,
            actor=user,
            code="action.updated",
            obj=action,
            changes=field_changes(before, {"owner": owner, "due_date": due_date}),
        )
        ActionComment.objects.create(
            action=action, author=user, is_system=True, code="updated", params=changes
        )
    return action


def action_item_comment(*, action: ActionItem, user, body: str) -> ActionComment:
    return ActionComment.objects.create(action=action, author=user, body=body.strip())


def action_item_snooze(*, action: ActionItem, until: date, user=None) -> ActionItem:
    previous = action.snoozed_until
    action.snoozed_until = until
    action.save(update_fields=["snoozed_until"])
    audit_record(
        company=action.company,
        actor=user,
        code="action.snoozed",
        obj=action,
        changes={"snoozed_until": [previous, until]},
    )
    ActionComment.objects.create(
        action=action,
        author=user,
        is_system=True,
        code="snoozed",
        params={"date": until.isoformat()},
    )
    return action


def action_item_create_manual(
    *, company, title: str, why: str, tier: str, owner, due_date: date, user=None
) -> ActionItem:
    # A hand-written item has one text; it is shown in both languages.
    with transaction.atomic():
        action = _manual_item(company, title, why, tier, owner, due_date)
        audit_record(
            company=company,
            actor=user,
            code="action.created",
            obj=action,
            changes={"tier": [None, tier], "due_date": [None, due_date]},
        )
    return action


def _manual_item(company, title, why, tier, owner, due_date):
    return ActionItem.objects.create(
        company=company,
        origin=ActionItem.Origin.MANUAL,
        title={"en": title, "zh_hans": title},
        why={"en": why, "zh_hans": why} if why else {},
        tier=tier,
        owner=owner,
        due_date=due_date,
    )

"""Recording audit events. Services call `audit_record` inside their own transaction."""

from django.db import connection, transaction

from ipguard.audit.models import AuditEvent


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def audit_record(*, company, actor, code: str, obj=None, changes: dict | None = None):
    """Append one event. `obj` names the object changed; `changes` holds {field: [old, new]}."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        company_id=company.pk,
        actor_id=actor.pk if actor else None,
        actor_email=actor.email if actor else "",
        code=code,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        changes=_plain(changes or {}),
    )


def field_changes(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def company_purge(*, company_id: int) -> int:
    """Delete a company's whole trail; only company_delete calls this, inside its transaction.
    The database refuses any other delete (migrations 0001 and 0002)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL ipguard.audit_purge = 'on'")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT INTO audit_purge_allowed (company_id) VALUES (%s)", [company_id])
        deleted, _ = AuditEvent.objects.filter(company_id=company_id).delete()
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL ipguard.audit_purge = 'off'")
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM audit_purge_allowed WHERE company_id = %s", [company_id])
    return deleted

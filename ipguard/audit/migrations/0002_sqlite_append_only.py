"""The audit trail is append-only on SQLite too (the zero-setup default), as 0001 made it on
PostgreSQL: UPDATE is refused, and DELETE unless company_purge has listed the company in
audit_purge_allowed within its own transaction. SQLite triggers cannot read a temporary table
or a session setting, hence a small table of its own."""

from django.db import migrations

STATEMENTS = (
    "CREATE TABLE audit_purge_allowed (company_id bigint NOT NULL PRIMARY KEY)",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_purge_allowed WHERE company_id = OLD.company_id)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
)
UNDO = (
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TABLE IF EXISTS audit_purge_allowed",
)


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(_on_sqlite(STATEMENTS), _on_sqlite(UNDO))]

"""On SQLite, the zero-setup database, the audit trail is append-only as on PostgreSQL: the
database itself refuses UPDATE and DELETE, except when a company is deleted with all it owns."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
call_command("migrate", verbosity=0)
from ipguard.audit.models import AuditEvent
from ipguard.audit.services import audit_record
from ipguard.core.company_data import company_delete
from tests.factories import CompanyFactory

ours, theirs = CompanyFactory(), CompanyFactory()
event = audit_record(company=ours, actor=None, code="member.invited")
audit_record(company=theirs, actor=None, code="member.invited")
refused = []
for change in (lambda: AuditEvent.objects.filter(pk=event.pk).update(code="member.removed"),
               lambda: AuditEvent.objects.filter(pk=event.pk).delete()):
    try:
        with transaction.atomic():
            change()
    except DatabaseError as error:
        refused.append(str(error))
ours_id = ours.pk
company_delete(company=ours, confirmation=ours.name)  # the one delete allowed: company_purge
print(json.dumps({
    "vendor": connection.vendor,
    "refused": refused,
    "ours_left": AuditEvent.objects.filter(company_id=ours_id).count(),
    "theirs": AuditEvent.objects.filter(company_id=theirs.pk).count(),
    "allowed_left": connection.cursor().execute("SELECT count(*) FROM audit_purge_allowed")
        .fetchone()[0],
}))
"""


def test_the_database_refuses_to_change_the_trail_on_sqlite(tmp_path):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env["DJANGO_SETTINGS_MODULE"] = "ipguard.settings"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["vendor"] == "sqlite"
    assert facts["refused"] == ["audit events are append-only"] * 2
    assert facts["ours_left"] == 0 and facts["theirs"] == 1 and facts["allowed_left"] == 0

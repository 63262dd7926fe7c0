"""Settings that keep background work safe: SQLite locking, task time limits, leases, broker."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
database = settings.DATABASES["default"]
print(json.dumps({"journal": journal, "busy_ms": busy, "mode": connection.transaction_mode,
                  "test_name": database["TEST"]["NAME"]}))
"""


def test_the_default_sqlite_database_uses_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env["DJANGO_SETTINGS_MODULE"] = "ipguard.settings"
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts == {
        "journal": "wal",
        "busy_ms": 20000,
        "mode": "IMMEDIATE",
        # A file a worker process can open, not the in-memory default.
        "test_name": str(tmp_path / "test_db.sqlite3"),
    }


def test_redis_hands_out_a_task_again_only_after_the_longest_task_and_its_lease():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TASK_TIME_LIMIT < settings.TASK_LEASE_SECONDS < visibility


def test_the_beat_sweeps_lost_reports():
    entry = settings.CELERY_BEAT_SCHEDULE["reports-sweep"]
    assert entry["task"] == "ipguard.reports.tasks.sweep_reports"
    assert entry["schedule"] <= settings.REPORTS_REQUEUE_AFTER_SECONDS


def test_the_beat_recomputes_deadlines_of_older_rules_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["portfolio-refresh-stale-deadlines"]
    assert entry["task"] == "ipguard.portfolio.tasks.refresh_stale_deadlines"
    schedule = entry["schedule"]
    assert schedule.day_of_month == set(range(1, 32)) and schedule.hour == {3}

"""Time a 5,000-row spreadsheet import: the preview (check every row) and the confirm (write).

Builds a company in a throw-away test database, makes a 5,000-row CSV and XLSX of mixed rights
and offices, and times:
  - preview: the upload page's POST through the full middleware stack (read, check, render);
  - confirm: queueing the job and the import task's work, run eagerly in this process
    (assets, filings and their deadlines, one transaction);
  - blank rows: an XLSX with 800,000 blank rows after its data, which must be refused quickly.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipguard_x .venv/bin/python bench/import_rows.py
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipguard.settings")
os.environ.setdefault("DEBUG", "true")
# The confirm's task runs in this process (as a worker would run it), not on a shared queue.
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = 5000
BLANK_ROWS = 800_000
# (right, mark_type, nice_classes, office, route) cycled over the rows
PLAN = (
    ("trademark", "word", "9, 11", "CN", ""),
    ("trademark", "logo", "11", "EU", ""),
    ("trademark", "combined", "9", "US", ""),
    ("patent", "", "", "CN", "national"),
    ("patent", "", "", "US", "paris"),
    ("design", "", "", "CN", ""),
    ("utility_model", "", "", "CN", ""),
)
HEADER = ["asset", "right", "mark_type", "nice_classes", "office", "number", "route", "status",
          "filing_date", "registration_date"]  # fmt: skip


def _rows(count):
    for n in range(count):
        right, mark_type, nice, office, route = PLAN[n % len(PLAN)]
        year, day = 2010 + n % 14, 1 + n % 28
        filed, registered = f"{year}-03-{day:02d}", f"{year + 1}-06-{day:02d}"
        yield [f"ASSET {n:05d}", right, mark_type, nice, office, f"{office}{n:08d}", route,
               "registered", filed, registered]  # fmt: skip


def _csv(count):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_rows(count))
    return buffer.getvalue().encode()


def _blank_xlsx(blank):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in _rows(3):
        sheet.append(row)
    for _ in range(blank):
        sheet.append([None] * len(HEADER))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _company():
    from ipguard.accounts.models import Company, Membership, User

    company = Company.objects.create(name="Import bench", country="CN")
    user = User.objects.create_user("owner@import.bench", "x")
    Membership.objects.create(user=user, company=company, role="owner")
    user.current_company = company
    user.save(update_fields=["current_company"])
    return company, user


def _upload(client, name, body):
    from django.core.files.uploadedfile import SimpleUploadedFile

    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/portfolio/import/", {"file": SimpleUploadedFile(name, body)})
    _upload.cpu = time.process_time() - cpu
    return time.perf_counter() - started, response


def _load():
    return f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"


def main():
    from ipguard.portfolio import imports
    from ipguard.portfolio.models import Deadline, Filing, ImportJob

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        company, user = _company()
        client = Client()
        client.force_login(user)
        body = _csv(ROWS)
        seconds, response = _upload(client, "bench.csv", body)
        page = response.content.decode()
        assert f"{ROWS} rows: {ROWS} ready to import" in page, page[:2000]
        print(
            f"preview  {ROWS} rows, CSV {len(body) // 1024} KB: {seconds:6.2f} s "
            f"(CPU of this process {_upload.cpu:.2f} s) {_load()}"
        )

        job = ImportJob.objects.get(company=company)
        started = time.perf_counter()
        imports.import_job_confirm(job=job)  # queues the job; the (eager) task imports it
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        assert job.status == "done", (job.status, job.failure)
        filings = Filing.objects.filter(asset__company=company).count()
        deadlines = Deadline.objects.filter(company=company).count()
        print(f"confirm  {filings} filings, {deadlines} deadlines: {seconds:6.2f} s {_load()}")

        blank = _blank_xlsx(BLANK_ROWS)
        seconds, response = _upload(client, "blank.xlsx", blank)
        text = response.content.decode()
        print(f"blank    XLSX with {BLANK_ROWS:,} blank rows ({len(blank) // 1024} KB): "
              f"{seconds:6.2f} s, status {response.status_code}")  # fmt: skip
        assert "3 rows: 3 ready to import" in text or "blank rows" in text, text[:2000]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

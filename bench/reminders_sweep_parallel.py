"""Benchmark: the reminder sweep split into parts, run by one and then two Celery workers.

Creates its own database (ipguard_bench_sweep_parallel on the server of DATABASE_URL), fills it
with 10,000 companies and 1,000,000 due items (half action items, half statutory deadlines,
written server-side with INSERT ... SELECT over generate_series), then for 1 and 2 worker
processes (`celery -A ipguard worker --concurrency=1 --pool=solo`, on a queue of its own, local
Redis) empties the ledger, dispatches the sweep in REMINDERS_SWEEP_PARTS parts and times it until
every part task has reported success. Prints items per second for each, then drops the database.
Send tasks go to a second queue that no worker consumes (purged afterwards): this measures the
sweep, not SMTP.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipguard python bench/reminders_sweep_parallel.py
"""

import argparse
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DB = "ipguard_bench_sweep_parallel"
RUN = uuid.uuid4().hex[:8]
PARTS_QUEUE = f"bench-sweep-parts-{RUN}"
SENDS_QUEUE = f"bench-sweep-sends-{RUN}"
PART_TASK = "ipguard.reminders.tasks.sweep_reminders_part["
MAX_RUN_SECONDS = 600


def _bench_urls():
    source = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ipguard")
    parts = urlsplit(source)
    if not parts.scheme.startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL for this benchmark")
    bench = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return bench, admin


def _recreate_database(admin_url, *, drop_only=False):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {BENCH_DB}")


def _setup_django(bench_url, parts):
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DEBUG", "true")
    os.environ["CELERY_QUEUE"] = SENDS_QUEUE
    os.environ["REMINDERS_SWEEP_QUEUE"] = PARTS_QUEUE
    os.environ["REMINDERS_SWEEP_PARTS"] = str(parts)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipguard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(companies, items, today):
    """Companies with an owner and an editor; the items are copied server-side from a template.

    Each company gets items/companies items, half action items owned by the editor and half
    renewal deadlines of its one filing, due between 45 days ago and 75 days ahead.
    """
    from django.db import connection

    from ipguard.accounts.models import Company, Membership, User
    from ipguard.actions.models import ActionItem
    from ipguard.portfolio.models import Asset, Deadline, Filing

    company_rows = Company.objects.bulk_create(
        (
            Company(
                name=f"Bench {n}",
                country="CN",
                size_band="10-49",
                industry="manufacturing",
                revenue_band="5m_50m_usd",
            )
            for n in range(companies)
        ),
        batch_size=5000,
    )
    users = User.objects.bulk_create(
        (
            User(email=f"{role}{n}@bench.test", password="!", language=("en", "zh-hans")[n % 2])
            for n in range(companies)
            for role in ("owner", "editor")
        ),
        batch_size=5000,
    )
    Membership.objects.bulk_create(
        (
            Membership(
                user=user, company=company_rows[index // 2], role=("owner", "editor")[index % 2]
            )
            for index, user in enumerate(users)
        ),
        batch_size=5000,
    )
    assets = Asset.objects.bulk_create(
        (
            Asset(company=company, right="trademark", name=f"MARK {company.pk}", owner=editor)
            for company, editor in zip(company_rows, users[1::2], strict=True)
        ),
        batch_size=5000,
    )
    Filing.objects.bulk_create((Filing(asset=asset, office="CN") for asset in assets), 5000)

    first = company_rows[0]
    templates = {
        ActionItem: ActionItem.objects.create(
            company=first,
            title={"en": "Bench action", "zh_hans": "测试事项"},
            tier="urgent",
            owner=users[1],
            due_date=today,
        ),
        Deadline: Deadline.objects.create(
            company=first,
            filing=Filing.objects.get(asset=assets[0]),
            key="template",
            kind="renewal",
            label="Renewal",
            due_date=today,
        ),
    }
    per_company = items // companies
    counts = {ActionItem: per_company // 2, Deadline: per_company - per_company // 2}
    varying = {
        "company_id": "c.company_id",
        "owner_id": "c.editor_id",
        "filing_id": "c.filing_id",
        "due_date": "%(today)s::date + (floor(random() * 121) - 45)::int",
        "key": "'renewal:' || g",
    }
    asset_table, filing_table = Asset._meta.db_table, Filing._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""CREATE TEMPORARY TABLE bench_companies AS
            SELECT a.company_id, a.owner_id AS editor_id, f.id AS filing_id
            FROM {asset_table} a JOIN {filing_table} f ON f.asset_id = a.id"""
        )
        for model, template in templates.items():
            columns = [
                field.column for field in model._meta.concrete_fields if not field.primary_key
            ]
            values = [varying.get(column, f"t.{column}") for column in columns]
            table = model._meta.db_table
            cursor.execute(
                f"""INSERT INTO {table} ({", ".join(columns)})
                SELECT {", ".join(values)} FROM {table} t
                CROSS JOIN bench_companies c CROSS JOIN generate_series(1, %(count)s) g
                WHERE t.id = %(template)s ORDER BY c.company_id, g""",
                {"today": today, "count": counts[model], "template": template.pk},
            )
            template.delete()
        cursor.execute("DROP TABLE bench_companies")
        cursor.execute("ANALYZE")
    return per_company * companies


class Worker:
    def __init__(self, index, bench_url):
        from tests.celery_worker import WorkerProcess

        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": bench_url,
                "CELERY_QUEUE": SENDS_QUEUE,
                "REMINDERS_SWEEP_QUEUE": PARTS_QUEUE,
                "PYTHONUNBUFFERED": "1",
            }
        )
        command = [
            sys.executable, "-m", "celery", "-A", "ipguard", "worker",
            "--loglevel=INFO", "--concurrency=1", "--pool=solo",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-Q", PARTS_QUEUE, "-n", f"bench{index}-{RUN}@%h",
        ]  # fmt: skip
        self.process = WorkerProcess(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )  # fmt: skip
        )

    def wait_ready(self):
        if not self.process.ready.wait(60):
            raise RuntimeError(f"the Celery worker did not start:\n{self.process.output}")

    def part_lines(self, word):
        return [line for line in self.process.lines if PART_TASK in line and word in line]

    def stop(self):
        process = self.process.process
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def workers(count, bench_url):
    started = [Worker(index, bench_url) for index in range(count)]
    try:
        for worker in started:
            worker.wait_ready()
        yield started
    finally:
        for worker in started:
            worker.stop()


def purge_queues():
    from ipguard.celery import app

    with app.connection_for_write() as connection:
        for name in (PARTS_QUEUE, SENDS_QUEUE):
            connection.default_channel.queue_purge(name)


def empty_ledger():
    from django.db import connection

    from ipguard.reminders.models import SentReminder

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {SentReminder._meta.db_table} CASCADE")


def run_with_workers(count, *, parts, bench_url, items):
    from django.conf import settings

    from ipguard.reminders.models import SentReminder
    from ipguard.reminders.sweep import reminders_sweep_dispatch

    empty_ledger()
    purge_queues()
    with workers(count, bench_url) as running:
        started = time.perf_counter()
        report = reminders_sweep_dispatch(parts=settings.REMINDERS_SWEEP_PARTS)
        if report.parts_run_here:
            sys.exit("the broker refused part tasks; is Redis running?")
        while True:
            done = sum(len(worker.part_lines(" succeeded in ")) for worker in running)
            failed = [line for worker in running for line in worker.part_lines(" raised ")]
            if failed:
                sys.exit(f"a part task failed:\n{''.join(failed)}")
            if done >= report.part_tasks:
                break
            if time.perf_counter() - started > MAX_RUN_SECONDS:
                sys.exit(f"only {done} of {report.part_tasks} parts finished in time")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        shares = [len(worker.part_lines(" succeeded in ")) for worker in running]
    purge_queues()
    claimed = SentReminder.objects.count()
    print(
        f"{count} worker{'s' if count > 1 else ' '}  {parts} parts {shares!s:<8} "
        f"{items:>9,} items {claimed:>9,} ledger rows {elapsed:>7.1f} s "
        f"{items / elapsed:>9,.0f} items/s"
    )
    return elapsed, claimed


def run_single_process(items):
    from ipguard.reminders.sweep import reminders_sweep

    empty_ledger()
    started = time.perf_counter()
    report = reminders_sweep()
    elapsed = time.perf_counter() - started
    purge_queues()
    print(
        f"no worker: reminders_sweep() in this process      {report.items:>9,} items "
        f"{report.claimed:>9,} ledger rows {elapsed:>7.1f} s {items / elapsed:>9,.0f} items/s"
    )
    return elapsed, report.claimed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--single", action="store_true", help="also time one in-process sweep")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    bench_url, admin_url = _bench_urls()
    _recreate_database(admin_url)
    try:
        _setup_django(bench_url, args.parts)
        from django.utils import timezone

        print(f"Benchmark database {BENCH_DB}; {os.cpu_count()} CPUs; queue {PARTS_QUEUE}")
        started = time.perf_counter()
        items = fill(args.companies, args.items, timezone.localdate())
        print(
            f"filled {args.companies:,} companies, {items:,} due items in "
            f"{time.perf_counter() - started:.1f} s"
        )
        results = {}
        if args.single:
            results[0] = run_single_process(items)
        for count in (1, 2):
            results[count] = run_with_workers(
                count, parts=args.parts, bench_url=bench_url, items=items
            )
        claimed = {rows for _, rows in results.values()}
        if len(claimed) != 1:
            sys.exit(f"the runs claimed different ledger row counts: {claimed}")
        print(
            f"2 workers: {results[1][0] / results[2][0]:.2f}x the rate of 1 worker "
            f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            _recreate_database(admin_url, drop_only=True)


if __name__ == "__main__":
    main()

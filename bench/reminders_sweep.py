"""Benchmark: one reminder sweep over 2,000 companies and 100,000 due items on PostgreSQL.

Creates its own database (ipguard_bench_reminders on the server of DATABASE_URL), fills it with
bulk_create, runs the sweep at two sizes and prints time, queries and batches, then drops the
database. The query count must follow the number of batches, not the number of items.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipguard python bench/reminders_sweep.py
"""

import argparse
import os
import random
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DB = "ipguard_bench_reminders"
TARGET_SECONDS = 20.0


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


def _setup_django(bench_url):
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DEBUG", "true")
    os.environ["CELERY_QUEUE"] = f"bench-reminders-{uuid.uuid4().hex[:8]}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipguard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(first_company, companies, items_per_company, today):
    """Companies with an owner and an editor, half action items and half statutory deadlines."""
    from ipguard.accounts.models import Company, Membership, User
    from ipguard.actions.models import ActionItem
    from ipguard.portfolio.models import Asset, Deadline, Filing

    rng = random.Random(first_company)
    numbers = range(first_company, first_company + companies)
    company_rows = Company.objects.bulk_create(
        Company(
            name=f"Bench {n}",
            country="CN",
            size_band="10-49",
            industry="manufacturing",
            revenue_band="5m_50m_usd",
        )
        for n in numbers
    )
    users = User.objects.bulk_create(
        User(email=f"{role}{n}@bench.test", password="!", language=rng.choice(["en", "zh-hans"]))
        for n in numbers
        for role in ("owner", "editor")
    )
    Membership.objects.bulk_create(
        Membership(user=user, company=company_rows[index // 2], role=("owner", "editor")[index % 2])
        for index, user in enumerate(users)
    )
    editors = users[1::2]
    assets = Asset.objects.bulk_create(
        Asset(company=company, right="trademark", name=f"MARK {company.pk}", owner=editor)
        for company, editor in zip(company_rows, editors, strict=True)
    )
    filings = Filing.objects.bulk_create(Filing(asset=asset, office="CN") for asset in assets)

    def due():
        return today + timedelta(days=rng.randint(-45, 75))

    half = items_per_company // 2
    ActionItem.objects.bulk_create(
        (
            ActionItem(
                company=company,
                title={"en": "Bench action", "zh_hans": "测试事项"},
                tier="urgent",
                owner=editor,
                due_date=due(),
            )
            for company, editor in zip(company_rows, editors, strict=True)
            for _ in range(half)
        ),
        batch_size=5000,
    )
    Deadline.objects.bulk_create(
        (
            Deadline(
                company=company,
                filing=filing,
                key=f"renewal:{i}",
                kind="renewal",
                label="Renewal",
                due_date=due(),
            )
            for company, filing in zip(company_rows, filings, strict=True)
            for i in range(items_per_company - half)
        ),
        batch_size=5000,
    )


def analyze():
    """Give the planner statistics, as autovacuum does for a production database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(label):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ipguard.reminders.models import SentReminder
    from ipguard.reminders.sweep import reminders_sweep

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        report = reminders_sweep()
        elapsed = time.perf_counter() - started
    print(
        f"{label:<34} {report.items:>7} items {report.batches:>4} batches "
        f"{len(captured):>5} queries (+{report.copies:>3} COPY) {report.claimed:>7} new slots "
        f"{report.send_tasks:>5} send tasks "
        f"{elapsed:>6.2f} s   ledger rows: {SentReminder.objects.count()}"
    )
    return elapsed, len(captured) + report.copies, report


def purge_queue():
    from ipguard.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    bench_url, admin_url = _bench_urls()
    _recreate_database(admin_url)
    try:
        _setup_django(bench_url)
        from django.utils import timezone

        from ipguard.reminders.models import SentReminder

        today = timezone.localdate()
        per_company = args.items // args.companies
        small = max(args.companies // 10, 1)
        print(f"Benchmark database {BENCH_DB}; sweep target under {TARGET_SECONDS:.0f} s")

        started = time.perf_counter()
        fill(0, small, per_company, today)
        print(f"filled {small} companies, {small * per_company} items in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        analyze()
        small_time, small_queries, _ = measure("first sweep, small")
        purge_queue()

        started = time.perf_counter()
        fill(small, args.companies - small, per_company, today)
        SentReminder.objects.all().delete()
        analyze()
        print(f"filled {args.companies} companies, {args.companies * per_company} items in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        large_time, large_queries, _ = measure("first sweep, full size")
        purge_queue()
        measure("next sweep (all already claimed)")
        purge_queue()
        ok = large_time < TARGET_SECONDS
        print(
            f"queries grew {large_queries / small_queries:.1f}x for "
            f"{args.companies / small:.0f}x the items; full sweep {large_time:.1f} s "
            f"({'under' if ok else 'OVER'} the {TARGET_SECONDS:.0f} s target)"
        )
        if not ok:
            sys.exit(1)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            _recreate_database(admin_url, drop_only=True)


if __name__ == "__main__":
    main()

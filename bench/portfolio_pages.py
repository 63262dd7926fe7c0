"""Time and count the SQL queries of the register, calendar and dashboard pages.

Builds two companies in a throw-away test database, one with 200 filings and one with 2,000,
each with the deadlines the rules engine gives them, and renders each page through the full
middleware stack, twice over: right after a write (the company's data version bumped, so the
page's cached body is built again) and from the cache. The query counts after a write must be
the same for both sizes, and each page of the large company must render in under 150 ms after a
write (median of the timed runs).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipguard_x .venv/bin/python \
        bench/portfolio_pages.py
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipguard.settings")
os.environ.setdefault("DEBUG", "true")  # no SECRET_KEY or HTTPS needed; templates stay cached

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SIZES = (200, 2000)
RUNS = 7
BUDGET_MS = 150
PAGES = {
    "register": "/portfolio/",
    "calendar": "/portfolio/calendar/",
    "calendar month": "/portfolio/calendar/month/",
    "dashboard": "/dashboard/",
}
TODAY = date.today()

# (right, first office, second office, mark fields) cycled over the assets
PLAN = (
    ("trademark", "CN", "US", {"mark_type": "word", "nice_classes": [9, 11]}),
    ("trademark", "EU", "WO", {"mark_type": "logo", "nice_classes": [11]}),
    ("patent", "CN", "WO", {}),
    ("patent", "US", "EP", {}),
    ("design", "CN", "EU", {}),
    ("utility_model", "CN", "JP", {}),
)


def _dates(right, office, n):
    """Plausible dates spread over twelve years so every kind of deadline occurs."""
    from ipguard.lib.dates import add_months

    filed = add_months(TODAY, -(n % 144) - 1)
    values = {"filing_date": filed}
    if office == "WO" and right != "trademark":
        values["priority_date"] = add_months(filed, -6)
        values["filing_date"] = filed
    elif office == "WO":
        values["international_registration_date"] = add_months(filed, 1)
    else:
        values["publication_date"] = add_months(filed, 4)
        values["registration_date"] = add_months(filed, 14 if right == "trademark" else 30)
    return values


def build_company(name, filings_wanted):
    from ipguard.accounts.models import Company, Membership, User
    from ipguard.actions.models import ActionItem
    from ipguard.portfolio import schedule, validation
    from ipguard.portfolio.models import Asset, Deadline, DeadlineStatus, Filing

    company = Company.objects.create(
        name=name, country="CN", size_band="50-249", industry="electronics",
        revenue_band="5m_50m_usd",
    )  # fmt: skip
    user = User.objects.create_user(f"owner@{name.lower().replace(' ', '')}.bench", "x")
    Membership.objects.create(user=user, company=company, role="owner")
    assets = Asset.objects.bulk_create(
        Asset(company=company, name=f"Asset {n:05d}", right=PLAN[n % len(PLAN)][0],
              owner=user if n % 3 else None, **PLAN[n % len(PLAN)][3])
        for n in range(filings_wanted // 2)
    )  # fmt: skip
    filings = []
    for n, asset in enumerate(assets):
        _right, first, second, _fields = PLAN[n % len(PLAN)]
        for office in (first, second):
            filings.append(
                Filing(asset=asset, office=office, number=f"{office}{n:07d}", status="registered",
                       **_dates(asset.right, office, n))
            )  # fmt: skip
    Filing.objects.bulk_create(filings)
    deadlines = []
    for filing in filings:
        right = filing.asset.right
        for item in schedule.deadlines_for(
            validation.filing_dates(right, filing.office, filing), today=TODAY
        ):
            over = (item.grace_ends or item.due) < TODAY
            deadlines.append(
                Deadline(company=company, filing=filing, key=item.key, kind=item.kind,
                         label=item.label, opens=item.opens, due_date=item.due,
                         grace_ends=item.grace_ends, source=item.source,
                         status=DeadlineStatus.DISMISSED if over else DeadlineStatus.OPEN)
            )  # fmt: skip
    Deadline.objects.bulk_create(deadlines, batch_size=2000)
    ActionItem.objects.bulk_create(
        ActionItem(company=company, title={"en": f"Action {n}"}, tier="strategic",
                   due_date=TODAY, owner=user)
        for n in range(40)
    )  # fmt: skip
    return user, len(filings), len(deadlines)


def _read(client, url, company_pk, *, rebuilt):
    """Milliseconds and SQL queries of one read; `rebuilt`: right after a write, as the company's
    data version is bumped first, so the page's cached body is built again."""
    from ipguard.lib.fragments import company_data_changed

    if rebuilt:
        company_data_changed(company_pk)
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    # Counted with a wrapper: CaptureQueriesContext loses queries when a request starts.
    with connection.execute_wrapper(count):
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), len(response.content)


def measure(user):
    """Per page: queries, median ms and size after a write; queries and median ms cached."""
    from ipguard.accounts.models import Membership

    company_pk = Membership.objects.get(user=user).company_id
    client = Client()
    client.force_login(user)
    results = {}
    for label, url in PAGES.items():
        _read(client, url, company_pk, rebuilt=True)  # warm-up: templates, first connection
        rebuilt = [_read(client, url, company_pk, rebuilt=True) for _ in range(RUNS)]
        cached = [_read(client, url, company_pk, rebuilt=False) for _ in range(RUNS)]
        results[label] = (
            rebuilt[-1][1],
            statistics.median(ms for ms, _, _ in rebuilt),
            rebuilt[-1][2],
            cached[-1][1],
            statistics.median(ms for ms, _, _ in cached),
        )
    return results


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    failures = []
    try:
        measured = {}
        for size in SIZES:
            started = time.perf_counter()
            user, filings, deadlines = build_company(f"Bench {size}", size)
            if connection.vendor == "postgresql":
                # Bulk-loaded tables have no planner statistics until autovacuum runs; without
                # them PostgreSQL picks nested loops that a live database would never use.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            built = time.perf_counter() - started
            print(
                f"company with {filings} filings and {deadlines} deadlines (built in {built:.1f} s)"
            )
            measured[size] = measure(user)
            for label, (count, median, size_bytes, hit_count, hit_median) in measured[size].items():
                print(
                    f"  {label:<15} after a write {count:>3} queries {median:7.1f} ms"
                    f"  {size_bytes // 1024:>4} KB;  cached {hit_count:>3} queries"
                    f" {hit_median:5.1f} ms"
                )
        small, large = measured[SIZES[0]], measured[SIZES[-1]]
        for label in PAGES:
            if small[label][0] != large[label][0]:
                failures.append(f"{label}: {small[label][0]} queries at {SIZES[0]} filings, "
                                f"{large[label][0]} at {SIZES[-1]}")  # fmt: skip
            if large[label][1] > BUDGET_MS:
                failures.append(f"{label}: {large[label][1]:.0f} ms > {BUDGET_MS} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(
        f"OK: query counts do not grow with filings; every page under {BUDGET_MS} ms after a write."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Bench the quarterly report for a company with 300 action items and 500 filings.

Prints the time and peak memory of making the report (queries and snapshot, HTML and charts,
WeasyPrint) and of WeasyPrint rendering the very same HTML directly, in the same run; the report's
own overhead (everything but WeasyPrint) must stay under 25% of the render time, or the script
exits with status 1.

Runs on its own throw-away SQLite database and report folder, so it never touches shared data:
`.venv/bin/python bench/report_render.py [--language zh-hans] [--runs 3]`.
"""

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="report-bench-"))
os.environ.update(
    DEBUG="true",
    DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
    REPORTS_ROOT=str(WORK / "reports"),
    DJANGO_SETTINGS_MODULE="ipguard.settings",
    LOG_LEVEL="WARNING",
    EMAIL_URL="memorymail://",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.utils import timezone  # noqa: E402

from ipguard.accounts.models import Company, Membership, User  # noqa: E402
from ipguard.actions.models import ActionItem  # noqa: E402
from ipguard.lib.dates import quarter_of  # noqa: E402
from ipguard.lib.pdf import html_to_pdf  # noqa: E402
from ipguard.playbooks.demo import seed_demo  # noqa: E402
from ipguard.portfolio.models import Asset, Deadline, Filing  # noqa: E402
from ipguard.reports.models import Report  # noqa: E402
from ipguard.reports.periods import ReportPeriod  # noqa: E402
from ipguard.reports.render import report_html  # noqa: E402
from ipguard.reports.services import report_render  # noqa: E402
from ipguard.reports.snapshot import snapshot_build  # noqa: E402

ACTION_ITEMS = 300
FILINGS = 500
OVERHEAD_LIMIT = 0.25
TIERS = ["urgent", "strategic", "long_term"]
STATUSES = ["todo", "todo", "in_progress", "done", "not_applicable"]
OFFICES = ["CN", "US", "EU", "GB", "JP", "KR", "WO"]
FILING_STATUSES = ["pending", "published", "registered", "registered", "lapsed"]


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_company():
    company = Company.objects.create(
        name="Bench Lighting Co., Ltd.", country="CN", size_band="50-249",
        industry="electronics", revenue_band="5m_50m_usd",
    )  # fmt: skip
    owners = []
    for index in range(5):
        user = User.objects.create_user(
            f"owner{index}@bench.test", "x" * 20, full_name=f"Owner {index}"
        )
        Membership.objects.create(
            user=user, company=company, role="owner" if index == 0 else "editor"
        )
        owners.append(user)
    seed_demo(company, owners[0])  # two submitted health checks a quarter apart, with actions
    today = timezone.localdate()
    existing = ActionItem.objects.filter(company=company).count()
    items = []
    for index in range(ACTION_ITEMS - existing):
        status = STATUSES[index % len(STATUSES)]
        items.append(
            ActionItem(
                company=company,
                origin="manual",
                key=f"bench-{index}",
                title={"en": f"Bench action number {index}", "zh_hans": f"测试行动项 {index}"},
                tier=TIERS[index % 3],
                owner=owners[index % 5],
                due_date=today + timedelta(days=(index * 7) % 400 - 120),
                status=status,
                completed_at=timezone.now() - timedelta(days=index % 80)
                if status == "done"
                else None,
            )
        )
    ActionItem.objects.bulk_create(items)
    assets = Asset.objects.bulk_create(
        Asset(company=company, right="trademark" if i % 2 else "patent", name=f"Asset {i:03d}")
        for i in range(FILINGS // 2)
    )
    filings = Filing.objects.bulk_create(
        Filing(
            asset=assets[i // 2],
            office=OFFICES[i % len(OFFICES)],
            status=FILING_STATUSES[i % len(FILING_STATUSES)],
            number=f"{i:08d}",
            filing_date=date(2018, 1, 1) + timedelta(days=i * 5),
        )
        for i in range(FILINGS)
    )
    Deadline.objects.bulk_create(
        Deadline(
            company=company,
            filing=filing,
            key=f"rule-{k}",
            kind="renewal",
            label="Renewal" if k == 0 else "Annual fee",
            due_date=today + timedelta(days=(i * 3 + k * 200) % 500),
        )  # fmt: skip
        for i, filing in enumerate(filings)
        for k in range(2)
    )
    return company, owners[0]


def median_time(function, runs):
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=["en", "zh-hans"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--html-out", help="also write the report's HTML to this file")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_playbooks", verbosity=0)
    company, owner = build_company()
    today = timezone.localdate()
    period = ReportPeriod.for_quarter(quarter_of(today), today=today)
    html_to_pdf(
        "<p>warm up fonts 字体</p>"
    )  # font loading is paid once per process, not per report

    def snapshot():
        return snapshot_build(company=company, period=period, language=args.language, paper="A4")

    connection.force_debug_cursor = True
    reset_queries()
    snapshot()
    queries = len(connection.queries)
    connection.force_debug_cursor = False

    snapshot_s, data = median_time(snapshot, args.runs)
    html_s, html = median_time(lambda: report_html(data), args.runs)
    if args.html_out:
        Path(args.html_out).write_text(html)
    report_render_s, pdf = median_time(lambda: html_to_pdf(report_html(data)), args.runs)

    # The same HTML straight into WeasyPrint, without our helper or anything else.
    from weasyprint import HTML

    direct_s, direct_pdf = median_time(lambda: HTML(string=html).write_pdf(), args.runs)

    def whole_report():
        report = Report.objects.create(
            company=company, quarter=period.quarter, language=args.language, requested_by=owner
        )
        report_render(report_id=report.pk)
        report.refresh_from_db()
        assert report.status == "ready", report.failure_reason
        return report

    end_to_end_s, report = median_time(whole_report, args.runs)
    tracemalloc.start()
    whole_report()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    overhead = snapshot_s + html_s
    share = overhead / direct_s
    deadlines = sum(
        len(s["data"].get("deadlines", [])) for s in data["sections"] if s["key"] == "portfolio"
    )
    print(
        f"company: {ACTION_ITEMS} action items, {FILINGS} filings, "
        f"{deadlines} deadlines in 12 months"
    )
    print(f"language {args.language}, {len(pdf) // 1024} KB PDF, median of {args.runs} runs")
    print(f"  snapshot ({queries} queries)          {snapshot_s * 1000:8.1f} ms")
    print(f"  HTML and SVG charts               {html_s * 1000:8.1f} ms")
    print(f"  html_to_pdf (our helper)          {report_render_s * 1000:8.1f} ms")
    print(
        f"  WeasyPrint on the same HTML       {direct_s * 1000:8.1f} ms  "
        f"({len(direct_pdf) // 1024} KB)"
    )
    print(
        f"  whole report_render (+ DB, file)  {end_to_end_s * 1000:8.1f} ms  "
        f"({report.pdf_size // 1024} KB)"
    )
    print(f"  peak traced Python memory         {peak / 1024 / 1024:8.1f} MB (one report_render)")
    print(f"  max RSS of the process            {max_rss_mb():8.1f} MB")
    print(f"  overhead / WeasyPrint render      {share:8.1%}  (limit {OVERHEAD_LIMIT:.0%})")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0 if share < OVERHEAD_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())

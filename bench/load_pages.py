"""Load test: each main page's throughput against a bare login-required view, in one run.

Sets up a throw-away PostgreSQL database with the demo company and a large company (2,000
filings, 300 action items), starts gunicorn on loopback with production settings (DEBUG off,
persistent connections as configured), and drives each page with wrk: 50 connections for a
bounded time, loopback only. For each company it first loads the bare view (a login-required
view that returns "ok" through the same middleware), then every page, and prints requests per
second, p50/p95/p99 latency and the ratio to the bare view. Under wrk a page is read again and
again, so its cached body is served; the last column is the other case, the median time of a
single read right after a write (the company's data version bumped, the body rebuilt). Any error
response (non-2xx, a redirect to the login page, a socket error) fails the run; slow pages are
reported, not failed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipguard .venv/bin/python bench/load_pages.py

Environment: LOAD_SECONDS (per page, default 8), LOAD_CONNECTIONS (50), GUNICORN_WORKERS (2),
GUNICORN_THREADS (1), LOAD_TARGET_RATIO (0.5, the ratio a page should reach), LOAD_PAGES (a
comma-separated subset of the page labels below, e.g. "register,action plan"; the bare view always
runs).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECONDS = int(os.environ.get("LOAD_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("GUNICORN_WORKERS", "2"))
THREADS = int(os.environ.get("GUNICORN_THREADS", "1"))
TARGET_RATIO = float(os.environ.get("LOAD_TARGET_RATIO", "0.5"))
ONLY_PAGES = {name.strip() for name in os.environ.get("LOAD_PAGES", "").split(",") if name.strip()}
SECRET_KEY = "bench-only-" + "k" * 60
HEADINGS = ("p50 ms", "p95 ms", "p99 ms")
COLD_READS = 5  # reads of each page right after a write, for the "after a write" column
WRK_SCRIPT = ROOT / "bench" / "wrk_summary.lua"


def bench_database_url():
    """The configured PostgreSQL server, with a database of the bench's own."""
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ipguard"))
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/load_pages.py needs DATABASE_URL to name a PostgreSQL server")
    name = (parts.path.lstrip("/") or "ipguard") + "_load"
    return urlunsplit(parts._replace(path="/" + name)), name, parts


def recreate_database(parts, name):
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(parts, name):
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(database_url):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.site.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_URL": "consolemail://",
        }
    )
    return env


def prepare(database_url):
    """Migrate, load content, seed the demo and a large company; return the pages to load."""
    os.environ.update(server_environment(database_url))
    os.environ["DEBUG"] = "true"  # the set-up itself may print; the server runs with DEBUG off
    os.environ["ALLOWED_HOSTS"] += ",testserver"  # the set-up's own test client
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_playbooks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    from bench.portfolio_pages import build_company

    large_user, filings, deadlines = build_company("Load Large", 2000)
    add_action_items(large_user, 300 - 40)  # build_company adds 40
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"large company: {filings} filings, {deadlines} deadlines, 300 action items")

    from ipguard.accounts.models import User

    demo_user = User.objects.get(email="demo@ipguard.local")
    return {"demo": pages_for(demo_user), "large (2,000 filings)": pages_for(large_user)}


def add_action_items(user, count):
    from datetime import date, timedelta

    from ipguard.accounts.models import Membership
    from ipguard.actions.models import ActionItem

    company = Membership.objects.get(user=user).company
    today = date.today()
    ActionItem.objects.bulk_create(
        ActionItem(
            company=company, title={"en": f"Load action {n}"}, tier=("urgent", "strategic")[n % 2],
            due_date=today + timedelta(days=n % 400 - 30), owner=user,
        )
        for n in range(count)
    )  # fmt: skip


def first_reverse(*names, **kwargs):
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name, **kwargs)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"none of {names}")


def pages_for(user):
    """A signed-in session cookie for `user` and the URLs of the main pages."""
    from django.conf import settings
    from django.test import Client

    from ipguard.accounts.models import Membership
    from ipguard.portfolio.models import Asset

    client = Client()
    client.force_login(user)
    client.post(first_reverse("playbooks:questionnaire"))  # a draft, as a user mid-way has
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    company = Membership.objects.get(user=user).company
    asset = Asset.objects.filter(company=company).order_by("pk").first()
    urls = {
        "bare view": "/bench/bare/",
        "dashboard": first_reverse("core:dashboard"),
        "calendar list": first_reverse("portfolio:calendar"),
        "calendar month": first_reverse("portfolio:calendar_month"),
        "register": first_reverse("portfolio:asset_list"),
        "asset detail": first_reverse("portfolio:asset_detail", args=[asset.pk]),
        "action plan": first_reverse("actions:action_list"),
        "health-check area": first_reverse(
            "playbooks:questionnaire_area", kwargs={"area_key": "trademarks"}
        ),
        "evidence vault": first_reverse("evidence:vault"),
        "reports": first_reverse("reports:report_list"),
        "products": first_reverse("products:product_list"),
    }
    if ONLY_PAGES:
        urls = {label: url for label, url in urls.items() if label in ONLY_PAGES | {"bare view"}}
    return cookie, urls, company.pk


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url, port):
    env = server_environment(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    command = [
        sys.executable, "-m", "gunicorn", "ipguard.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS), "--threads", str(THREADS), "--log-level", "warning",
        "--timeout", "30",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def check_page(base, cookie, url):
    """One request, redirects not followed: the page must answer 200 to this session."""
    request = urllib.request.Request(base + url, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def read_after_write(base, cookie, url, database_url, company_pk):
    """Median milliseconds of one read right after a write: the company's data version is bumped
    first (as every write does), so the page's cached body is rebuilt. No other load."""
    import psycopg

    request = urllib.request.Request(base + url, headers={"Cookie": cookie})
    times = []
    with psycopg.connect(database_url, autocommit=True) as connection:
        for _ in range(COLD_READS):
            connection.execute(
                "UPDATE accounts_company SET data_version = data_version + 1 WHERE id = %s",
                (company_pk,),
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
            times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2] * 1000


def run_wrk(base, cookie, url, seconds, connections):
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(WRK_SCRIPT), "-H", f"Cookie: {cookie}", base + url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("SUMMARY "))
    summary = json.loads(line.removeprefix("SUMMARY "))
    summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
    return summary


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package 'wrk'; .ci/run and make bench install it)")
    database_url, name, parts = bench_database_url()
    recreate_database(parts, name)
    server = None
    failures = []
    try:
        started = time.perf_counter()
        companies = prepare(database_url)
        print(f"set-up in {time.perf_counter() - started:.0f} s")
        port = free_port()
        server = start_server(database_url, port)
        base = f"http://127.0.0.1:{port}"
        print(
            f"gunicorn: {WORKERS} workers x {THREADS} threads; wrk: {CONNECTIONS} connections, "
            f"{SECONDS} s per page; {os.cpu_count()} CPUs"
        )
        for company, (cookie, urls, company_pk) in companies.items():
            for label, url in urls.items():
                status = check_page(base, cookie, url)
                if status != 200:
                    failures.append(f"{company} / {label}: {url} answered {status}")
            if failures:
                break
            print(f"\n{company}")
            print(
                f"  {'page':<18} {'req/s':>7}",
                *(f"{h:>7}" for h in HEADINGS),
                f"{'ratio':>6}",
                f"{'after a write':>14}",
            )
            bare_rps = None
            for label, url in urls.items():
                run_wrk(base, cookie, url, 2, 10)  # warm-up: connections, templates, caches
                summary = run_wrk(base, cookie, url, SECONDS, CONNECTIONS)
                bare_rps = bare_rps or summary["rps"]
                ratio = summary["rps"] / bare_rps
                flag = "" if ratio >= TARGET_RATIO else "  < target"
                cold = read_after_write(base, cookie, url, database_url, company_pk)
                print(
                    f"  {label:<18} {summary['rps']:7.1f} {summary['p50'] / 1000:7.1f} "
                    f"{summary['p95'] / 1000:7.1f} {summary['p99'] / 1000:7.1f} {ratio:6.2f} "
                    f"{cold:11.1f} ms{flag}"
                )
                if not summary["requests"]:
                    failures.append(f"{company} / {label}: no request finished in {SECONDS} s")
                if summary["non2xx"] or summary["errors"]:
                    failures.append(
                        f"{company} / {label}: {summary['non2xx']} error responses, "
                        f"{summary['errors']} socket errors"
                    )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        drop_database(parts, name)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"\nOK: no error responses. Target: every page at {TARGET_RATIO} of the bare view.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

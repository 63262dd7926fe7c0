"""Bench the evidence vault on a 200 MB file: record, verify, export, certificate.

Runs on its own throw-away SQLite database and media folder (whatever DATABASE_URL says), so it
never touches shared data: `.venv/bin/python bench/evidence_vault.py`.
"""

import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="evidence-bench-"))
os.environ.update(
    DEBUG="true",
    DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
    MEDIA_ROOT=str(WORK / "media"),
    DJANGO_SETTINGS_MODULE="ipguard.settings",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from ipguard.accounts.models import Company, User  # noqa: E402
from ipguard.evidence.certificate import certificate_pdf  # noqa: E402
from ipguard.evidence.export import export_zip  # noqa: E402
from ipguard.evidence.services import IncomingFile, evidence_record_create  # noqa: E402
from ipguard.evidence.verification import vault_verify  # noqa: E402

SIZE_MB = 200


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, function):
    started = time.perf_counter()
    result = function()
    print(f"{label:<38} {time.perf_counter() - started:7.2f} s   max RSS {max_rss_mb():6.0f} MB")
    return result


def main():
    call_command("migrate", verbosity=0)
    company = Company.objects.create(name="Bench Lighting", country="CN")
    user = User.objects.create_user("bench@example.com", "x" * 20)
    source = WORK / "scan.tif"
    block = os.urandom(1024 * 1024)
    with open(source, "wb") as out:
        for _ in range(SIZE_MB):
            out.write(block)
    print(f"max RSS after set-up: {max_rss_mb():.0f} MB")

    def record():
        with open(source, "rb") as stream:
            incoming = IncomingFile(name="scan.tif", stream=stream, size=source.stat().st_size)
            return evidence_record_create(
                company=company, user=user, title="Scan", files=[incoming]
            )

    record_ = timed(f"record a {SIZE_MB} MB file", record)
    timed("verify the vault (re-hash)", lambda: vault_verify(company))
    with open(WORK / "export.zip", "w+b") as archive:
        timed("export the vault as ZIP", lambda: export_zip(
            archive, company=company, record=None, now=timezone.now()
        ))  # fmt: skip
    for language in ("en", "zh-hans"):

        def render(lang=language):
            return certificate_pdf(record_, language=lang)

        pdf = timed(f"certificate PDF ({language})", render)
        print(f"{'':<38} {len(pdf) / 1024:7.1f} KB")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

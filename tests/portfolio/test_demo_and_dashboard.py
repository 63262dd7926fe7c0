from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ipguard.accounts.models import Company
from ipguard.portfolio.models import Deadline, Filing
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_marks_and_patents_in_cn_us_eu_wo_and_is_rerunnable(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    company = Company.objects.get(name="Sunrise Lighting Co., Ltd.")
    filings = Filing.objects.filter(asset__company=company)
    for right in ("trademark", "patent"):
        offices = set(filings.filter(asset__right=right).values_list("office", flat=True))
        assert {"CN", "US", "WO"} <= offices, right
    assert filings.filter(asset__right="trademark", office="EU").exists()
    assert filings.count() == 13  # not doubled by the second run
    today = date.today()
    open_soon = Deadline.objects.filter(
        company=company, status="open", due_date__gte=today, due_date__lte=today + timedelta(365)
    )
    kinds = set(open_soon.values_list("kind", flat=True))
    assert {"tm_renewal", "us_section8_declaration", "opposition_window",
            "pct_national_phase", "us_maintenance_fee"} <= kinds  # fmt: skip

    client.login(email="demo@ipguard.local", password="ipguard-demo-2026")
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Next deadlines" in page and "Opposition period ends" in page


def test_dashboard_panel_counts_overdue_and_soon_and_lists_the_next(personas, viewer_client):
    today = date.today()
    filing = FilingFactory(asset=AssetFactory(company=personas.company, name="SOONMARK"))
    Deadline.objects.filter(filing=filing).delete()
    for days, key in ((-3, "late"), (10, "soon"), (400, "later")):
        Deadline.objects.create(
            company=personas.company, filing=filing, key=key, kind=key, label="Trademark renewal",
            due_date=today + timedelta(days=days),
        )  # fmt: skip
    FilingFactory(asset=AssetFactory(company=personas.other_company, name="RIVALMARK"))
    page = viewer_client.get(reverse("core:dashboard")).content.decode()
    panel = page[page.index("Next deadlines") :]
    assert "Overdue: <strong>1</strong>" in panel
    assert "Next 90 days: <strong>1</strong>" in " ".join(panel.split())
    assert "SOONMARK" in panel and "RIVALMARK" not in panel
    assert panel.index((today - timedelta(days=3)).isoformat()) < panel.index(
        (today + timedelta(days=10)).isoformat()
    )

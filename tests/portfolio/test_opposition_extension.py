"""An opposition window's extension is no grace period, on every page that shows it.

Hand-checked against TBMP 202.01, quoting 15 USC 1063(a) and 37 CFR 2.102(c) (ip-rules.md
section 3, S36): an opposition must be filed within 30 days of publication in the Official
Gazette; a potential opposer may extend that time only by a request filed before it ends, up to
180 days from publication in all. Nothing can be filed late and there is no surcharge, so the
pages must not call the 180-day limit "grace".

Mark published on Tuesday 2026-12-01: 30 days -> Thursday 2026-12-31 (a working day); 180 days ->
Sunday 2027-05-30, Monday 2027-05-31 is Memorial Day (last Monday of May), so 2027-06-01
(37 CFR 2.196: the next day that is not a Saturday, Sunday or federal holiday).
"""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from ipguard.lib.sources import readable_source
from ipguard.portfolio import schedule
from ipguard.portfolio.rules import EXTENSION_KINDS, FilingDates, describe_rules, extension_rule
from tests.factories import AssetFactory, FilingFactory

PUBLISHED = date(2026, 12, 1)


def test_the_us_opposition_extension_limit_is_180_days_from_publication_rolled():
    filing = FilingDates(
        right="trademark", office="US", filed=date(2026, 3, 2), published=PUBLISHED
    )
    window = next(d for d in schedule.deadlines_for(filing) if d.kind == "opposition_window")
    assert window.due == date(2026, 12, 31)
    assert window.grace_ends == date(2027, 6, 1)
    assert "37 CFR 2.102" in readable_source(window.source, "en")


def test_only_opposition_windows_with_an_extension_on_request_are_extensions():
    assert sorted(EXTENSION_KINDS) == ["opposition_window"]
    assert extension_rule("opposition_window", "US").source == "S36"  # TBMP 202.01
    assert extension_rule("opposition_window", "GB") is not None  # TM7A, S39, S40
    assert extension_rule("opposition_window", "CN") is None  # no extension (S34, S35)
    assert extension_rule("tm_renewal", "US") is None  # a real grace period (6 months)
    described = [line for line in describe_rules() if "opposition_window" in line and "US" in line]
    assert "extendable on request to 5m" not in described[0]  # counted in days, not months
    assert "extendable on request to 150d after (not a grace period)" in described[0]


@pytest.fixture
def us_mark(personas):
    asset = AssetFactory(company=personas.company, name="LUMEN")
    filing = FilingFactory(
        asset=asset,
        office="US",
        status="published",
        filing_date=date(2026, 3, 2),
        publication_date=PUBLISHED,
        registration_date=None,
    )
    return filing.deadlines.get(kind="opposition_window")


def _text(response):
    """The page's words, without tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@time_machine.travel("2026-12-10 09:00:00+00:00", tick=False)
def test_pages_say_extendable_on_request_with_the_source_not_grace(us_mark, viewer_client):
    assert us_mark.grace_ends == date(2027, 6, 1)
    dashboard = _text(viewer_client.get(reverse("core:dashboard")))
    assert "Opposition period ends" in dashboard
    assert "extendable on request to 2027-06-01" in dashboard
    assert "grace 2027-06-01" not in dashboard
    assert "15 USC 1063 and 37 CFR 2.102" in dashboard

    detail = _text(viewer_client.get(us_mark.get_absolute_url()))
    assert "Extendable on request to" in detail and "Grace period ends" not in detail
    assert "Not a grace period" in detail and "37 CFR 2.102" in detail

    calendar = _text(viewer_client.get(reverse("portfolio:calendar")))
    assert "extendable on request to 2027-06-01" in calendar

    asset = _text(viewer_client.get(us_mark.filing.asset.get_absolute_url()))
    assert "extendable on request to 2027-06-01" in asset and "grace 2027-06-01" not in asset


@time_machine.travel("2026-12-10 09:00:00+00:00", tick=False)
def test_pages_in_chinese(us_mark, personas):
    personas.viewer.language = "zh-hans"
    personas.viewer.save(update_fields=["language"])
    dashboard = _text(personas.client_for(personas.viewer).get(reverse("core:dashboard")))
    assert "可申请延期至 2027-06-01" in dashboard
    assert "宽限期 2027-06-01" not in dashboard


@time_machine.travel("2027-01-15 09:00:00+00:00", tick=False)
def test_a_passed_opposition_window_is_not_a_right_in_grace(us_mark, viewer_client):
    dashboard = _text(viewer_client.get(reverse("core:dashboard")))
    assert "In grace period" not in dashboard
    assert "pay with a surcharge" not in dashboard
    month = _text(viewer_client.get(reverse("portfolio:calendar_month") + "?month=2027-06"))
    assert "Last day of grace" not in month


@time_machine.travel("2026-12-10 09:00:00+00:00", tick=False)
def test_the_feed_and_the_report_call_it_an_extension(us_mark, personas, viewer_client, client):
    from ipguard.reports.periods import ReportPeriod
    from ipguard.reports.sections import portfolio_section

    page = viewer_client.get(reverse("portfolio:calendar_subscribe")).content.decode()
    start = page.index('value="', page.index('id="feed-url"')) + len('value="')
    feed = Calendar.from_ical(client.get(page[start : page.index('"', start)]).content)
    event = next(e for e in feed.walk("VEVENT") if "Opposition" in str(e["SUMMARY"]))
    description = str(event["DESCRIPTION"])
    assert "Extendable on request to 2027-06-01" in description
    assert "37 CFR 2.102" in description and "Grace period" not in description
    assert not any("Last day of grace" in str(e["SUMMARY"]) for e in feed.walk("VEVENT"))

    period = ReportPeriod.for_quarter("2026-Q4", today=date(2026, 12, 10))
    section = portfolio_section(personas.company, period)
    row = next(r for r in section["deadlines"] if r["label"] == "Opposition period ends")
    assert row["grace_ends"] == "2027-06-01" and row["extension_source"] == "S36"

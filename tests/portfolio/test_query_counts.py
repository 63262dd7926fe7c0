"""The register, calendar and dashboard cost the same number of queries for 3 or 30 filings."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import ActionItemFactory, AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db

PAGES = ("portfolio:asset_list", "portfolio:calendar", "portfolio:calendar_month", "core:dashboard")


def _add_filings(company, n, owner):
    for i in range(n):
        asset = AssetFactory(company=company, owner=owner if i % 2 else None)
        FilingFactory(asset=asset, office=("CN", "US", "EU", "GB")[i % 4])


def _counts(client):
    counts = {}
    for name in PAGES:
        queries = []

        def count(run, sql, *args, queries=queries):
            queries.append(sql)
            return run(sql, *args)

        with connection.execute_wrapper(count):
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_filings(personas, editor_client):
    ActionItemFactory(company=personas.company, due_date=date.today() + timedelta(days=3))
    _add_filings(personas.company, 3, personas.editor)
    few = _counts(editor_client)
    # The register's ceiling is today's count (session, user, membership, OTP device, the
    # paginator's count, the page of assets, their filings, their next deadlines, the
    # header's totals): it may only go down.
    assert few["portfolio:asset_list"] <= 9
    _add_filings(personas.company, 27, personas.editor)
    assert _counts(editor_client) == few


def test_a_full_day_in_the_month_view_links_to_the_list_of_that_day(personas, viewer_client):
    day = date(2031, 5, 6)
    for n in range(6):
        ActionItemFactory(company=personas.company, due_date=day, title={"en": f"Task {n}"})
    ActionItemFactory(company=personas.company, due_date=day + timedelta(days=1))
    month = viewer_client.get(reverse("portfolio:calendar_month"), {"month": "2031-05"})
    page = month.content.decode()
    assert "+2 more" in page and "on=2031-05-06" in page
    listed = viewer_client.get(reverse("portfolio:calendar"), {"on": "2031-05-06"})
    text = listed.content.decode()
    assert "6 items" in text and all(f"Task {n}" in text for n in range(6))

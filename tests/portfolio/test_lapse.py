"""A right that lapses stands out: in grace, and above all on the last day of grace (issue 16).

Hand-checked case: a CN mark registered 2020-03-14 expires the day before its tenth anniversary,
so its renewal is due on Wednesday 2030-03-13 (ip-rules.md CN row and section 7, "Expiry vs
anniversary"); the six-month grace (CN Trademark Law Art 40) ends on Friday 2030-09-13. So
2030-09-13 is the last day and 2030-09-07 leaves 6 days.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from ipguard.portfolio.lapse import Lapse, lapse_state
from tests.factories import AssetFactory, FilingFactory

DUE = date(2030, 3, 13)
GRACE_ENDS = date(2030, 9, 13)


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        (date(2030, 3, 12), Lapse.UPCOMING, 185),
        (DUE, Lapse.UPCOMING, 184),  # the due day itself: a grace period is still to come
        (date(2030, 3, 14), Lapse.GRACE, 183),
        (date(2030, 9, 7), Lapse.GRACE, 6),
        (date(2030, 9, 12), Lapse.GRACE, 1),
        (GRACE_ENDS, Lapse.LAST_DAY, 0),
        (date(2030, 9, 14), Lapse.LAPSED, -1),
    ],
)
def test_lapse_state_of_a_cn_renewal(today, state, days_left):
    lapse = lapse_state(due=DUE, grace_ends=GRACE_ENDS, today=today)
    assert (lapse.state, lapse.days_left, lapse.last_day) == (state, days_left, GRACE_ENDS)
    assert lapse.stands_out is (state != Lapse.UPCOMING)


def test_without_grace_the_due_day_is_the_last_day():
    assert lapse_state(due=DUE, grace_ends=None, today=DUE).state == Lapse.LAST_DAY
    assert lapse_state(due=DUE, grace_ends=None, today=date(2030, 3, 15)).state == Lapse.LAPSED


@pytest.fixture
def renewal(personas):
    with time_machine.travel("2026-01-15 09:00:00+00:00", tick=False):
        filing = FilingFactory(
            asset=AssetFactory(company=personas.company, name="SUNBEAM", owner=personas.editor),
            office="CN",
            filing_date=date(2019, 5, 6),
            registration_date=date(2020, 3, 14),
        )
    deadline = filing.deadlines.get(key="tm_renewal:1")
    assert (deadline.due_date, deadline.grace_ends) == (DUE, GRACE_ENDS)
    return deadline


LAST_DAY_TEXT = {
    "en": "Last day: lost tomorrow if not paid today",
    "zh-hans": "最后一天：今天不缴费，明天即失去权利",
}
GRACE_TEXT = {
    "en": "In grace period: 6 days left to pay with a surcharge (until 2030-09-13)",
    "zh-hans": "宽限期内：还剩 6 天可缴费（需缴滞纳金，截至 2030-09-13）",
}


def _pages(client, renewal):
    urls = [
        reverse("core:dashboard"),
        reverse("portfolio:calendar"),
        reverse("portfolio:deadline_detail", args=[renewal.pk]),
        reverse("portfolio:asset_detail", args=[renewal.filing.asset_id]),
    ]
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_last_day_of_grace_stands_out_on_every_page(renewal, personas, language):
    personas.viewer.language = language
    personas.viewer.save(update_fields=["language"])
    with time_machine.travel("2030-09-13 03:00:00+00:00", tick=False):
        pages = _pages(personas.client_for(personas.viewer), renewal)
    for url, page in pages.items():
        assert LAST_DAY_TEXT[language] in page, url
        assert "lapse-last_day" in page, url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_in_grace_shows_the_days_left_and_counts_on_the_dashboard(renewal, personas, language):
    personas.viewer.language = language
    personas.viewer.save(update_fields=["language"])
    with time_machine.travel("2030-09-07 03:00:00+00:00", tick=False):
        pages = _pages(personas.client_for(personas.viewer), renewal)
    for url, page in pages.items():
        assert GRACE_TEXT[language] in page, url
        assert LAST_DAY_TEXT[language] not in page, url
    dashboard = pages[reverse("core:dashboard")]
    assert "lapsing-alert" in dashboard


@pytest.mark.django_db
def test_before_the_due_date_nothing_stands_out(renewal, personas):
    with time_machine.travel("2030-03-01 03:00:00+00:00", tick=False):
        client = personas.client_for(personas.viewer)
        page = client.get(reverse("portfolio:calendar")).content.decode()
    assert "lapse-flag" not in page
    assert "Trademark renewal #1 · SUNBEAM" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("en", "September 2030"), ("zh-hans", "2030年9月")]
)
def test_month_view_marks_the_last_day_of_grace_and_has_a_readable_title(
    renewal, personas, language, title
):
    personas.viewer.language = language
    personas.viewer.save(update_fields=["language"])
    with time_machine.travel("2030-09-13 03:00:00+00:00", tick=False):
        client = personas.client_for(personas.viewer)
        page = client.get(reverse("portfolio:calendar_month")).content.decode()
    assert title in page
    assert "month-grace-end" in page
    assert {"en": "Last day of grace:", "zh-hans": "宽限期最后一天："}[language] in page

"""The monthly refresh keeps series deadlines (annuities, renewals) coming as years pass; the
daily one brings filings computed with older rules or calendars to the current ones."""

import datetime

import pytest
import time_machine

from ipguard.portfolio import services
from ipguard.portfolio.models import Deadline, DeadlineEvent, Filing
from ipguard.portfolio.rules import RULES_VERSION
from ipguard.portfolio.tasks import refresh_all_deadlines, refresh_stale_deadlines
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db


def test_the_monthly_refresh_adds_the_occurrences_that_came_within_the_horizon(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with time_machine.travel(datetime.date(2026, 12, 1), tick=False):
        filing = FilingFactory(
            asset=AssetFactory(right="patent", mark_type="", nice_classes=[]),
            office="CN",
            filing_date=datetime.date(2021, 3, 3),
            registration_date=datetime.date(2023, 6, 1),
        )
        annuities = filing.deadlines.filter(label="CN annuity")
        latest_before = annuities.order_by("-due_date").first().due_date
        count_before = filing.deadlines.count()
    with time_machine.travel(datetime.date(2029, 12, 1), tick=False):
        assert refresh_all_deadlines.delay().get() >= 1
    filing.refresh_from_db()
    assert filing.deadlines.count() > count_before
    assert annuities.order_by("-due_date").first().due_date > latest_before


def test_a_corrected_rule_reaches_stored_deadlines_at_the_next_daily_refresh(settings):
    """ip-rules.md section 7 corrected the CN term: it ends the day before the tenth anniversary
    of registration (Trademark Law Art 39), so a mark registered 2018-06-14 is renewed by Tuesday
    2028-06-13, not 2028-06-14. A deploy with a corrected rule changes RULES_VERSION; the daily
    refresh then moves the stored date of a filing computed with the earlier rule, and says so in
    its history. A filing already computed with the current rules is left alone."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    filing = FilingFactory(
        office="CN",
        filing_date=datetime.date(2017, 3, 1),
        registration_date=datetime.date(2018, 6, 14),
    )
    current = FilingFactory(office="CN")
    current_history = current.deadline_events.count()
    renewal = filing.deadlines.get(key="tm_renewal:1")
    assert renewal.due_date == datetime.date(2028, 6, 13)
    assert filing.deadlines_version == services.DEADLINES_VERSION
    assert services.DEADLINES_VERSION.startswith(RULES_VERSION + ".")
    # The filing as the earlier rule left it: the anniversary itself, under an older version.
    Deadline.objects.filter(pk=renewal.pk).update(due_date=datetime.date(2028, 6, 14))
    Filing.objects.filter(pk=filing.pk).update(deadlines_version="earlier.rules")
    assert list(services.stale_filings()) == [filing]

    assert refresh_stale_deadlines.delay().get() == 1  # one company to refresh
    renewal.refresh_from_db()
    assert renewal.due_date == datetime.date(2028, 6, 13)
    moved = DeadlineEvent.objects.filter(deadline=renewal).latest("pk")
    assert moved.code == "dates_recomputed"
    assert "2028-06-14" in moved.text() and "2028-06-13" in moved.text()
    assert not services.stale_filings().exists()
    assert current.deadline_events.count() == current_history
    assert refresh_stale_deadlines.delay().get() == 0

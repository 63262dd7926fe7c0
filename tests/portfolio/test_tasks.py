"""The monthly refresh keeps series deadlines (annuities, renewals) coming as years pass."""

import datetime

import pytest
import time_machine

from ipguard.portfolio.tasks import refresh_all_deadlines
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

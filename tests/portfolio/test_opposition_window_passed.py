"""An opposition window is the time others have to oppose the owner's published mark: when it
ends nothing of the owner's is lost, at any office (ip-rules.md section 3).

Hand-checked windows (ip-rules.md section 3): China, 3 months from the preliminary-approval
publication (Trademark Law Art 33; S34, S35), so a mark published Tuesday 2026-09-01 can be
opposed until Tuesday 2026-12-01, no extension. EUIPO, 3 months from publication (S37, S38):
published Wednesday 2026-08-12, opposable until Thursday 2026-11-12. Both are working days, so no
rolling is involved.
"""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from ipguard.reminders.due_sources import DeadlineSource
from ipguard.reminders.models import SentReminder
from ipguard.reminders.sweep import reminders_sweep
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db

RIGHT_LOST = "the right may be lost"


def _published(company, office, published, name):
    filing = FilingFactory(
        asset=AssetFactory(company=company, name=name, owner=None),
        office=office,
        status="published",
        filing_date=date(2025, 3, 3),  # its priority year long over when entered: dismissed
        publication_date=published,
        registration_date=None,
    )
    return filing.deadlines.get(kind="opposition_window")


@pytest.fixture
def windows(personas):
    # Entered while both windows were still running (a deadline already over when its filing is
    # entered is stored as dismissed).
    with time_machine.travel("2026-08-20 09:00:00+00:00", tick=False):
        return (
            _published(personas.company, "CN", date(2026, 9, 1), "LUMEN"),
            _published(personas.company, "EU", date(2026, 8, 12), "ORBIT"),
        )


def _text(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_windows_end_on_the_hand_checked_days(windows):
    cn, eu = windows
    assert (cn.due_date, cn.grace_ends) == (date(2026, 12, 1), None)
    assert (eu.due_date, eu.grace_ends) == (date(2026, 11, 12), None)


@time_machine.travel("2026-12-10 09:00:00+00:00", tick=False)
def test_no_page_says_a_right_may_be_lost_when_a_window_has_passed(windows, viewer_client):
    cn, eu = windows
    pages = [
        reverse("core:dashboard"),
        reverse("portfolio:calendar"),
        reverse("portfolio:calendar_month") + "?month=2026-12",
        reverse("portfolio:calendar_month") + "?month=2026-11",
        cn.get_absolute_url(),
        eu.get_absolute_url(),
        cn.filing.asset.get_absolute_url(),
        eu.filing.asset.get_absolute_url(),
    ]
    for url in pages:
        assert RIGHT_LOST not in _text(viewer_client.get(url)), url


@time_machine.travel("2026-12-10 09:00:00+00:00", tick=False)
def test_a_missed_renewal_on_the_same_pages_still_says_so(personas, windows, viewer_client):
    """The same flag still shows where a right is at stake: a CN renewal whose grace has ended."""
    with time_machine.travel("2026-02-01 09:00:00+00:00", tick=False):
        renewal = FilingFactory(
            asset=AssetFactory(company=personas.company, name="SUNRISE"),
            filing_date=date(2015, 1, 10),
            registration_date=date(2016, 3, 14),
        )
    lapsed = renewal.deadlines.filter(kind="tm_renewal").order_by("due_date").first()
    assert lapsed.status == "open" and lapsed.grace_ends < date(2026, 12, 10)
    assert RIGHT_LOST in _text(viewer_client.get(lapsed.get_absolute_url()))


def _reminded(deadline):
    return set(
        SentReminder.objects.filter(source="deadline", item_id=deadline.pk).values_list(
            "slot", flat=True
        )
    )


def test_reminders_come_before_a_window_ends_and_none_after(personas, windows):
    cn, _eu = windows
    reminders_sweep(now=datetime(2026, 11, 30, 9, tzinfo=UTC))
    assert _reminded(cn) == {"before:1"}
    for day in (2, 3, 9, 16):  # the day after, and the weekly overdue rhythm
        reminders_sweep(now=datetime(2026, 12, day, 9, tzinfo=UTC))
    assert _reminded(cn) == {"before:1"}


def test_the_reminder_says_nothing_is_due_and_no_right_is_lost(windows):
    cn, _eu = windows
    source = DeadlineSource()
    why = source.why(cn, "en")
    assert "Until 2026-12-01 anyone may oppose this published mark at China" in why
    assert "no right is lost" in why and "the right can lapse" not in why
    assert "Decide whether to keep the right." not in source.what_to_do(cn, "en")
    chinese = source.why(cn, "zh-hans")
    assert "在 2026-12-01 之前，任何人都可以" in chinese and "不会使您丧失任何权利" in chinese
    assert "留意主管机关或代理人发来的异议通知。" in source.what_to_do(cn, "zh-hans")


def test_a_us_window_gets_no_reminder_at_its_extension_limit(personas):
    """US: 30 days from publication, extendable on request by an opposer up to 180 days (37 CFR
    2.102(c), S36). Published 2026-12-01: ends 2026-12-31, limit 2027-06-01 (see
    test_opposition_extension.py). The owner has nothing to do on either day after the first."""
    with time_machine.travel("2026-12-02 09:00:00+00:00", tick=False):
        window = _published(personas.company, "US", date(2026, 12, 1), "NOVA")
    assert (window.due_date, window.grace_ends) == (date(2026, 12, 31), date(2027, 6, 1))
    reminders_sweep(now=datetime(2026, 12, 30, 9, tzinfo=UTC))
    for day in (date(2027, 1, 1), date(2027, 1, 7), date(2027, 6, 1)):
        reminders_sweep(now=datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
    assert _reminded(window) == {"before:1"}

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from ipguard.portfolio import services
from ipguard.portfolio.models import Deadline, DeadlineEvent, Filing
from tests.factories import AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 15)


def _us_mark(company, **dates):
    asset = AssetFactory(company=company)
    values = {"filing_date": date(2018, 1, 10), "registration_date": date(2020, 6, 4)}
    values.update(dates)
    return FilingFactory(asset=asset, office="US", sync_deadlines=False, **values)


def _keys(filing, prefix=""):
    return {k for k in filing.deadlines.values_list("key", flat=True) if k.startswith(prefix)}


def test_recompute_keeps_done_and_snooze_and_logs_moved_dates(personas):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    declaration = filing.deadlines.get(key="us_section8_declaration")
    renewal = filing.deadlines.get(key="us_section8_9_renewal:1")
    assert declaration.due_date == date(2026, 6, 4)
    services.deadline_set_status(deadline=declaration, status="done", user=personas.owner)
    services.deadline_snooze(deadline=renewal, until=date(2028, 1, 1), today=TODAY)

    result = services.filing_update(
        filing=filing, data={"registration_date": date(2020, 7, 2)}, today=TODAY
    )
    declaration.refresh_from_db()
    renewal.refresh_from_db()
    assert declaration.status == "done" and declaration.due_date == date(2026, 7, 2)
    assert renewal.snoozed_until == date(2028, 1, 1) and renewal.due_date == date(2030, 7, 2)
    assert {d.key for d in result.moved} >= {"us_section8_declaration", "us_section8_9_renewal:1"}
    assert not result.created and not result.removed
    moved = [e for e in declaration.events.all() if "2026-06-04 → 2026-07-02" in e.text()]
    assert moved


def test_a_rule_that_no_longer_applies_is_removed_and_recorded(personas):
    filing = _us_mark(personas.company, publication_date=date(2018, 9, 4))
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    assert "opposition_window" in _keys(filing)
    result = services.filing_update(filing=filing, data={"publication_date": None}, today=TODAY)
    assert "opposition_window" not in _keys(filing)
    assert result.removed == ["Opposition period ends (opposition_window)"]
    note = DeadlineEvent.objects.filter(filing=filing, key="opposition_window").last()
    assert "no longer applies" in note.text() and note.deadline is None


def test_unchanged_dates_change_nothing(personas):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    before = list(filing.deadlines.values_list("pk", "updated_at"))
    result = services.filing_deadlines_sync(filing=filing, today=TODAY)
    assert not result.changed
    assert list(filing.deadlines.values_list("pk", "updated_at")) == before


def test_later_renewals_appear_as_years_pass(personas):
    asset = AssetFactory(company=personas.company)
    filing = FilingFactory(
        asset=asset,
        office="CN",
        sync_deadlines=False,
        filing_date=date(2004, 1, 5),
        registration_date=date(2006, 2, 1),
    )
    services.filing_deadlines_sync(filing=filing, today=date(2020, 1, 1))
    assert _keys(filing, "tm_") == {"tm_renewal:1", "tm_renewal:2"}  # 2016, 2026 (to 2030)
    services.filing_deadlines_sync(filing=filing, today=date(2027, 1, 1))
    assert "tm_renewal:3" in _keys(filing)  # 2036 is within ten years of 2027


def test_status_workflow_refuses_a_done_deadline_becoming_dismissed(personas):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    deadline = filing.deadlines.get(key="us_section8_declaration")
    services.deadline_set_status(deadline=deadline, status="done")
    with pytest.raises(services.InvalidDeadlineChange):
        services.deadline_set_status(deadline=deadline, status="dismissed")
    services.deadline_set_status(deadline=deadline, status="open")
    assert deadline.completed_at is None


@time_machine.travel("2026-01-15 09:00:00+00:00", tick=False)
def test_deadline_page_marks_done_dismisses_and_snoozes(personas, editor_client):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing)
    deadline = filing.deadlines.get(key="us_section8_9_renewal:1")
    url = deadline.get_absolute_url()
    page = editor_client.get(url).content.decode()
    assert "2029-06-04" in page and "2030-06-04" in page and "2030-12-04" in page

    snooze = reverse("portfolio:deadline_snooze", args=[deadline.pk])
    too_late = editor_client.post(snooze, {"until": "2031-01-01"})
    assert (
        too_late.status_code == 400 and "past the last day, 2030-12-04" in too_late.content.decode()
    )
    assert editor_client.post(snooze, {"until": "2026-01-15"}).status_code == 400
    assert editor_client.post(snooze, {"until": "2027-02-01"}).status_code == 302
    deadline.refresh_from_db()
    assert deadline.snoozed_until == date(2027, 2, 1)

    status = reverse("portfolio:deadline_status", args=[deadline.pk])
    assert editor_client.post(status, {"action": "done"}).status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == "done" and deadline.snoozed_until is None
    assert "Status changed to Done" in editor_client.get(url).content.decode()
    assert editor_client.post(status, {"action": "dismiss"}).status_code == 400
    editor_client.post(status, {"action": "reopen"})
    editor_client.post(status, {"action": "dismiss"})
    deadline.refresh_from_db()
    assert deadline.status == "dismissed"


def test_editing_a_filing_on_the_page_recomputes_and_says_so(personas, editor_client):
    filing = FilingFactory(asset=AssetFactory(company=personas.company))
    renewal = filing.deadlines.get(key="tm_renewal:1")
    services.deadline_set_status(deadline=renewal, status="done")
    response = editor_client.post(
        reverse("portfolio:filing_edit", args=[filing.pk]),
        {
            "office": "CN",
            "status": "registered",
            "filing_date": "2019-05-06",
            "registration_date": "2020-04-14",
        },
        follow=True,
    )
    assert "Deadlines recomputed: 0 new, 1 moved, 0 no longer apply." in response.content.decode()
    renewal.refresh_from_db()
    assert renewal.status == "done" and renewal.due_date == date(2030, 4, 15)  # 14th is a Sunday


def test_archived_and_lapsed_filings_leave_the_calendar(personas, viewer_client):
    lapsed = FilingFactory(asset=AssetFactory(company=personas.company, name="LAPSED"))
    lapsed.status = "lapsed"
    lapsed.save()
    FilingFactory(asset=AssetFactory(company=personas.company, name="ALIVE"))
    page = viewer_client.get(reverse("portfolio:calendar")).content.decode()
    assert "ALIVE" in page and "LAPSED" not in page
    assert Deadline.objects.filter(filing=lapsed).exists()  # kept, only hidden


def test_snooze_is_a_date_within_the_window(personas):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    deadline = filing.deadlines.get(key="us_section8_9_renewal:1")
    services.deadline_snooze(deadline=deadline, until=TODAY + timedelta(days=10), today=TODAY)
    services.deadline_snooze(deadline=deadline, until=None, today=TODAY)
    assert deadline.snoozed_until is None
    assert [e.text() for e in deadline.events.all()] == [
        "Snoozed until 2026-01-25.",
        "Snooze cancelled.",
    ]


def test_a_deadline_over_before_it_was_entered_is_filed_as_dismissed(personas):
    filing = _us_mark(
        personas.company, filing_date=date(2011, 1, 10), registration_date=date(2012, 6, 4)
    )
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    declaration = filing.deadlines.get(key="us_section8_declaration")  # due 2018, grace 2018
    current = filing.deadlines.get(key="us_section8_9_renewal:2")  # due 2032
    assert declaration.status == "dismissed" and current.status == "open"
    assert "Already over when it was entered" in declaration.events.get().text()


def test_correcting_a_mistyped_year_reopens_a_deadline_dismissed_as_over(personas):
    filing = _us_mark(
        personas.company, filing_date=date(2008, 1, 10), registration_date=date(2009, 6, 4)
    )
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    renewal = filing.deadlines.get(key="us_section8_9_renewal:1")  # due 2019: over
    assert renewal.status == "dismissed"
    services.filing_update(
        filing=filing,
        data={"filing_date": date(2018, 1, 10), "registration_date": date(2019, 6, 4)},
        today=TODAY,
    )
    renewal.refresh_from_db()
    assert renewal.status == "open" and renewal.due_date == date(2029, 6, 4)
    assert any(e.text().startswith("Reopened") for e in renewal.events.all())


def test_company_refresh_adds_occurrences_that_enter_the_horizon(personas):
    filing = _us_mark(personas.company)
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    assert not filing.deadlines.filter(key="us_section8_9_renewal:2").exists()
    assert services.company_deadlines_refresh(company=personas.company, today=date(2040, 1, 1))
    assert filing.deadlines.filter(key="us_section8_9_renewal:2").exists()


def test_a_changed_calendar_file_makes_the_refresh_recompute_stored_deadlines(personas):
    # CN mark registered 2016-02-18: expiry Tue 2026-02-17 falls in the Spring Festival closure
    # (shipped CN calendar, holidays 0.108) -> due Tue 2026-02-24.
    asset = AssetFactory(company=personas.company)
    filing = FilingFactory(
        asset=asset,
        office="CN",
        filing_date=date(2015, 3, 2),
        registration_date=date(2016, 2, 18),
        sync_deadlines=False,
    )
    services.filing_deadlines_sync(filing=filing, today=TODAY)
    renewal = filing.deadlines.get(key="tm_renewal:1")
    assert (renewal.due_date, renewal.calendar, renewal.beyond_calendar) == (
        date(2026, 2, 24),
        "CN",
        False,
    )
    # Rows rolled by an older calendar (simulated: wrong date, old version) are recomputed.
    filing.deadlines.update(calendar_version="old", due_date=date(2026, 2, 17))
    Filing.objects.filter(pk=filing.pk).update(deadlines_version="rules.old-calendar")
    assert services.deadlines_stale_refresh(today=TODAY) == 1
    renewal.refresh_from_db()
    assert renewal.due_date == date(2026, 2, 24)
    assert not Deadline.objects.exclude(calendar_version=renewal.calendar_version).exists()
    assert services.deadlines_stale_refresh(today=TODAY) == 0


def test_deadline_page_names_the_calendar_and_the_expiry_convention(personas, viewer_client):
    asset = AssetFactory(company=personas.company)
    filing = FilingFactory(
        asset=asset, office="CN", filing_date=date(2015, 3, 2), registration_date=date(2016, 2, 18)
    )
    renewal = filing.deadlines.get(key="tm_renewal:1")
    html = viewer_client.get(reverse("portfolio:deadline_detail", args=[renewal.pk])).content
    html = html.decode()
    assert "using the CN closing-day calendar for 2026-2027" in html
    assert "holidays 0.108" in html
    assert "Term ends the day before the anniversary" in html
    # The statute, not the internal source codes (issue 16).
    assert "CN Trademark Law Art 39-40" in html and "S1, S2" not in html


def test_deadline_page_marks_an_uncertain_rule(personas, viewer_client):
    # The MY renewal rests on firms' readings of the Trademarks Act 2019 (its term's last day is
    # unresolved): shown as uncertain. SG's is checked against Trade Marks Rules r.49: not.
    asset = AssetFactory(company=personas.company)
    filing = FilingFactory(asset=asset, office="MY", filing_date=date(2016, 8, 9))
    renewal = filing.deadlines.get(key="tm_renewal:1")
    html = viewer_client.get(reverse("portfolio:deadline_detail", args=[renewal.pk])).content
    html = html.decode()
    assert 'data-field="uncertain"' in html and "To verify with counsel:" in html
    assert "MY Trademarks Act 2019" in html
    checked = FilingFactory(asset=asset, office="SG", filing_date=date(2016, 8, 9))
    renewal = checked.deadlines.get(key="tm_renewal:1")
    html = viewer_client.get(reverse("portfolio:deadline_detail", args=[renewal.pk])).content
    html = html.decode()
    assert 'data-field="uncertain"' not in html and "Trade Marks Rules r.49" in html

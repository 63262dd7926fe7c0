from datetime import date

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from ipguard.accounts.models import Membership
from ipguard.portfolio.models import CalendarFeed
from tests.factories import ActionItemFactory, AssetFactory, FilingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(personas):
    """A CN mark owned by the editor, a US patent owned by nobody, and an open action item."""
    with time_machine.travel("2026-01-15 09:00:00+00:00", tick=False):
        mark = FilingFactory(
            asset=AssetFactory(company=personas.company, name="SUNBEAM", owner=personas.editor),
            office="CN",
            filing_date=date(2019, 5, 6),
            registration_date=date(2020, 3, 14),
        )
        patent = FilingFactory(
            asset=AssetFactory(
                company=personas.company, name="LED DRIVER", right="patent", nice_classes=[]
            ),
            office="US",
            filing_date=date(2021, 4, 1),
            registration_date=date(2024, 5, 7),
        )
        action = ActionItemFactory(
            company=personas.company,
            title={"en": "Record the mark with customs", "zh_hans": "海关备案"},
            due_date=date(2026, 3, 2),
        )
    rival = FilingFactory(asset=AssetFactory(company=personas.other_company, name="RIVAL"))
    return {"mark": mark, "patent": patent, "action": action, "rival": rival}


def _page(client, **params):
    return client.get(reverse("portfolio:calendar"), params).content.decode()


def test_list_has_deadlines_and_action_items_but_not_other_companies(portfolio, viewer_client):
    page = _page(viewer_client)
    assert "Trademark renewal #1 · SUNBEAM" in page
    assert "US maintenance fee #1 · LED DRIVER" in page
    assert "Record the mark with customs" in page
    assert "RIVAL" not in page
    # the CN renewal's window and grace: registered 2020-03-14 -> the term ends the day before
    # the anniversary, Wed 2030-03-13 (S1, S2, CN Trademark Law Art 39-40); grace Fri 2030-09-13
    assert "2029-03-13" in page and "2030-03-13" in page and "2030-09-13" in page


def test_filters_by_office_right_owner_and_status(portfolio, personas, viewer_client):
    cn = _page(viewer_client, office="CN")
    assert "SUNBEAM" in cn and "LED DRIVER" not in cn and "customs" not in cn
    patents = _page(viewer_client, right="patent")
    assert "LED DRIVER" in patents and "SUNBEAM" not in patents
    mine = _page(viewer_client, owner=personas.editor.pk)
    assert "SUNBEAM" in mine and "LED DRIVER" not in mine
    renewal = portfolio["mark"].deadlines.get(key="tm_renewal:1")
    renewal.status = "done"
    renewal.save()
    done = _page(viewer_client, status="done")
    assert "Trademark renewal #1 · SUNBEAM" in done and "LED DRIVER" not in done
    assert "Trademark renewal #1 · SUNBEAM" not in _page(viewer_client)


def test_month_view_puts_items_on_their_day(portfolio, viewer_client):
    url = reverse("portfolio:calendar_month")
    page = viewer_client.get(url, {"month": "2026-03"}).content.decode()
    assert "Record the mark with customs" in page and "2026-03" in page
    assert "SUNBEAM" not in page
    march_2030 = viewer_client.get(url, {"month": "2030-03"}).content.decode()
    assert "Trademark renewal #1 · SUNBEAM" in march_2030
    assert viewer_client.get(url, {"month": "bogus"}).status_code == 200


def _feed_url(client):
    page = client.get(reverse("portfolio:calendar_subscribe")).content.decode()
    start = page.index('id="feed-url"')
    value = page.index('value="', start) + len('value="')
    return page[value : page.index('"', value)]


def test_feed_is_valid_icalendar_with_every_open_item(portfolio, personas, viewer_client, client):
    url = _feed_url(viewer_client)
    response = client.get(url)  # no login: calendar clients cannot sign in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    renewal = portfolio["mark"].deadlines.get(key="tm_renewal:1")
    event = events[f"deadline-{renewal.pk}@ipguard"]
    assert event.decoded("DTSTART") == date(2030, 3, 13)  # CN: day before the anniversary
    assert event.decoded("DTEND") == date(2030, 3, 14)
    assert str(event["SUMMARY"]) == "Trademark renewal #1 · SUNBEAM"
    assert "Window opens: 2029-03-13" in str(event["DESCRIPTION"])
    assert "Grace period ends: 2030-09-13" in str(event["DESCRIPTION"])
    assert events[f"action-{portfolio['action'].pk}@ipguard"].decoded("DTSTART") == date(2026, 3, 2)
    assert not any("RIVAL" in str(e["SUMMARY"]) for e in events.values())
    dismissed = [d.pk for d in portfolio["mark"].deadlines.filter(status="dismissed")]
    assert dismissed and not any(f"deadline-{pk}@ipguard" in events for pk in dismissed)


def test_feed_follows_the_users_language(portfolio, personas, client):
    personas.viewer.language = "zh-hans"
    personas.viewer.save()
    url = _feed_url(personas.client_for(personas.viewer))
    calendar = Calendar.from_ical(client.get(url).content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "海关备案" in summaries


def test_regenerating_revokes_the_old_address(portfolio, viewer_client, client):
    old = _feed_url(viewer_client)
    response = viewer_client.post(reverse("portfolio:calendar_subscribe"))
    assert response.status_code == 302
    new = _feed_url(viewer_client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_feed_stops_when_the_user_leaves_the_company(portfolio, personas, viewer_client, client):
    url = _feed_url(viewer_client)
    Membership.objects.filter(user=personas.viewer).delete()
    assert client.get(url).status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_a_guessed_token_is_404(client, db):
    assert client.get(reverse("portfolio:calendar_feed", args=["not-a-token"])).status_code == 404


def _events(client, url):
    return {str(e["UID"]): e for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}


def test_feed_marks_the_last_day_of_grace_with_its_own_event(portfolio, viewer_client, client):
    """CN mark registered 2020-03-14: term ends 2030-03-13, grace six months to 2030-09-13
    (CN Trademark Law Art 40; ip-rules.md section 1)."""
    events = _events(client, _feed_url(viewer_client))
    renewal = portfolio["mark"].deadlines.get(key="tm_renewal:1")
    grace = events[f"deadline-{renewal.pk}-grace-end@ipguard"]
    assert grace.decoded("DTSTART") == date(2030, 9, 13)
    assert grace.decoded("DTEND") == date(2030, 9, 14)
    assert str(grace["SUMMARY"]) == "Last day of grace: Trademark renewal #1 · SUNBEAM"
    assert "Last day: lost tomorrow if not paid today" in str(grace["DESCRIPTION"])
    assert "Due: 2030-03-13" in str(grace["DESCRIPTION"])
    # Action items have no grace period, so no second event.
    assert not any(uid.startswith("action-") and "grace" in uid for uid in events)


def test_the_last_day_of_grace_event_in_chinese(portfolio, personas, client):
    personas.viewer.language = "zh-hans"
    personas.viewer.save()
    events = _events(client, _feed_url(personas.client_for(personas.viewer)))
    renewal = portfolio["mark"].deadlines.get(key="tm_renewal:1")
    grace = events[f"deadline-{renewal.pk}-grace-end@ipguard"]
    assert str(grace["SUMMARY"]).startswith("宽限期最后一天：")
    assert "最后一天：今天不缴费，明天即失去权利" in str(grace["DESCRIPTION"])

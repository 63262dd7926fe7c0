"""The alliance advisor and incident playbook pages through the test client."""

import datetime

import pytest
from django.urls import reverse

from ipguard.actions.models import ActionItem
from ipguard.playbooks.models import AllianceProfile, IncidentRun
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
ADVISOR = reverse("playbooks:alliance_advisor")


def test_the_advisor_starts_from_the_health_check_answers(personas, owner_client):
    AssessmentFactory(company=personas.company, answers={"patent_count": 14})
    page = owner_client.get(ADVISOR).content.decode()
    assert 'value="14"' in page


def test_the_advisor_sets_every_option_side_by_side_with_reasons(personas, owner_client):
    response = owner_client.post(
        ADVISOR,
        {"patent_count": "40", "revenue_band": "5m_50m_usd", "past_pae_assertion": "on"},
    )
    assert response.status_code == 302
    profile = AllianceProfile.objects.get(company=personas.company)
    options = {option["option"]: option for option in profile.recommendations}
    assert set(options) == {"lot_network", "patent_pool", "conditional_sharing"}
    for option in options.values():
        assert option["pros"] and option["cons"] and option["reasons"]
    page = owner_client.get(ADVISOR).content.decode()
    assert "LOT Network" in page


def test_we_are_a_member_is_honoured_from_the_health_check_to_the_advice(personas, owner_client):
    AssessmentFactory(company=personas.company, answers={"lot_network_decision": "member"})
    page = owner_client.get(ADVISOR).content.decode()
    assert 'name="lot_member"' in page and "checked" in page.split('name="lot_member"')[1][:80]
    owner_client.post(
        ADVISOR, {"patent_count": "4", "revenue_band": "under_5m_usd", "lot_member": "on"}
    )
    profile = AllianceProfile.objects.get(company=personas.company)
    lot = next(o for o in profile.recommendations if o["option"] == "lot_network")
    assert lot["verdict"] == "in_place"
    page = owner_client.get(ADVISOR).content.decode()
    assert "Already in place" in page and "already a LOT Network member" in page


def test_a_bad_fact_is_a_message_and_the_saved_advice_stays(personas, owner_client):
    owner_client.post(ADVISOR, {"patent_count": "3", "revenue_band": "under_5m_usd"})
    before = AllianceProfile.objects.get(company=personas.company).facts
    response = owner_client.post(ADVISOR, {"patent_count": "-1", "revenue_band": "under_5m_usd"})
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert AllianceProfile.objects.get(company=personas.company).facts == before


def test_opening_an_incident_puts_its_dated_steps_in_the_action_plan(personas, editor_client):
    start = reverse("playbooks:incident_start", args=["warning_letter"])
    response = editor_client.post(start, {"notes": "Letter from a US law firm about our lamp"})
    run = IncidentRun.objects.get(company=personas.company)
    assert response["Location"] == reverse("playbooks:incident_detail", args=[run.pk])
    steps = ActionItem.objects.filter(incident=run).order_by("due_date", "pk")
    assert steps.count() >= 5
    assert steps.first().due_date == run.opened_on
    assert all(step.company == personas.company and step.origin == "incident" for step in steps)
    assert steps.last().due_date > run.opened_on + datetime.timedelta(days=7)
    page = editor_client.get(response["Location"]).content.decode()
    assert steps.first().title_text() in page
    assert "Letter from a US law firm" in page


def test_an_unknown_incident_playbook_is_404(editor_client):
    url = reverse("playbooks:incident_start", args=["alien_invasion"])
    assert editor_client.post(url).status_code == 404

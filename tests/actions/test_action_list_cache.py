"""The action plan is cached per company, user and filter, yet a write shows at the next read."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ipguard.actions.services import action_item_set_status, action_item_update
from ipguard.playbooks.content_store import incident_playbooks
from ipguard.playbooks.services.advisor import incident_start
from tests.factories import ActionItemFactory
from tests.pages import read_page, unmasked

pytestmark = pytest.mark.django_db

PLAN = reverse("actions:action_list")


def test_a_second_read_is_served_from_the_cache(personas, owner_client):
    ActionItemFactory(company=personas.company, title={"en": "Renew the CN mark"})
    first, cold = read_page(owner_client, PLAN)
    again, warm = read_page(owner_client, PLAN)
    assert warm <= cold - 2 and unmasked(again) == unmasked(first)


def test_status_owner_and_due_date_changes_show_at_the_nextread_page(personas, owner_client):
    item = ActionItemFactory(
        company=personas.company, title={"en": "Record the licence"}, due_date=date(2031, 1, 9)
    )
    assert "2031-01-09" in read_page(owner_client, PLAN)[0]
    action_item_update(
        action=item, owner=personas.editor, due_date=date(2031, 2, 3), user=personas.owner
    )
    page = read_page(owner_client, PLAN)[0]
    assert "2031-02-03" in page and str(personas.editor) in page
    action_item_set_status(action=item, status="done", user=personas.owner)
    assert "Record the licence" not in read_page(owner_client, PLAN)[0]


def test_an_incident_playbook_adds_its_steps_at_the_nextread_page(personas, owner_client):
    read_page(owner_client, PLAN)
    playbook = incident_playbooks()[0]
    run = incident_start(company=personas.company, playbook=playbook, user=personas.owner)
    assert str(run) in read_page(owner_client, PLAN)[0]


def test_a_filter_by_owner_is_its_own_body(personas, owner_client):
    ActionItemFactory(company=personas.company, title={"en": "Mine"}, owner=personas.owner)
    ActionItemFactory(company=personas.company, title={"en": "Theirs"}, owner=personas.editor)
    everything = read_page(owner_client, PLAN)[0]
    mine = read_page(owner_client, f"{PLAN}?owner={personas.owner.pk}")[0]
    assert "Theirs" in everything and "Mine" in mine and "Theirs" not in mine


def test_another_company_never_gets_this_companys_plan(personas, owner_client):
    ActionItemFactory(
        company=personas.company, title={"en": "Ours only"}, due_date=date.today() + timedelta(3)
    )
    assert "Ours only" in read_page(owner_client, PLAN)[0]
    assert "Ours only" not in read_page(personas.client_for(personas.outsider), PLAN)[0]

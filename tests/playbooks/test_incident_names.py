"""An incident's steps name their incident in the action plan and the calendar (issue 16)."""

import pytest
from django.urls import reverse

from tests.factories import ActionItemFactory, IncidentRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(personas):
    incident = IncidentRunFactory(company=personas.company)
    return ActionItemFactory(
        company=personas.company,
        origin="incident",
        incident=incident,
        title={"en": "Collect evidence of the sales", "zh_hans": "收集销售证据"},
    )


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Counterfeits abroad"), ("zh-hans", "海外出现假货")]
)
def test_step_shows_its_incident_everywhere(step, personas, language, name):
    personas.viewer.language = language
    personas.viewer.save(update_fields=["language"])
    client = personas.client_for(personas.viewer)
    pages = [
        reverse("actions:action_list"),
        reverse("actions:action_detail", args=[step.pk]),
        reverse("portfolio:calendar"),
        reverse("portfolio:calendar_month") + f"?month={step.due_date:%Y-%m}",
    ]
    for url in pages:
        assert name in client.get(url).content.decode(), url

"""One date range for every date the app accepts: forms, import, and the feed built from them."""

import importlib
import pkgutil
from datetime import date

import pytest
from django import forms
from django.urls import reverse
from icalendar import Calendar

import ipguard
from ipguard.actions.forms import ActionCreateForm, ActionEditForm
from ipguard.lib.validators import BoundedDateField, validate_date_in_range
from ipguard.playbooks.questionnaire_forms import _field_for
from ipguard.portfolio.forms import DeadlineSnoozeForm, FilingForm
from ipguard.portfolio.models import Deadline
from tests.factories import ActionItemFactory, AssetFactory, FilingFactory

OUT_OF_RANGE = "Enter a date between 1900-01-01 and 2200-12-31."


def _all_form_classes():
    for module in pkgutil.walk_packages(ipguard.__path__, "ipguard."):
        if module.name.endswith(("forms", "forms.py")) or ".forms" in module.name:
            importlib.import_module(module.name)

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {c for c in walk(forms.BaseForm) if c.__module__.startswith("ipguard.")}


def test_every_date_field_of_every_form_is_bounded():
    classes = _all_form_classes()
    assert FilingForm in classes and ActionEditForm in classes
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, BoundedDateField)
    ]
    assert not unbounded


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (date(1900, 1, 1), True),
        (date(2200, 12, 31), True),
        (date(1899, 12, 31), False),
        (date(2201, 1, 1), False),
        (date(9999, 12, 31), False),
        (date(1, 1, 1), False),
    ],
)
def test_range_edges(value, ok):
    if ok:
        validate_date_in_range(value)
    else:
        with pytest.raises(forms.ValidationError, match="between 1900-01-01 and 2200-12-31"):
            validate_date_in_range(value)


@pytest.mark.django_db
def test_forms_refuse_9999_12_31_with_a_message(personas):
    asset = AssetFactory(company=personas.company)
    filing = FilingForm(
        {"office": "CN", "status": "pending", "filing_date": "9999-12-31"}, asset=asset
    )
    assert filing.errors["filing_date"] == [OUT_OF_RANGE]
    action = ActionEditForm({"due_date": "9999-12-31"}, company=personas.company)
    assert action.errors["due_date"] == [OUT_OF_RANGE]
    new = ActionCreateForm(
        {"title": "x", "tier": "urgent", "due_date": "0001-01-01"}, company=personas.company
    )
    assert new.errors["due_date"] == [OUT_OF_RANGE]
    assert DeadlineSnoozeForm({"until": "2201-01-01"}).errors["until"] == [OUT_OF_RANGE]

    class Question:
        kind = "date"
        text = why = {"en": "When?"}
        source = "test"
        choices = ()

    field = _field_for(Question, "en")
    with pytest.raises(forms.ValidationError):
        field.clean("9999-12-31")
    assert field.clean("2024-02-29") == date(2024, 2, 29)


@pytest.mark.django_db
def test_filing_page_answers_9999_with_the_message(personas, editor_client):
    asset = AssetFactory(company=personas.company)
    response = editor_client.post(
        reverse("portfolio:filing_create", args=[asset.pk]),
        {"office": "CN", "status": "pending", "filing_date": "9999-12-31"},
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert not asset.filings.exists()


@pytest.mark.django_db
def test_import_row_with_9999_12_31_names_the_line_and_column(personas, editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = (
        "asset,right,mark_type,nice_classes,office,filing_date\nA,trademark,word,9,CN,9999-12-31\n"
    )
    response = editor_client.post(
        reverse("portfolio:import"), {"file": SimpleUploadedFile("x.csv", csv.encode())}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<td>2</td>" in page and f"filing_date: {OUT_OF_RANGE}" in page


@pytest.mark.django_db
def test_feed_survives_extreme_dates_written_directly(personas, viewer_client, client):
    filing = FilingFactory(asset=AssetFactory(company=personas.company, name="SUNBEAM"))
    Deadline.objects.filter(filing=filing).update(due_date=date(9999, 12, 31))
    ActionItemFactory(company=personas.company, due_date=date(9999, 12, 31))
    ActionItemFactory(company=personas.company, due_date=date(1, 1, 1))
    kept = ActionItemFactory(company=personas.company, due_date=date(2027, 1, 4))
    page = viewer_client.get(reverse("portfolio:calendar_subscribe")).content.decode()
    start = page.index('value="', page.index('id="feed-url"')) + len('value="')
    response = client.get(page[start : page.index('"', start)])
    assert response.status_code == 200
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"action-{kept.pk}@ipguard"}
    # the pages that list the same rows still answer
    assert viewer_client.get(reverse("portfolio:calendar")).status_code == 200
    for month in ("9999-12", "0001-01", "99999999999999999999-1", "2024-13"):
        response = viewer_client.get(reverse("portfolio:calendar_month"), {"month": month})
        assert response.status_code == 200
        assert "is not a month from 1900-01 to 2200-12: showing this month." in (
            response.content.decode()
        )

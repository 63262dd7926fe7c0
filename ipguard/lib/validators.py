"""The one range every date the app accepts must fall in, shared by forms and import.

Python's `date` runs to 9999-12-31, but the app adds months and years to stored dates (renewals,
grace periods, calendar events ending the next day): a date near the end of that range overflows
there, far from where it was typed. No filing, deadline or action of a living business lies before
1900 or after 2200, so anything outside is a typing mistake and is refused with a clear message.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ipguard.lib.forms import IsoDateInput

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def date_in_range(value: date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def validate_date_in_range(value: date | None) -> None:
    """Refuse a date outside EARLIEST_DATE..LATEST_DATE (None passes: emptiness is not ours)."""
    if value is not None and not date_in_range(value):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )


class BoundedDateField(forms.DateField):
    """A form date field held to the app's date range; every form uses it for dates."""

    default_validators = [validate_date_in_range]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", IsoDateInput())
        super().__init__(**kwargs)


def bounded_date_formfield(model_field, **kwargs):
    """`formfield_callback` for model forms: their model date fields become BoundedDateFields."""
    from django.db import models

    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        return model_field.formfield(form_class=BoundedDateField, **kwargs)
    return model_field.formfield(**kwargs)

"""Browser date fields read ISO dates only, so every language must render them as ISO."""

import datetime

from django import forms
from django.utils import translation

from ipguard.lib.forms import IsoDateInput


class _DatedForm(forms.Form):
    day = forms.DateField(widget=IsoDateInput())


def test_a_date_field_renders_iso_in_chinese_and_parses_iso_back():
    with translation.override("zh-hans"):
        form = _DatedForm(initial={"day": datetime.date(2026, 10, 2)})
        html = str(form["day"])
        assert 'type="date"' in html
        assert 'value="2026-10-02"' in html
        bound = _DatedForm(data={"day": "2026-11-20"})
        assert bound.is_valid(), bound.errors
        assert bound.cleaned_data["day"] == datetime.date(2026, 11, 20)


def test_every_date_widget_in_the_app_is_the_iso_one():
    """A plain DateInput would slip back into the locale's format (2026/10/02 in Chinese)."""
    from ipguard.actions.forms import ActionCreateForm, ActionEditForm
    from ipguard.evidence.forms import EvidenceUploadForm
    from ipguard.portfolio import forms as portfolio_forms

    classes = [EvidenceUploadForm, ActionCreateForm, ActionEditForm]
    classes += [
        value
        for value in vars(portfolio_forms).values()
        if isinstance(value, type) and issubclass(value, forms.BaseForm)
    ]
    date_fields = [
        (cls.__name__, name, field)
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(date_fields) >= 4
    for cls_name, name, field in date_fields:
        assert isinstance(field.widget, IsoDateInput), (cls_name, name)

"""Build one Django form per area from the content's questions (those visible right now)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ipguard.lib.i18n import pick
from ipguard.lib.sources import readable_source
from ipguard.lib.validators import BoundedDateField

YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("Not sure"))]


def _field_for(question, language):
    label = pick(question.text, language)
    help_text = _("%(why)s Source: %(source)s") % {
        "why": pick(question.why, language),
        "source": readable_source(question.source),
    }
    common = {"label": label, "help_text": help_text, "required": False}
    if question.kind == "yes_no":
        return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
    choices = [(choice.value, pick(choice.label, language)) for choice in question.choices]
    if question.kind == "single_choice":
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == "multi_choice":
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == "number":
        return forms.IntegerField(min_value=question.min, max_value=question.max, **common)
    if question.kind == "date":
        return BoundedDateField(**common)
    raise ValueError(f"unknown question kind {question.kind!r}")


def stored_to_initial(question, value):
    if question.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value


def cleaned_to_stored(value):
    """Form values as JSON: dates become ISO strings, empty answers become None."""
    if isinstance(value, date):
        return value.isoformat()
    if value in ("", [], None):
        return None
    return value


class AreaForm(forms.Form):
    def __init__(self, *args, questions, answers, language, read_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            field = _field_for(question, language)
            field.disabled = read_only
            self.fields[question.key] = field
            if question.key in answers:
                self.initial[question.key] = stored_to_initial(question, answers[question.key])

    def valid_stored_answers(self):
        """JSON answers of the fields that validated (None means "cleared")."""
        return {
            key: cleaned_to_stored(value)
            for key, value in self.cleaned_data.items()
            if key not in self.errors
        }

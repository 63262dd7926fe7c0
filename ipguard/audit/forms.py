from django import forms
from django.utils.translation import gettext_lazy as _

from ipguard.audit.events import CATEGORIES
from ipguard.lib.validators import BoundedDateField


class AuditFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.ChoiceField(label=_("Who"), required=False)
    # Bounded, and ISO in the browser's date field whatever the language (issue 16).
    since = BoundedDateField(label=_("From"), required=False)
    until = BoundedDateField(label=_("To"), required=False)

    def __init__(self, *args, actors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Everything")), *CATEGORIES.items()]
        self.fields["actor"].choices = [("", _("Everyone")), *((a, a) for a in actors)]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned

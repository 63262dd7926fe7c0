from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import Language
from ipguard.reports.models import Paper
from ipguard.reports.periods import recent_quarters


class ReportRequestForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    paper = forms.ChoiceField(label=_("Paper size"), choices=Paper.choices, initial=Paper.A4)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = recent_quarters(timezone.localdate(), 4)
        self.fields["quarter"].choices = [(quarter, quarter) for quarter in quarters]
        self.fields["quarter"].initial = quarters[0]
        self.fields["language"].initial = company.language

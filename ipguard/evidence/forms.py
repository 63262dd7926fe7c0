from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.tenancy import for_company
from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem
from ipguard.lib.validators import BoundedDateField
from ipguard.portfolio.models import Asset


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the service checks each one's type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(_("Choose at least one file."), code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title_text()


class EvidenceUploadForm(forms.Form):
    files = MultipleFileField(label=_("Files"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    created_on = BoundedDateField(
        label=_("Date of creation"),
        required=False,
        help_text=_("When the work itself was made, if earlier than today."),
    )
    asset = forms.ModelChoiceField(label=_("Portfolio asset"), queryset=None, required=False)
    action = ActionChoiceField(label=_("Action item"), queryset=None, required=False)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = for_company(company, Asset).filter(archived_at__isnull=True)
        self.fields["action"].queryset = for_company(company, ActionItem).filter(
            status__in=OPEN_ACTION_STATUSES
        )

    def clean_created_on(self):
        created_on = self.cleaned_data["created_on"]
        if created_on and created_on > timezone.localdate():
            raise forms.ValidationError(_("The date of creation cannot be in the future."))
        return created_on

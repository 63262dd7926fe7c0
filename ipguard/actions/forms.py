from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipguard.accounts.choices import Role
from ipguard.accounts.models import User
from ipguard.actions.models import ActionStatus, Tier
from ipguard.lib.validators import BoundedDateField


def _assignable(company):
    """Members who can be made responsible for an action: owners and editors, not viewers
    (a viewer could not update the action they answer for)."""
    return User.objects.filter(
        membership__company=company, membership__role__in=[Role.OWNER, Role.EDITOR]
    ).order_by("full_name", "email")


class ActionEditForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("person responsible", "Owner"),
        queryset=User.objects.none(),
        required=False,
    )
    due_date = BoundedDateField(label=_("Due date"))

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _assignable(company)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    reason = forms.CharField(
        label=_("Reason (required for “not applicable”)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("change_status", _("Update status")))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == ActionStatus.NOT_APPLICABLE
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Say why this item does not apply."))
        return cleaned


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("comment", _("Add comment")))


class ActionFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Open")), ("all", _("All")), *ActionStatus.choices]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    tier = forms.ChoiceField(
        label=_("Tier"), choices=[("", _("All tiers")), *Tier.choices], required=False
    )
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("person responsible", "Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = company.members.order_by("full_name", "email")
        for field in self.fields.values():  # rendered field by field, so styled here
            field.widget.attrs["class"] = "form-select"


class ActionCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    why = forms.CharField(
        label=_("Why it matters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("person responsible", "Owner"),
        queryset=User.objects.none(),
        required=False,
    )
    due_date = BoundedDateField(
        label=_("Due date"),
        required=False,
        help_text=_("Leave empty to use the tier's default: 1 month, 6 months or 1 year."),
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _assignable(company)
        self.helper = FormHelper()
        self.helper.add_input(Submit("create", _("Add action")))

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import Language
from ipguard.reminders.models import Delivery
from ipguard.reminders.schedule import MAX_OFFSET_DAYS, parse_offsets


def _helper(label):
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label=_("How to send reminders"), choices=Delivery.choices)
    digest_hour = forms.TypedChoiceField(
        label=_("Digest hour"),
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
        help_text=_("For the daily digest, in your time zone."),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_("A name such as Asia/Shanghai or Europe/Berlin."),
    )
    language = forms.ChoiceField(
        label=_("Email language"),
        choices=Language.choices,
        help_text=_("For emails only. The screens keep the language chosen in the menu."),
    )
    escalations_only = forms.BooleanField(
        label=_("Only send me escalations"),
        required=False,
        help_text=_(
            "You will still hear when an item is overdue and you are an owner of the company."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save preferences"))

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("Unknown time zone. Use a name such as Asia/Shanghai or Europe/Berlin.")
            )
        return name


class PolicyForm(forms.Form):
    offsets = forms.CharField(
        label=_("Days before the due date"),
        max_length=200,
        help_text=_(
            "Comma-separated, for example 60, 30, 7, 1, 0 (0 = on the day). Overdue items are "
            "reminded every week and escalated to the owners."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save reminder policy"))

    def clean_offsets(self):
        try:
            return parse_offsets(self.cleaned_data["offsets"])
        except ValueError as error:
            raise forms.ValidationError(
                _(
                    "Write whole numbers of days between 0 and %(max)s, separated by commas "
                    "(%(problem)s)."
                )
                % {"max": MAX_OFFSET_DAYS, "problem": error}
            ) from error

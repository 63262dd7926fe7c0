from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import RevenueBand


class AllianceFactsForm(forms.Form):
    patent_count = forms.IntegerField(
        label=_("How many granted patents and pending applications do you hold?"),
        min_value=0,
        max_value=100000,
    )
    plans_to_sell_or_license_patents = forms.BooleanField(
        label=_("Do you plan to sell patents, or license them for money, in the next few years?"),
        required=False,
    )
    revenue_band = forms.ChoiceField(label=_("Annual revenue"), choices=RevenueBand.choices)
    trade_restriction_exposure = forms.BooleanField(
        label=_("Are you exposed to export controls, sanctions or entity-list restrictions?"),
        required=False,
    )
    past_pae_assertion = forms.BooleanField(
        label=_("Has a patent-assertion entity (a 'patent troll') ever approached or sued you?"),
        required=False,
    )
    in_standardised_tech = forms.BooleanField(
        label=_(
            "Do your products use standardised technology (cellular, Wi-Fi, video codecs, "
            "wireless charging, IoT protocols, EV charging)?"
        ),
        required=False,
    )
    lot_member = forms.BooleanField(
        label=_("Are you already a member of the LOT Network?"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("advise", _("Show my options")))

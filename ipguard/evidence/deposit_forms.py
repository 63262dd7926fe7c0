from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipguard.evidence.models import ExternalDeposit

FILE, CHAIN = ExternalDeposit.Target.FILE, ExternalDeposit.Target.CHAIN_HEAD


def target_choices(*, file_entries, chain_entries) -> list[tuple[str, str]]:
    """'<target>:<entry pk>' choices: the files of a record, and chain heads at entries."""
    choices = [
        (
            f"{FILE}:{entry.pk}",
            _("File “%(name)s” (entry %(position)s)")
            % {"name": entry.file_name, "position": entry.position},
        )
        for entry in file_entries
    ]
    choices += [
        (
            f"{CHAIN}:{entry.pk}",
            _("Chain head hash at entry %(position)s") % {"position": entry.position},
        )
        for entry in chain_entries
    ]
    return choices


class ExternalDepositForm(forms.Form):
    what = forms.ChoiceField(label=_("What was deposited"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ExternalDeposit.Kind.choices)
    platform = forms.CharField(
        label=_("Platform or office"),
        max_length=200,
        help_text=_("For example a judicial blockchain platform or a notary office, by name."),
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=120)
    deposited_at = forms.DateTimeField(
        label=_("Deposit time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("As printed on the certificate, in your time zone."),
    )
    platform_hash = forms.CharField(
        label=_("Hash shown by the platform"),
        max_length=200,
        required=False,
        help_text=_(
            "Copy it from the certificate; upper or lower case and spaces do not matter. Leave "
            "it empty only if the certificate shows none."
        ),
    )
    certificate = forms.FileField(
        label=_("Certificate file"),
        help_text=_("It is recorded in the vault like any evidence, hashed and chained."),
    )

    def __init__(self, *args, entries_by_pk, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries_by_pk = entries_by_pk
        self.fields["what"].choices = choices

    def clean_deposited_at(self):
        moment = self.cleaned_data["deposited_at"]
        if moment > timezone.now():
            raise forms.ValidationError(_("The deposit time cannot be in the future."))
        return moment

    def clean(self):
        cleaned = super().clean()
        what = cleaned.get("what")
        judicial = cleaned.get("kind") == ExternalDeposit.Kind.JUDICIAL_BLOCKCHAIN
        if judicial and not (cleaned.get("platform_hash") or "").strip():
            self.add_error(
                "platform_hash",
                _("A judicial blockchain certificate shows the deposited hash: copy it here."),
            )
        if what:
            target, _sep, pk = what.partition(":")
            cleaned["target"] = target
            cleaned["entry"] = self.entries_by_pk[int(pk)]
        return cleaned


class DepositPolicyForm(forms.Form):
    critical_asset_kinds = forms.MultipleChoiceField(
        label=_("Critical kinds of record"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Records linked to a portfolio asset of these kinds should be deposited with a "
            "judicial blockchain or a notary (for example core designs and brand assets)."
        ),
    )
    deposit_within_days = forms.IntegerField(
        label=_("Ask for a deposit after (days)"), min_value=1, max_value=3650, initial=30
    )

    def __init__(self, *args, **kwargs):
        from ipguard.portfolio.models import RightType

        super().__init__(*args, **kwargs)
        self.fields["critical_asset_kinds"].choices = RightType.choices

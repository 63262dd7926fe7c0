from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import Market, Role
from ipguard.accounts.models import Company, User
from ipguard.lib.emails import send_email


def _helper(submit_label, form_tag=True):
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.add_input(Submit("submit", submit_label))
    return helper


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.helper = _helper(_("Create account"))

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class InvitationSignupForm(SignupForm):
    """Sign-up from an invitation link: the address is the invited one and cannot be changed."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, initial={"email": invitation.email}, **kwargs)
        self.fields["email"].disabled = True
        self.fields["email"].help_text = _("The invitation was sent to this address.")
        self.helper = _helper(_("Create account and join"))


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Log in"))


class EmailPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through the app's one email helper in the user's email
    language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The email language the user chose (User.mail_language), as reminders use.
        send_email("password-reset", to_email, context, language=context["user"].mail_language)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))

    def clean_time_zone(self):
        import zoneinfo

        name = self.cleaned_data["time_zone"]
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("Unknown time zone. Use a name such as Asia/Shanghai or Europe/Berlin.")
            )
        return name


class CompanyForm(forms.ModelForm):
    export_markets = forms.MultipleChoiceField(
        label=_("Export markets"),
        choices=Market.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where you sell today or plan to sell within a year."),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "country",
            "size_band",
            "industry",
            "export_markets",
            "revenue_band",
            "language",
            "logo",
            "require_two_factor",
        ]

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label or _("Save"))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo must be smaller than 2 MB."))
        return logo


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.helper = _helper(_("Send invitation"))

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if self.company and self.company.members.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member."))
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

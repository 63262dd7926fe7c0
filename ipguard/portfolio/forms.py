from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipguard.accounts.models import User
from ipguard.lib.forms import IsoDateInput
from ipguard.lib.validators import BoundedDateField, bounded_date_formfield
from ipguard.portfolio import validation
from ipguard.portfolio.models import Asset, DeadlineStatus, Filing, Office, RightType

ROUTE_CHOICES = [
    ("", _("—")),
    ("national", _("Direct national filing")),
    ("paris", _("Paris Convention priority")),
    ("pct", _("PCT (international or national phase)")),
    ("madrid", _("Madrid (international or designation)")),
    ("ep", _("European patent (EPO)")),
]


def _members(company):
    return company.members.order_by("full_name", "email")


class AssetForm(forms.ModelForm):
    nice_classes = forms.CharField(
        label=_("Nice classes"),
        required=False,
        help_text=_("Trademarks only: class numbers from 1 to 45, separated by commas."),
    )

    class Meta:
        model = Asset
        fields = ["right", "name", "mark_type", "nice_classes", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, company, members=None, **kwargs):
        """`members`: the company's members as a queryset, when the caller already has it."""
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(company) if members is None else members
        if self.instance.pk:
            # Deadlines and allowed offices hang on the right: a different right is a new asset.
            self.fields["right"].disabled = True
            self.initial["nice_classes"] = ", ".join(str(c) for c in self.instance.nice_classes)

    @cached_property
    def helper(self):
        # Built when a page renders the form: the import validates thousands of rows with it.
        helper = FormHelper()
        helper.layout = Layout(
            Div(
                Div("right", css_class="col-md-4"),
                Div("name", css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                Div("mark_type", css_class="col-md-4"),
                Div("nice_classes", css_class="col-md-8"),
                css_class="row",
            ),
            "owner",
            "description",
        )
        helper.add_input(Submit("save", _("Save")))
        return helper

    def clean_nice_classes(self):
        try:
            return validation.parse_nice_classes(self.cleaned_data.get("nice_classes"))
        except validation.Invalid as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("right") == RightType.TRADEMARK:
            if not cleaned.get("mark_type"):
                self.add_error("mark_type", _("Say whether the mark is a word, a logo or both."))
            if "nice_classes" in cleaned and not cleaned["nice_classes"]:
                self.add_error("nice_classes", _("A trademark needs at least one Nice class."))
        elif cleaned.get("right"):
            cleaned["mark_type"] = ""
            cleaned["nice_classes"] = []
        return cleaned


class FilingForm(forms.ModelForm):
    route = forms.ChoiceField(label=_("Route"), choices=ROUTE_CHOICES, required=False)
    designated_countries = forms.CharField(
        label=_("Designated countries"),
        required=False,
        help_text=_("Madrid registrations only: two-letter codes, e.g. US, EU, JP."),
    )

    class Meta:
        model = Filing
        fields = [
            "office",
            "number",
            "route",
            "status",
            "designated_countries",
            *validation.DATE_FIELDS,
        ]
        widgets = {name: IsoDateInput() for name in validation.DATE_FIELDS}
        formfield_callback = bounded_date_formfield
        error_messages = {"office": {"invalid_choice": _("Unknown office %(value)s.")}}

    def __init__(self, *args, asset, **kwargs):
        super().__init__(*args, **kwargs)
        self.asset = asset
        if self.instance.pk:
            self.initial["designated_countries"] = ", ".join(self.instance.designated_countries)

    @cached_property
    def helper(self):
        # Built when a page renders the form: the import validates thousands of rows with it.
        helper = FormHelper()
        helper.layout = Layout(
            Div(
                Div("office", css_class="col-md-4"),
                Div("number", css_class="col-md-4"),
                Div("status", css_class="col-md-4"),
                css_class="row",
            ),
            Div(
                Div("route", css_class="col-md-4"),
                Div("designated_countries", css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                *(Div(Field(name), css_class="col-md-4") for name in validation.DATE_FIELDS),
                css_class="row",
            ),
        )
        helper.add_input(Submit("save", _("Save")))
        return helper

    def clean_designated_countries(self):
        try:
            return validation.parse_country_codes(self.cleaned_data.get("designated_countries"))
        except validation.Invalid as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        right = self.asset.right
        office = cleaned.get("office")
        if not office:
            return cleaned
        problem = validation.office_problem(right, office)
        if problem:
            self.add_error("office", problem)
            return cleaned
        dates = {name: cleaned.get(name) for name in validation.DATE_FIELDS}
        for field, message in validation.filing_date_problems(right, office, dates).items():
            if field in cleaned:
                self.add_error(field, message)
        if cleaned.get("designated_countries") and not (
            office == Office.WO and right == RightType.TRADEMARK
        ):
            self.add_error(
                "designated_countries",
                _("Only Madrid (WO) trademark registrations designate countries."),
            )
        return cleaned


class DeadlineSnoozeForm(forms.Form):
    until = BoundedDateField(label=_("Snooze until"), widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CalendarFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("open", _("Open")),
        ("done", _("Done")),
        ("dismissed", _("Dismissed / not applicable")),
        ("all", _("All")),
    ]

    office = forms.ChoiceField(
        label=_("Office"), choices=[("", _("All offices")), *Office.choices], required=False
    )
    right = forms.ChoiceField(
        label=_("Right"), choices=[("", _("All rights")), *RightType.choices], required=False
    )
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("person responsible", "Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(company)
        for bound in self.fields.values():
            bound.widget.attrs["class"] = "form-select"

    def criteria(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "office": data.get("office") or "",
            "right": data.get("right") or "",
            "owner": data.get("owner"),
            "status": data.get("status") or DeadlineStatus.OPEN,
        }


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("Use the columns of an export; download one to start from."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("preview", _("Check the file")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ipguard.evidence.models import EvidenceRecord
from ipguard.lib.forms import IsoDateInput
from ipguard.lib.validators import BoundedDateField, bounded_date_formfield
from ipguard.portfolio import validation
from ipguard.products import selectors
from ipguard.products.models import (
    AiAsset,
    AiTool,
    Channel,
    FtoPatent,
    FtoReview,
    MarketStatus,
    PlatformBrandRegistration,
    Product,
    ProductMarket,
    ProductSettings,
    WatchedApplication,
)


def _helper(form, multipart=False):
    form.helper = FormHelper()
    if multipart:
        form.helper.attrs = {"enctype": "multipart/form-data"}
    form.helper.add_input(Submit("save", _("Save")))


class ProductForm(forms.ModelForm):
    nice_classes = forms.CharField(
        label=_("Nice classes"),
        required=False,
        help_text=_("Class numbers of the goods, from 1 to 45, separated by commas."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        formfield_callback = bounded_date_formfield
        model = Product
        fields = ["name", "description", "nice_classes", "brands", "channels", "design_version"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "brands": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "design_version": _(
                "Raise it when the design changes: the product's FTO reviews then expire."
            ),
            "brands": _("The trademarks of the register this product is sold under."),
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brands"].queryset = selectors.company_brands(company)
        if self.instance.pk:
            self.initial["nice_classes"] = ", ".join(str(c) for c in self.instance.nice_classes)
        _helper(self)

    def clean_nice_classes(self):
        try:
            return validation.parse_nice_classes(self.cleaned_data.get("nice_classes"))
        except validation.Invalid as error:
            raise forms.ValidationError(str(error)) from error

    def clean_design_version(self):
        version = self.cleaned_data["design_version"]
        if self.instance.pk and version < self.instance.design_version:
            raise forms.ValidationError(_("The design version cannot go back."))
        return version


class MarketForm(forms.ModelForm):
    fto_waiver_reason = forms.CharField(
        label=_("Launch without an FTO review: why (waiver)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only needed to launch where no current review exists; who and when are recorded."
        ),
    )

    class Meta:
        formfield_callback = bounded_date_formfield
        model = ProductMarket
        fields = ["market", "status", "launch_date"]
        widgets = {"launch_date": IsoDateInput()}

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        if self.instance.pk:
            self.fields["market"].disabled = True
        _helper(self)

    def clean(self):
        cleaned = super().clean()
        market = cleaned.get("market")
        if market and not self.instance.pk and self.product.markets.filter(market=market).exists():
            self.add_error("market", _("This market is already listed for the product."))
        if cleaned.get("status") == MarketStatus.LAUNCHED and not cleaned.get("launch_date"):
            self.add_error("launch_date", _("Give the launch date."))
        return cleaned


class FtoReviewForm(forms.ModelForm):
    opinion_file = forms.FileField(
        label=_("Counsel's opinion"),
        required=False,
        help_text=_("Stored in the evidence vault, hashed and dated."),
    )

    class Meta:
        formfield_callback = bounded_date_formfield
        model = FtoReview
        fields = [
            "market",
            "scope",
            "searched_classes",
            "keywords",
            "assignees",
            "searched_on",
            "reviewer",
            "reviewed_on",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "searched_on": IsoDateInput(),
            "reviewed_on": IsoDateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self, multipart=True)

    def clean(self):
        cleaned = super().clean()
        searched, reviewed = cleaned.get("searched_on"), cleaned.get("reviewed_on")
        if searched and reviewed and reviewed < searched:
            self.add_error("reviewed_on", _("The review cannot be dated before its search."))
        return cleaned


class FtoPatentForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = FtoPatent
        fields = ["number", "holder", "risk", "decision", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self)


class WatchedApplicationForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = WatchedApplication
        fields = ["product", "market", "number", "applicant", "status", "status_date"]
        widgets = {"status_date": IsoDateInput()}

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(company=company)
        _helper(self)


class PlatformRegistrationForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = PlatformBrandRegistration
        fields = ["platform", "brand", "status", "reference"]

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["brand"].queryset = selectors.company_brands(company)
        _helper(self)

    def clean(self):
        cleaned = super().clean()
        duplicate = PlatformBrandRegistration.objects.filter(
            company=self.company, platform=cleaned.get("platform"), brand=cleaned.get("brand")
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error("brand", _("This brand is already recorded for this platform."))
        return cleaned


class ProductSettingsForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = ProductSettings
        fields = ["fto_review_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fto_review_months"].min_value = 1
        self.fields["fto_review_months"].widget.attrs.update({"min": 1, "max": 60})
        _helper(self)

    def clean_fto_review_months(self):
        months = self.cleaned_data["fto_review_months"]
        if not 1 <= months <= 60:
            raise forms.ValidationError(_("Choose between 1 and 60 months."))
        return months


class AiToolForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = AiTool
        fields = [
            "name",
            "kind",
            "version",
            "licence",
            "commercial_use",
            "attribution_required",
            "output_ownership",
            "revenue_threshold_usd",
            "use_restrictions",
            "users",
            "purpose",
            "used_commercially",
        ]
        widgets = {"use_restrictions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self)


class AiAssetForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_date_formfield
        model = AiAsset
        fields = [
            "title",
            "tool",
            "tool_version",
            "made_by",
            "created_on",
            "used_in",
            "market",
            "provenance",
            "labelled",
        ]
        widgets = {"created_on": IsoDateInput()}
        help_texts = {
            "tool_version": _("Leave empty to use the tool's recorded version."),
            "provenance": _("The evidence record with the prompt, output and settings."),
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tool"].queryset = AiTool.objects.filter(company=company)
        self.fields["provenance"].queryset = EvidenceRecord.objects.filter(company=company)
        self.fields["tool_version"].required = False
        _helper(self)


class AiManualForm(forms.Form):
    updated_on = BoundedDateField(label=_("AI usage manual last updated"), widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _helper(self)

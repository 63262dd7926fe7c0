"""Products and the markets they are sold in: the picture the coverage matrix is computed from.

A market is an office code of ipguard.portfolio (a country, or EU for the European Union), so a
filing at that office is the mark that covers it. The exposure rules are in `coverage.py`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipguard.portfolio.models import Office

# Offices that are markets (a place goods are sold); EP (patents only) and WO (WIPO) are not.
MARKET_CHOICES = [(code, label) for code, label in Office.choices if code not in ("EP", "WO")]


class Channel(models.TextChoices):
    OWN_SHOP = "own_shop", _("Own shop")
    AMAZON = "amazon", _("Amazon")
    ALIBABA = "alibaba", _("Alibaba.com")
    ALIEXPRESS = "aliexpress", _("AliExpress")
    TEMU = "temu", _("Temu")
    SHOPEE = "shopee", _("Shopee")
    LAZADA = "lazada", _("Lazada")
    TIKTOK_SHOP = "tiktok_shop", _("TikTok Shop")
    TRADE_SHOWS = "trade_shows", _("Trade shows")


class MarketStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    LAUNCHED = "launched", _("Launched")


class Product(models.Model):
    """A product or product line, with the Nice classes its goods fall in."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    nice_classes = models.JSONField(_("Nice classes"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    brands = models.ManyToManyField(
        "portfolio.Asset", verbose_name=_("brands"), blank=True, related_name="products"
    )
    # Bumped when the design changes: every FTO review of an older version has expired.
    design_version = models.PositiveIntegerField(_("design version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:product_detail", args=[self.pk])

    def channel_labels(self):
        return [Channel(c).label for c in self.channels if c in Channel.values]


class ProductMarket(models.Model):
    """A market a product is sold in or planned for, with its launch date and any FTO waiver."""

    company_lookup = "product__company"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="markets")
    market = models.CharField(_("market"), max_length=2, choices=MARKET_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=MarketStatus.choices, default=MarketStatus.PLANNED
    )
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    fto_waiver_reason = models.TextField(
        _("reason for launching without an FTO review"), blank=True
    )
    fto_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fto_waived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["product__name", "market"]
        constraints = [
            models.UniqueConstraint(fields=["product", "market"], name="one_row_per_product_market")
        ]

    def __str__(self):
        return f"{self.product} · {self.market}"

    @property
    def has_waiver(self):
        return bool(self.fto_waiver_reason and self.fto_waived_at)


class RegistrationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PENDING = "pending", _("Pending")
    REGISTERED = "registered", _("Enrolled")
    REJECTED = "rejected", _("Rejected")


class PlatformBrandRegistration(models.Model):
    """A brand enrolled (or to be enrolled) in a marketplace's brand registry."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="platform_registrations"
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Channel.choices)
    brand = models.ForeignKey(
        "portfolio.Asset", verbose_name=_("brand"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["platform", "brand__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "platform", "brand"], name="one_registration_per_platform_brand"
            )
        ]

    def __str__(self):
        return f"{self.get_platform_display()} · {self.brand}"


class RiskRating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class FtoDecision(models.TextChoices):
    CLEAR = "clear", _("Clear to proceed")
    DESIGN_AROUND = "design_around", _("Design around")
    LICENSE = "license", _("Take a licence")
    CHALLENGE = "challenge", _("Challenge validity")


class FtoReview(models.Model):
    """A freedom-to-operate review of one product in one market (ip-rules.md section 6)."""

    company_lookup = "product__company"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="fto_reviews")
    market = models.CharField(_("market"), max_length=2, choices=MARKET_CHOICES)
    scope = models.TextField(_("scope (technical features reviewed)"))
    searched_classes = models.CharField(_("CPC/IPC classes searched"), max_length=300, blank=True)
    keywords = models.CharField(_("keywords searched"), max_length=500, blank=True)
    assignees = models.CharField(_("assignees searched"), max_length=500, blank=True)
    searched_on = models.DateField(_("search date"))
    reviewer = models.CharField(_("reviewer"), max_length=200)
    reviewed_on = models.DateField(_("review date"))
    design_version = models.PositiveIntegerField(_("design version reviewed"))
    opinion = models.ForeignKey(
        "evidence.EvidenceRecord",
        verbose_name=_("counsel's opinion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"{self.product} · {self.market} · {self.reviewed_on}"

    def get_absolute_url(self):
        return reverse("products:review_detail", args=[self.pk])


class FtoPatent(models.Model):
    """A patent found by a review, with its risk and what the company decided to do."""

    company_lookup = "review__product__company"

    review = models.ForeignKey(FtoReview, on_delete=models.CASCADE, related_name="patents")
    number = models.CharField(_("patent number"), max_length=60)
    holder = models.CharField(_("holder"), max_length=200, blank=True)
    risk = models.CharField(_("risk"), max_length=10, choices=RiskRating.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=FtoDecision.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.number


class WatchStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    ABANDONED = "abandoned", _("Abandoned / refused")


class WatchedApplication(models.Model):
    """Someone else's patent application on watch: its grant expires the product's reviews."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="watched_applications"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="watched"
    )
    market = models.CharField(
        _("market"),
        max_length=2,
        choices=MARKET_CHOICES,
        blank=True,
        help_text=_("Leave empty if the application may matter in every market."),
    )
    number = models.CharField(_("application number"), max_length=60)
    applicant = models.CharField(_("applicant"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WatchStatus.choices, default=WatchStatus.PENDING
    )
    status_date = models.DateField(_("status date"))

    class Meta:
        ordering = ["product__name", "number"]

    def __str__(self):
        return self.number


class ProductSettings(models.Model):
    """Per-company settings of the products register."""

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="product_settings"
    )
    fto_review_months = models.PositiveSmallIntegerField(
        _("FTO reviews expire after (months)"), default=12
    )
    ai_manual_updated_on = models.DateField(
        _("AI usage manual last updated"), null=True, blank=True
    )

    def __str__(self):
        return f"{self.company} products settings"


class ToolKind(models.TextChoices):
    SERVICE = "service", _("Commercial service")
    OPEN_MODEL = "open_model", _("Self-hosted open model")


class CommercialUse(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    NOT_ALLOWED = "not_allowed", _("Not allowed")
    UNKNOWN = "unknown", _("Not checked")


class AiTool(models.Model):
    """An AI tool or model the company uses, with the exact version and its licence terms."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="ai_tools"
    )
    name = models.CharField(_("tool or model"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ToolKind.choices)
    version = models.CharField(
        _("exact version"),
        max_length=100,
        help_text=_("Licences differ by version (e.g. SD 1.5 vs SD 3.5): record it exactly."),
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    commercial_use = models.CharField(
        _("commercial use under the licence"),
        max_length=12,
        choices=CommercialUse.choices,
        default=CommercialUse.UNKNOWN,
    )
    attribution_required = models.BooleanField(_("attribution required"), default=False)
    output_ownership = models.CharField(_("who owns the output"), max_length=200, blank=True)
    revenue_threshold_usd = models.PositiveBigIntegerField(
        _("revenue threshold (USD a year)"),
        null=True,
        blank=True,
        help_text=_("Above this annual revenue the free licence no longer applies."),
    )
    use_restrictions = models.TextField(_("use restrictions (e.g. OpenRAIL)"), blank=True)
    users = models.CharField(_("who uses it"), max_length=300, blank=True)
    purpose = models.CharField(_("used for"), max_length=300, blank=True)
    used_commercially = models.BooleanField(_("used commercially"), default=True)

    class Meta:
        ordering = ["name", "version"]

    def __str__(self):
        return f"{self.name} {self.version}"


class AiAsset(models.Model):
    """A generated asset that went into marketing or a product, with its provenance."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="ai_assets"
    )
    title = models.CharField(_("asset"), max_length=200)
    tool = models.ForeignKey(AiTool, verbose_name=_("tool"), on_delete=models.PROTECT)
    tool_version = models.CharField(_("tool version used"), max_length=100)
    made_by = models.CharField(_("person"), max_length=200)
    created_on = models.DateField(_("date"))
    used_in = models.CharField(_("used in"), max_length=200, blank=True)
    market = models.CharField(_("market"), max_length=2, choices=MARKET_CHOICES)
    provenance = models.ForeignKey(
        "evidence.EvidenceRecord",
        verbose_name=_("provenance record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    labelled = models.BooleanField(_("carries the AI-content label"), default=False)

    class Meta:
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return self.title

"""Fixed lists a company profile is described with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 staff")
    SMALL = "10-49", _("10–49 staff")
    MEDIUM = "50-249", _("50–249 staff")
    LARGE = "250-500", _("250–500 staff")
    OVER = "500+", _("More than 500 staff")


class RevenueBand(models.TextChoices):
    UNDER_5M = "under_5m_usd", _("Under USD 5 million")
    FROM_5M = "5m_50m_usd", _("USD 5–50 million")
    FROM_50M = "50m_500m_usd", _("USD 50–500 million")
    OVER_500M = "over_500m_usd", _("Over USD 500 million")


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    ELECTRONICS = "electronics", _("Consumer electronics")
    ECOMMERCE = "ecommerce", _("Cross-border e-commerce")
    SOFTWARE = "software", _("Software and AI")
    TEXTILES = "textiles", _("Textiles and apparel")
    MACHINERY = "machinery", _("Machinery and equipment")
    NEW_ENERGY = "new_energy", _("New energy")
    OTHER = "other", _("Other")


class Market(models.TextChoices):
    CN = "CN", _("China")
    US = "US", _("United States")
    EU = "EU", _("European Union")
    GB = "GB", _("United Kingdom")
    JP = "JP", _("Japan")
    KR = "KR", _("South Korea")
    SEA = "SEA", _("Southeast Asia")
    OTHER = "OTHER", _("Other markets")


class Country(models.TextChoices):
    CN = "CN", _("China")
    HK = "HK", _("Hong Kong SAR")
    TW = "TW", _("Taiwan")
    US = "US", _("United States")
    GB = "GB", _("United Kingdom")
    DE = "DE", _("Germany")
    JP = "JP", _("Japan")
    KR = "KR", _("South Korea")
    SG = "SG", _("Singapore")
    VN = "VN", _("Vietnam")
    OTHER = "OTHER", _("Other")


class Language(models.TextChoices):
    EN = "en", _("English")
    ZH_HANS = "zh-hans", _("Simplified Chinese")

"""Exposures in words: rendered at read time in the reader's language from their codes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ipguard.products import coverage
from ipguard.products.models import Channel


def route_label(route: str) -> str:
    return {
        coverage.ROUTE_NATIONAL: _("National filing"),
        coverage.ROUTE_MADRID: _("Madrid designation"),
        coverage.ROUTE_PLATFORM: _("Platform brand registry"),
        coverage.ROUTE_FTO: _("FTO review"),
    }.get(route, route)


def _channel(code: str) -> str:
    return Channel(code).label if code in Channel.values else code


def exposure_reason(exposure: coverage.Exposure, market: str) -> str:
    p = exposure.params
    if exposure.kind == coverage.NO_MARK:
        return _("No mark “%(brand)s” filed or registered in %(market)s.") % {
            "brand": p["brand"],
            "market": market,
        }
    if exposure.kind == coverage.CLASS_NOT_COVERED:
        return _("The mark “%(brand)s” does not cover Nice class(es) %(classes)s.") % p
    if exposure.kind == coverage.NO_FTO:
        return _("No freedom-to-operate review in %(market)s.") % {"market": market}
    if exposure.kind == coverage.FTO_WAIVED:
        return _("Launched without an FTO review under a recorded waiver.")
    if exposure.kind == coverage.FTO_EXPIRED:
        reasons = {
            "design": _("the design changed since the review"),
            "period": _("the review period has passed"),
            "granted": _("a watched application was granted"),
        }
        return _("The FTO review of %(day)s has expired: %(reason)s.") % {
            "day": p.get("reviewed_on", ""),
            "reason": reasons.get(p.get("reason"), ""),
        }
    if exposure.kind == coverage.NO_PLATFORM_REGISTRATION:
        return _("“%(brand)s” is not enrolled in the %(channel)s brand registry.") % {
            "brand": p["brand"],
            "channel": _channel(p["channel"]),
        }
    return exposure.kind


def exposure_title(exposure: coverage.Exposure, market: str, product_name: str) -> str:
    """The action item's title: what to do, for which product and market."""
    p = exposure.params
    if exposure.kind == coverage.NO_MARK:
        if exposure.route == coverage.ROUTE_MADRID:
            return _("Designate %(market)s for the mark “%(brand)s” (Madrid)") % {
                "market": market,
                "brand": p["brand"],
            }
        return _("File the mark “%(brand)s” in %(market)s") % {
            "market": market,
            "brand": p["brand"],
        }
    if exposure.kind == coverage.CLASS_NOT_COVERED:
        return _("File “%(brand)s” in class(es) %(classes)s for %(product)s") % {
            **p,
            "product": product_name,
        }
    if exposure.kind in (coverage.NO_FTO, coverage.FTO_EXPIRED):
        return _("FTO review of %(product)s in %(market)s") % {
            "product": product_name,
            "market": market,
        }
    if exposure.kind == coverage.NO_PLATFORM_REGISTRATION:
        return _("Enrol “%(brand)s” in the %(channel)s brand registry") % {
            "brand": p["brand"],
            "channel": _channel(p["channel"]),
        }
    return exposure.kind


def fix_url(exposure: coverage.Exposure, product_id: int, market: str) -> str:
    """Where the user closes the gap."""
    p = exposure.params
    if exposure.kind in (coverage.NO_MARK, coverage.CLASS_NOT_COVERED):
        return reverse("portfolio:filing_create", args=[p["brand_id"]])
    if exposure.kind == coverage.NO_PLATFORM_REGISTRATION:
        return (
            reverse("products:registration_create")
            + f"?platform={p['channel']}&brand={p['brand_id']}"
        )
    return reverse("products:review_create", args=[product_id]) + f"?market={market}"

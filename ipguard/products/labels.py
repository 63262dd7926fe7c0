"""Exposures in words: rendered at read time in the reader's language from their codes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ipguard.products import ai_rules, coverage
from ipguard.products.models import Channel


def route_label(route: str) -> str:
    return {
        coverage.ROUTE_NATIONAL: _("National filing"),
        coverage.ROUTE_MADRID: _("Madrid designation"),
        coverage.ROUTE_PLATFORM: _("Platform brand registry"),
        coverage.ROUTE_FTO: _("FTO review"),
    }.get(route, route)


def exposure_link_text(exposure: coverage.Exposure) -> str:
    """The short text of a matrix cell's fix link: the route, and the platform where it matters."""
    if exposure.kind == coverage.NO_PLATFORM_REGISTRATION:
        return f"{route_label(exposure.route)}: {_channel(exposure.params['channel'])}"
    return route_label(exposure.route)


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


def ai_flag_title(flag: ai_rules.Flag) -> str:
    p = flag.params
    if flag.kind in (ai_rules.LICENCE_FORBIDS, ai_rules.LICENCE_UNKNOWN):
        return _("Check the licence of %(tool)s %(version)s for commercial use") % p
    if flag.kind in (ai_rules.REVENUE_OVER, ai_rules.REVENUE_MAYBE):
        return _("Check the revenue threshold of %(tool)s %(version)s") % p
    if flag.kind == ai_rules.NO_PROVENANCE:
        return _("Record the provenance of the AI-generated asset “%(title)s”") % p
    if flag.kind == ai_rules.NO_LABEL:
        return _("Label the AI-generated asset “%(title)s” for %(market)s") % p
    return _("Write or update the AI usage manual")


def ai_flag_reason(flag: ai_rules.Flag) -> str:
    p = flag.params
    reasons = {
        ai_rules.LICENCE_FORBIDS: _(
            "%(tool)s %(version)s is used commercially, but its licence does not allow it."
        ),
        ai_rules.LICENCE_UNKNOWN: _(
            "%(tool)s %(version)s is used commercially and its licence has not been checked."
        ),
        ai_rules.REVENUE_OVER: _(
            "The company's revenue band is above the USD %(threshold)s a year up to which the "
            "licence of %(tool)s %(version)s is free: an enterprise licence is needed."
        ),
        ai_rules.REVENUE_MAYBE: _(
            "The licence of %(tool)s %(version)s is free only up to USD %(threshold)s a year; "
            "the company's revenue band straddles that figure: check it."
        ),
        ai_rules.NO_PROVENANCE: _(
            "“%(title)s” has no provenance record (tool, version, person and date, kept in the "
            "evidence vault)."
        ),
        ai_rules.NO_LABEL: _(
            "“%(title)s” is used in %(market)s, where AI-generated content must be labelled "
            "(%(source)s)."
        ),
        ai_rules.MANUAL_MISSING: _("The company uses AI tools but has no AI usage manual."),
        ai_rules.MANUAL_OLD: _("The AI usage manual was last updated on %(updated_on)s."),
    }
    text = reasons.get(flag.kind, flag.kind) % p if p else reasons.get(flag.kind, flag.kind)
    if p.get("uncertain"):
        text += " " + _("(Uncertain: check whether the duty has been postponed.)")
    return text

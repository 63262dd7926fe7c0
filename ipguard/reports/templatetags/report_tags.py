"""Filters the report templates use to show stored codes and texts in the report's language."""

from django import template
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from ipguard.actions.models import ActionStatus, Tier
from ipguard.lib.i18n import pick as pick_text
from ipguard.lib.i18n import translate_stored
from ipguard.lib.sources import readable_source
from ipguard.portfolio.models import FilingStatus, Office, RightType

register = template.Library()

VERDICTS = {
    "recommended": _("Recommended"),
    "consider": _("Worth considering"),
    "not_now": _("Not now"),
}
CHOICES = {
    "tier": Tier,
    "action_status": ActionStatus,
    "office": Office,
    "filing_status": FilingStatus,
    "right": RightType,
}


@register.filter
def pick(texts):
    """A bilingual {"en", "zh_hans"} value in the active (report) language."""
    return pick_text(texts)


@register.filter
def choice_label(value, kind):
    """The translated label of a stored choice code; the code itself if it is no longer known."""
    if kind == "verdict":
        return VERDICTS.get(value, value)
    choices = CHOICES[kind]
    try:
        return choices(value).label
    except ValueError:
        return value


register.filter("translated", translate_stored)
register.filter("readable_source", readable_source)


@register.filter
def iso_date(value):
    return parse_date(value) if isinstance(value, str) else value


@register.filter
def signed(number):
    if number is None:
        return ""
    return f"+{number}" if number > 0 else ("±0" if number == 0 else str(number))


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, 0)


@register.filter
def signed_change(score, previous):
    """`score - previous` with its sign; empty when either is missing."""
    if score is None or previous is None:
        return ""
    return signed(score - previous)

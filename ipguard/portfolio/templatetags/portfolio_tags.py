"""Filters and tags for the portfolio templates."""

from django import template
from django.utils import timezone

from ipguard.lib.i18n import translate_stored
from ipguard.lib.sources import readable_source
from ipguard.portfolio.lapse import lapse_state
from ipguard.portfolio.rules import LOSES_NO_RIGHT_KINDS, extension_rule
from ipguard.portfolio.selectors import Entry

register = template.Library()
register.filter("translated", translate_stored)
register.filter("readable_source", readable_source)


@register.simple_tag(takes_context=True)
def lapse_of(context, item):
    """The lapse state of an open deadline (a Deadline or a calendar Entry), else None.

    Action items have no grace period and lose no right, so they get none; nor does an opposition
    window, at any office: it is the period for others to oppose the owner's mark, and no right
    of the owner lapses when it ends (LOSES_NO_RIGHT_KINDS).
    """
    if isinstance(item, Entry):
        if item.kind != "deadline" or not item.is_open or item.rule_kind in LOSES_NO_RIGHT_KINDS:
            return None
        due = item.due
    else:
        if not item.is_open or item.kind in LOSES_NO_RIGHT_KINDS:
            return None
        due = item.due_date
    today = context.get("today") or timezone.localdate()
    return lapse_state(due=due, grace_ends=item.grace_ends, today=today)


@register.simple_tag
def extension_of(item):
    """The rule of a deadline (a Deadline or a calendar Entry) whose `grace_ends` is the limit of
    an extension on request, not a grace period (US TTAB: 37 CFR 2.102(c)), else None."""
    if isinstance(item, Entry):
        if item.kind != "deadline":
            return None
        return extension_rule(item.rule_kind, item.office)
    return extension_rule(item.kind, item.filing.office)

"""Filters and tags for the portfolio templates."""

from django import template
from django.utils import timezone

from ipguard.lib.i18n import translate_stored
from ipguard.lib.sources import readable_source
from ipguard.portfolio.lapse import lapse_state
from ipguard.portfolio.selectors import Entry

register = template.Library()
register.filter("translated", translate_stored)
register.filter("readable_source", readable_source)


@register.simple_tag(takes_context=True)
def lapse_of(context, item):
    """The lapse state of an open deadline (a Deadline or a calendar Entry), else None.

    Action items have no grace period and lose no right, so they get none.
    """
    if isinstance(item, Entry):
        if item.kind != "deadline" or not item.is_open:
            return None
        due = item.due
    else:
        if not item.is_open:
            return None
        due = item.due_date
    today = context.get("today") or timezone.localdate()
    return lapse_state(due=due, grace_ends=item.grace_ends, today=today)

from django import template

from ipguard.lib.i18n import pick as pick_text
from ipguard.lib.sources import readable_source

register = template.Library()
register.filter("readable_source", readable_source)


@register.filter
def pick(texts):
    """A bilingual {"en", "zh_hans"} value in the active language."""
    return pick_text(texts)


@register.filter
def signed(number):
    return f"+{number}" if number and number > 0 else str(number)

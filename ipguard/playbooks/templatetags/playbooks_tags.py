from django import template

from ipguard.lib.i18n import pick as pick_text

register = template.Library()


@register.filter
def pick(texts):
    """A bilingual {"en", "zh_hans"} value in the active language."""
    return pick_text(texts)


@register.filter
def signed(number):
    return f"+{number}" if number and number > 0 else str(number)

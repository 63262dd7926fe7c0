from django import template
from django.conf import settings
from django.template.loader import get_template

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


# What crispy's `as_crispy_field` passes, plus the names its bootstrap5 field templates test
# without it passing them: each missing one raises and is caught inside the template engine
# (~90 a questionnaire page). Empty strings render exactly as missing ones do.
_QUESTION_FIELD_CONTEXT = {
    "form_show_errors": True,
    "form_show_labels": True,
    **dict.fromkeys(
        (
            "label_class",
            "field_class",
            "form_class",
            "wrapper_class",
            "inline_class",
            "tag",
            "flat_attrs",
            "help_text_inline",
            "error_text_inline",
        ),
        "",
    ),
}


@register.filter
def as_question_field(field):
    """A questionnaire field as `field|as_crispy_field` renders it, without failed lookups."""
    template = get_template(f"{settings.CRISPY_TEMPLATE_PACK}/field.html")
    return template.render({**_QUESTION_FIELD_CONTEXT, "field": field})

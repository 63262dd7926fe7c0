from django import template

from ipguard.evidence.deposits import deposits_covering

register = template.Library()


@register.inclusion_tag("evidence/_deposits.html", takes_context=True)
def record_deposits(context, record):
    membership = context.get("membership")
    return {
        "record": record,
        "deposits": deposits_covering(record),
        "can_edit": bool(membership and membership.can_edit),
    }

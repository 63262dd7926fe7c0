"""The products panel of the dashboard (listed in ipguard/core/dashboard.py): how many open gaps
the coverage matrix found, linking to the matrix. Two queries, whatever the company's size: the
gaps are counted from their action items, which `coverage_evaluate` keeps one per gap."""

from django.db.models import Count

from ipguard.accounts.tenancy import for_company
from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem
from ipguard.products.models import Product
from ipguard.products.services import ACTION_KEY_PREFIX

AI_KEY_PREFIX = ACTION_KEY_PREFIX + "ai:"  # AI-register flags are items of the app too


def products_panel(request):
    counts = for_company(request.company, Product).aggregate(
        products=Count("pk", distinct=True), markets=Count("markets__market", distinct=True)
    )
    if not counts["products"]:
        return None
    exposures = (
        for_company(request.company, ActionItem)
        .filter(
            origin=ActionItem.Origin.PRODUCTS,
            status__in=OPEN_ACTION_STATUSES,
            key__startswith=ACTION_KEY_PREFIX,
        )
        .exclude(key__startswith=AI_KEY_PREFIX)
        .count()
    )
    return {"template": "products/_dashboard_panel.html", "exposures": exposures, **counts}

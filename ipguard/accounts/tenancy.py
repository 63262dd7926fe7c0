"""The one door into tenant data.

Every view declares who may call it with `ipguard.accounts.permissions.permission`; every
lookup and list of a company's objects goes through `get_for_company` / `for_company` (which
rows are theirs). Another company's id is a 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404


def _queryset(model_or_queryset):
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    if isinstance(model_or_queryset, type) and issubclass(model_or_queryset, Model):
        return model_or_queryset._default_manager.all()
    raise TypeError(f"expected a model or a queryset, got {model_or_queryset!r}")


def company_lookup(model):
    """The ORM path from a model to its company: `company` unless the model says otherwise."""
    return getattr(model, "company_lookup", "company")


def for_company(company, model_or_queryset):
    """The rows of a model (or queryset) that belong to `company`."""
    queryset = _queryset(model_or_queryset)
    return queryset.filter(**{company_lookup(queryset.model): company})


def get_for_company(request, model_or_queryset, **lookup):
    """One object of the request's current company, or 404 (never another tenant's row)."""
    if getattr(request, "membership", None) is None:
        raise PermissionDenied("No company selected.")
    return get_object_or_404(for_company(request.membership.company, model_or_queryset), **lookup)

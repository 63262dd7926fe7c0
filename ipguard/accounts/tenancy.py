"""The one door into tenant data.

Every view that reads or writes a company's objects goes through `member_required` (who may do
what) and `get_for_company` / `for_company` (which rows are theirs). Another company's id is a 404;
a viewer's write is a 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, redirect

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def member_required(view=None, *, owner_only=False):
    """Require a signed-in member of the current company; writes need an editor or owner."""

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = request.membership
            if membership is None:
                return redirect("accounts:company_create")
            if owner_only and not membership.is_owner:
                raise PermissionDenied("Only the company's owners can do this.")
            if request.method not in SAFE_METHODS and not membership.can_edit:
                raise PermissionDenied("Viewers cannot change anything.")
            return view_func(request, *args, **kwargs)

        return wrapper

    if view is not None:
        return decorate(view)
    return decorate


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

from django.core.paginator import Paginator
from django.shortcuts import render

from ipguard.accounts.permissions import Level, permission
from ipguard.audit.forms import AuditFilterForm
from ipguard.audit.selectors import event_actors, events_for

PAGE_SIZE = 50


@permission(read=Level.OWNER)
def audit_log(request):
    form = AuditFilterForm(request.GET or None, actors=event_actors(request.company))
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "category": form.cleaned_data["category"],
            "actor_email": form.cleaned_data["actor"],
            "since": form.cleaned_data["since"],
            "until": form.cleaned_data["until"],
        }
    events = (
        events_for(request.company, **filters)
        if not form.errors
        else events_for(request.company).none()
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.i18n import set_language

from ipguard.accounts.permissions import Level, permission
from ipguard.core.models import WorkerHeartbeat
from ipguard.lib.fragments import cached_body


@permission(read=Level.ANYONE)
def home(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@permission(read=Level.VIEWER)
def dashboard(request):
    # The panels are cached per company, role, language, time zone and day, under the company's
    # data version that every write to their data bumps (ipguard/lib/fragments.py).
    panels = cached_body(
        request,
        "dashboard-panels",
        "core/_dashboard_panels.html",
        lambda request: {"sections": dashboard_sections(request)},
        per_user=False,
    )
    return render(request, "core/dashboard.html", {"panels": panels})


def dashboard_sections(request):
    """Panels that other apps contribute to the dashboard, in order (see each app's `dashboard`)."""
    from ipguard.core.dashboard import collect_panels

    return collect_panels(request)


@permission(write=Level.ANYONE)
def language_switch(request):
    """Switch the interface language and remember it on the user's profile."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
        translation.activate(language)
    return set_language(request)


@permission(read=Level.ANYONE)
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = WorkerHeartbeat.objects.filter(name="worker").first()
    age = (timezone.now() - beat.last_seen).total_seconds() if beat else None
    return JsonResponse(
        {
            "database": "ok",
            "worker_last_seen": beat.last_seen.isoformat() if beat else None,
            "worker_seconds_ago": round(age) if age is not None else None,
        }
    )

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language

from ipguard.accounts.tenancy import member_required
from ipguard.core.models import WorkerHeartbeat


@require_safe
def home(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@require_safe
@member_required
def dashboard(request):
    return render(request, "core/dashboard.html", {"sections": dashboard_sections(request)})


def dashboard_sections(request):
    """Panels that other apps contribute to the dashboard, in order (see each app's `dashboard`)."""
    from ipguard.core.dashboard import collect_panels

    return collect_panels(request)


@require_POST
def language_switch(request):
    """Switch the interface language and remember it on the user's profile."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
        translation.activate(language)
    return set_language(request)


@require_safe
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

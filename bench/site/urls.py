"""The app's URLs and one login-required view that only answers "ok" (the load test's baseline)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from ipguard.urls import urlpatterns as app_urlpatterns


@login_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*app_urlpatterns, path("bench/bare/", bare)]

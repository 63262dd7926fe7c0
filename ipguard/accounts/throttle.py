"""Login throttling with django-axes: by account and by client address.

Axes counts failed logins (the login page and the admin's, through `ThrottledBackend`) and, through
`throttled`, failed sign-ups and password-reset requests. After AXES_FAILURE_LIMIT failures for one
email address or one client address, that address is refused for AXES_COOLOFF_TIME, and the
lockout page says how long to wait.
"""

import math
from functools import wraps

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


class ThrottledBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before any password is checked.

    Web logins always pass the request. A call without one (the shell, the test client's
    `login()`) is not a web attempt and has no address to count, so it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the proxy-added X-Forwarded-For entry.

    Behind TRUSTED_PROXY_COUNT proxies, the address the outermost of them saw is that many entries
    from the right of X-Forwarded-For; entries further left are whatever the client sent.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def username_of(request, credentials) -> str:
    """The email address an attempt was for, compared without case (Owner@ = owner@)."""
    source = credentials if credentials else getattr(request, "POST", {})
    # A NUL byte cannot be stored in PostgreSQL text; the form refuses it with a message.
    return (source.get("username") or "").replace("\x00", "").strip().lower()[:254]


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "accounts/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def throttled(*, email_field: str, count_every_post: bool = False):
    """Throttle a form view that takes an email address (sign-up, password reset) like the login.

    A locked-out address is refused before the view runs. A submission the view rejects counts
    as a failure; with `count_every_post`, every submission counts (a reset request always
    "succeeds", so as not to reveal whether the account exists, but it sends an email).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            credentials = {"username": request.POST.get(email_field, "")}
            if not AxesProxyHandler.is_allowed(request, credentials):
                return get_lockout_response(request, credentials=credentials)
            response = view(request, *args, **kwargs)
            rejected = response.status_code == 200 or response.status_code >= 400
            if count_every_post or rejected:
                user_login_failed.send(
                    sender=view.__module__, credentials=credentials, request=request
                )
                if getattr(request, "axes_locked_out", False):
                    return get_lockout_response(request, credentials=credentials)
            return response

        return wrapper

    return decorate

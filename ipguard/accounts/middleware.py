import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation

from ipguard.accounts.selectors import current_and_other_memberships, two_factor_device


class CurrentCompanyMiddleware:
    """Attach `request.membership` and `request.company` for the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership, others = None, []
        if request.user.is_authenticated:
            membership, others = current_and_other_memberships(request.user)
        request.membership = membership
        request.other_memberships = others  # the company switcher, without a query of its own
        request.company = membership.company if membership else None
        return self.get_response(request)


class UserLanguageMiddleware:
    """Speak the signed-in user's saved language until the browser picks one with the switch.

    LocaleMiddleware runs before authentication, so it only sees the cookie and the browser's
    Accept-Language; a colleague who chose Chinese in their profile should get Chinese on any
    machine they log in from.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        chosen = getattr(user, "language", "") if user.is_authenticated else ""
        if chosen and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TwoFactorMiddleware:
    """Hold a signed-in session at the second factor until it is given.

    A person with an authenticator is asked for its code after the password (until then every
    page leads to the code page); a member of a company that requires the second factor and has
    none yet is sent to set one up. Needs OTPMiddleware and CurrentCompanyMiddleware before it.
    """

    OPEN_URL_NAMES = {
        "accounts:two_factor_verify",
        "accounts:two_factor_setup",
        "accounts:logout",
        "core:language_switch",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_open(request):
            next_query = urlencode({"next": request.get_full_path()})
            if two_factor_device(user) is not None:
                return redirect(f"{reverse('accounts:two_factor_verify')}?{next_query}")
            company = getattr(request, "company", None)
            if company is not None and company.require_two_factor:
                return redirect(f"{reverse('accounts:two_factor_setup')}?{next_query}")
        return self.get_response(request)

    def _is_open(self, request):
        path = request.path_info
        if path.startswith(("/" + settings.STATIC_URL.lstrip("/"), "/favicon")):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return True
        return match.view_name in self.OPEN_URL_NAMES


class UserTimeZoneMiddleware:
    """Show every time in the signed-in user's saved time zone (profile), for this request only.

    Times are stored in UTC; templates and `timezone.localdate()` follow the active zone, so a
    comment written at 09:00 in Shanghai reads 09:00, and "today" on the calendar is the user's
    day. A zone name that is no longer known falls back to the server's TIME_ZONE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        try:
            zone = zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
        if zone is None:
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

from ipguard.accounts.selectors import current_membership


class CurrentCompanyMiddleware:
    """Attach `request.membership` and `request.company` for the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = None
        if request.user.is_authenticated:
            membership = current_membership(request.user)
        request.membership = membership
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

from django.conf import settings
from django.utils import translation

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

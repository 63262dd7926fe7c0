"""Refuse input no field can hold, once, before any view sees it."""

from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return True
    # Only URL-encoded bodies: reading a multipart body here would run before the views that
    # install their own upload handlers (evidence); their text fields are form fields, and
    # Django's form fields refuse NUL themselves.
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        return any(
            NUL in key or any(NUL in v for v in values) for key, values in request.POST.lists()
        )
    return False


class RefuseNulCharactersMiddleware:
    """A NUL character (U+0000) in the address, the query or a form: a 400 that says so.

    PostgreSQL cannot store NUL in text, so a search box, a feed token or a hand-read field
    holding one would otherwise fail deep inside a query as a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return render(
                request,
                "core/bad_input.html",
                {
                    "message": _(
                        "The request contains a NUL character (U+0000), which no field accepts. "
                        "Remove it and try again."
                    )
                },
                status=400,
            )
        return self.get_response(request)

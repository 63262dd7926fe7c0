"""Refuse an oversized request body before anything reads it.

Django reads a POST body when a view (or the CSRF check, in CsrfViewMiddleware.process_view)
first touches request.POST; file parts are streamed to temporary files whatever their size. This
middleware compares the declared Content-Length with the view's limit first and answers 413, so
an anonymous 300 MB POST to the login page costs nothing. Most views take REQUEST_MAX_BODY_MB;
a view that needs more (evidence uploads) says so with `@allows_request_body`.

It must come before CsrfViewMiddleware in MIDDLEWARE (its process_view runs first).
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.shortcuts import render

MEGABYTE = 1024 * 1024


def allows_request_body(max_bytes: Callable[[], int]):
    """Let one view accept bodies up to `max_bytes()` (read per request, so settings apply)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.max_request_body = max_bytes
        return wrapper

    return decorate


def declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_request_body", None)
        max_bytes = limit() if limit else settings.REQUEST_MAX_BODY_MB * MEGABYTE
        if declared_length(request) > max_bytes:
            return render(
                request,
                "request_too_large.html",
                {"limit_mb": max(max_bytes // MEGABYTE, 1)},
                status=413,
            )
        return None

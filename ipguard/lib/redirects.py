"""Where to go after a form: a `next` target only if it is a path on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request) -> str | None:
    """The request's `next` (POST, then GET) when it is a local path, else None.

    A bare word is refused as well as another host: `redirect()` would read it as a URL name.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, {request.get_host()})
    ):
        return target
    return None

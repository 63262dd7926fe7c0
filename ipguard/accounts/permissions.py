"""Who may do what: one declaration on every view, and the template flags derived from it.

Every view says, with `@permission(read=..., write=...)`, the lowest level that may read it
(GET, HEAD, OPTIONS) and the lowest level that may change something through it (POST). A
method left out is not served (405). Nothing else in a view checks roles: templates read the
`may` flags (`may.edit`, `may.own`) that `may_flags` derives from the same levels, and services
ask `membership_allows`.

Which rows a view may touch is the other half of the door: `ipguard.accounts.tenancy`.
"""

from dataclasses import dataclass
from enum import IntEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect

from ipguard.accounts.choices import Role


class Level(IntEnum):
    ANYONE = 0  # no sign-in: login, signup, links signed for one person, health
    SIGNED_IN = 1  # any signed-in user, with or without a company
    VIEWER = 2  # any member of the current company
    EDITOR = 3
    OWNER = 4


ROLE_LEVELS = {Role.VIEWER: Level.VIEWER, Role.EDITOR: Level.EDITOR, Role.OWNER: Level.OWNER}
READ_METHODS = ("GET", "HEAD", "OPTIONS")
WRITE_METHODS = ("POST",)


@dataclass(frozen=True)
class Permission:
    """The lowest level for reading and for writing; None = the method is not served."""

    read: Level | None
    write: Level | None

    @property
    def methods(self) -> tuple[str, ...]:
        return (READ_METHODS if self.read is not None else ()) + (
            WRITE_METHODS if self.write is not None else ()
        )

    def level_for(self, method: str) -> Level | None:
        if method in READ_METHODS:
            return self.read
        if method in WRITE_METHODS:
            return self.write
        return None


def membership_allows(membership, level: Level) -> bool:
    """Whether a membership (None: signed in without a company) reaches `level`."""
    if level <= Level.SIGNED_IN:
        return True
    return membership is not None and ROLE_LEVELS[membership.role] >= level


def request_allows(request, level: Level) -> bool:
    if level == Level.ANYONE:
        return True
    if not request.user.is_authenticated:
        return False
    return membership_allows(getattr(request, "membership", None), level)


def may_flags(request) -> dict[str, bool]:
    """What the templates may offer the current user (`may.edit`, `may.own`)."""
    return {
        "edit": request_allows(request, Level.EDITOR),
        "own": request_allows(request, Level.OWNER),
    }


def permission(*, read: Level | None = None, write: Level | None = None):
    """Declare who may call a view; the declaration is kept on the view as `.permission`."""
    if read is None and write is None:
        raise ValueError("a view must serve reads, writes or both")
    declared = Permission(read=read, write=write)

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            needed = declared.level_for(request.method)
            if needed is None:
                return HttpResponseNotAllowed(declared.methods)
            if needed > Level.ANYONE and not request.user.is_authenticated:
                # Imported here: accounts.models imports this module while the apps load.
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            membership = getattr(request, "membership", None)
            if needed >= Level.VIEWER and membership is None:
                return redirect("accounts:company_create")
            if not membership_allows(membership, needed):
                raise PermissionDenied(f"This needs the {needed.name.lower()} role.")
            return view_func(request, *args, **kwargs)

        wrapper.permission = declared
        return wrapper

    return decorate

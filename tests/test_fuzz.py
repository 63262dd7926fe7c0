"""Every URL, every form field and query parameter, hostile values: no answer may be a 500.

The URLs come from the resolver (as in the isolation test), each filled with the owner's own
objects so the views get past their 404s. The parameter names are read from each page's forms
and links, plus the query parameters the views read by hand. Each round sends every name at once
with a different hostile value per name, so every name meets every value in len(HOSTILE) rounds;
a last round sends NUL everywhere.
"""

import logging
import time
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from tests.test_tenant_isolation import (
    _object_factories,
    _url_arguments,
    iter_named_patterns,
)

HOSTILE = [
    "x" * 10_000,
    "9999-12-31",
    "0001-01-01",
    "-1",
    "99999999999999999999999",
    "中文😀\u202e<script>",
]
# NUL has a round of its own: the middleware refuses a whole request that carries one, which
# would hide what the other values do to the views.
NUL = "\x00"
# Query parameters read by views without a form (request.GET.get in the views).
KNOWN_PARAMETERS = {"page", "on", "month", "q", "format", "status", "right", "office", "owner",
                    "archived", "corrects", "lang", "next", "tier", "restore", "wake", "action",
                    "language", "shown", "notes"}  # fmt: skip
# Path values for URLs whose argument is a token, not an object id.
HOSTILE_PATH_VALUES = [NUL, "x" * 2000, "中文😀", "99999999999999999999999"]
# POSTs that would end the session under test; each has its own tests.
SKIPPED_POSTS = {"accounts:logout", "accounts:company_leave", "accounts:company_delete"}


CSRF = "csrfmiddlewaretoken"


class _Names(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "select", "textarea", "button") and name not in (None, "", CSRF):
            self.names.add(name)
        if tag == "a" and "?" in (attrs.get("href") or ""):
            self.names.update(name for name, _value in parse_qsl(urlsplit(attrs["href"]).query))


def _names_on(response):
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    parser = _Names()
    parser.feed(response.content.decode(errors="replace"))
    return parser.names


def _urls(company):
    """(name, url, fuzz the parameters?) for every URL; token URLs once per hostile token."""
    factories = _object_factories()
    made = {}

    def value_of(argument):  # one object per argument: some factories are unique per company
        if argument not in made:
            made[argument] = factories[argument](company)
        return made[argument]

    for name, pattern in iter_named_patterns():
        arguments = _url_arguments(pattern)
        if all(argument in factories for argument in arguments):
            yield name, reverse(name, kwargs={a: value_of(a) for a in arguments}), True
            continue
        for value in HOSTILE_PATH_VALUES:  # token URLs: the token itself is the hostile input
            kwargs = {a: value_of(a) if a in factories else value for a in arguments}
            try:
                yield name, reverse(name, kwargs=kwargs), False
            except Exception:  # a converter refuses the value: the URL cannot be reached at all
                continue


def _rounds(names):
    names = sorted(names)
    for shift in range(len(HOSTILE)):
        yield {name: HOSTILE[(i + shift) % len(HOSTILE)] for i, name in enumerate(names)}
    yield dict.fromkeys(names, NUL)


@pytest.fixture
def quiet_request_log():
    """Hundreds of expected 400s and 404s would bury a real failure in the log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def _request(client, method, url, data):
    """One request in a savepoint: a database error inside it must not poison the walk."""
    savepoint = transaction.savepoint()
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return response


@pytest.mark.django_db
def test_no_hostile_input_gives_a_500(personas, owner_client, quiet_request_log):
    owner_client.raise_request_exception = False
    failures, requests = [], 0
    started = time.monotonic()
    urls = list(_urls(personas.company))  # every object made before a POST can make its own
    for name, url, with_parameters in urls:
        first = _request(owner_client, "get", url, {})
        if first.status_code >= 500:
            failures.append(("GET", url[:80], first.status_code, {}))
        rounds = _rounds(_names_on(first) | KNOWN_PARAMETERS) if with_parameters else [{}]
        for data in rounds:
            for method in ("get", "post"):
                if method == "post" and name in SKIPPED_POSTS:
                    continue
                response = _request(owner_client, method, url, data)
                requests += 1
                if response.status_code >= 500:
                    hostile = {k: v[:20] for k, v in data.items()}
                    failures.append((method.upper(), url[:80], response.status_code, hostile))
        owner_client.force_login(personas.owner)  # a POST may have switched or ended something
    print(f"{requests} hostile requests in {time.monotonic() - started:.1f} s")
    assert requests > 500
    assert not failures, "\n".join(repr(f[:3]) for f in failures[:40])

import pytest


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request in another language leaves it active in the thread; services called directly
    by a later test would then write their history in that language. (The pure-Python rules
    tests also run without Django configured; they need nothing here.)"""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield

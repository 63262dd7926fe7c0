from dataclasses import dataclass

import pytest

# Pure-Python tests (rules, scoring, hash chain) also run with `-p no:django`, so nothing here
# imports Django models at module level.


def pytest_configure(config):
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # PBKDF2 at full strength costs ~0.3 s a user; every test user would pay it. Nothing in
        # the suite measures hashing strength, and login checks still hash and compare.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # One process's memory, emptied before each test (tests/lib/test_cache.py covers Redis).
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Test databases reuse primary keys: a cached fragment must not outlive its test."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language(request):
    """Each test starts in the default language: a request in Chinese leaves Chinese active in
    its thread (LocaleMiddleware never deactivates), which would leak into the next test."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class Personas:
    """The people every access test needs: three roles in one company, and an outsider."""

    company: object
    owner: object
    editor: object
    viewer: object
    other_company: object
    outsider: object

    def client_for(self, user):
        from django.test import Client

        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def personas(db):
    from tests.factories import CompanyFactory, member

    company = CompanyFactory(name="Acme Lighting")
    other_company = CompanyFactory(name="Rival Widgets")
    return Personas(
        company=company,
        owner=member(company, "owner", email="owner@acme.test"),
        editor=member(company, "editor", email="editor@acme.test"),
        viewer=member(company, "viewer", email="viewer@acme.test"),
        other_company=other_company,
        outsider=member(other_company, "owner", email="owner@rival.test"),
    )


@pytest.fixture
def owner_client(personas):
    return personas.client_for(personas.owner)


@pytest.fixture
def editor_client(personas):
    return personas.client_for(personas.editor)


@pytest.fixture
def viewer_client(personas):
    return personas.client_for(personas.viewer)


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_collection_modifyitems(config, items):
    """Mark every test that touches the database, so `make test-fast` can leave them out."""
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.database)

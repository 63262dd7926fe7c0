"""Oversized bodies are refused before they are read; evidence uploads keep their larger limit."""

import pytest
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from ipguard.lib.request_limits import MEGABYTE, RequestBodyLimitMiddleware

pytestmark = pytest.mark.django_db

BOUNDARY = "----probe"
SMALL_BODY = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
    "Content-Type: application/octet-stream\r\n\r\n" + "x" * 1000 + f"\r\n--{BOUNDARY}--\r\n"
).encode()


def _declared_post(client, path, declared_bytes):
    """A POST that declares `declared_bytes` but carries 1 KB: reading it would fail loudly.

    The test client's FakePayload raises if more is read than it holds, so a 413 here proves the
    body was never read (nothing near 300 MB is allocated).
    """
    return client.generic(
        "POST",
        path,
        data=SMALL_BODY,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(declared_bytes),
    )


def test_an_anonymous_300_mb_post_to_the_login_page_is_refused_unread():
    response = _declared_post(Client(), reverse("accounts:login"), 300 * MEGABYTE)
    assert response.status_code == 413
    assert "larger than this page accepts (10 MB)" in response.content.decode()


def test_the_refusal_comes_before_the_csrf_check():
    client = Client(enforce_csrf_checks=True)
    assert _declared_post(client, reverse("accounts:signup"), 300 * MEGABYTE).status_code == 413


def test_the_refusal_is_in_chinese_for_chinese_readers():
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    response = _declared_post(client, reverse("accounts:login"), 300 * MEGABYTE)
    assert "10 MB" in response.content.decode() and "过大" in response.content.decode()


def test_a_body_within_the_limit_reaches_the_view(client):
    response = client.post(reverse("accounts:login"), {"username": "a@b.test", "password": "x"})
    assert response.status_code == 200  # the form's own answer: wrong credentials


def _decision(path, declared_bytes):
    request = RequestFactory().post(path, data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(declared_bytes)
    middleware = RequestBodyLimitMiddleware(lambda request: None)
    response = middleware.process_view(request, resolve(path).func, (), {})
    return None if response is None else response.status_code


def test_evidence_uploads_keep_their_larger_limit(settings):
    upload = reverse("evidence:record_create")
    login = reverse("accounts:login")
    assert _decision(login, 11 * MEGABYTE) == 413
    assert _decision(upload, 300 * MEGABYTE) is None
    assert _decision(upload, settings.EVIDENCE_MAX_REQUEST_MB * MEGABYTE + 1) == 413
    settings.EVIDENCE_MAX_REQUEST_MB = 100
    assert _decision(upload, 300 * MEGABYTE) == 413


def test_a_malformed_content_length_is_not_an_error():
    assert _decision(reverse("accounts:login"), "not-a-number") is None

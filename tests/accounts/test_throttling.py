"""Brute force is locked out (django-axes): by account and by client address, then unlocked."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipguard.accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 5  # settings.AXES_FAILURE_LIMIT
LOGIN = "/accounts/login/"


def _login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_the_account_then_the_cool_off_unlocks_it(client):
    UserFactory(email="li@example.com")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(LIMIT - 1):
            assert _login(client, "li@example.com", "wrong").status_code == 200
        locked = _login(client, "li@example.com", "wrong")
        assert locked.status_code == 429
        text = locked.content.decode()
        assert "Too many attempts" in text and "Wait 15 minutes" in text

        # Even the right password is refused while locked, from another address too.
        assert _login(client, "Li@Example.com", TEST_PASSWORD, ip="10.9.9.9").status_code == 429
        assert "_auth_user_id" not in client.session

        traveller.shift(timedelta(minutes=16))
        response = _login(client, "li@example.com", TEST_PASSWORD, ip="10.9.9.9")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_one_address_trying_many_accounts_is_locked(client):
    for number in range(LIMIT):
        response = _login(client, f"guess{number}@example.com", "wrong", ip="10.0.0.2")
    assert response.status_code == 429
    UserFactory(email="real@example.com")
    assert _login(client, "real@example.com", TEST_PASSWORD, ip="10.0.0.2").status_code == 429
    # Another address is not affected.
    assert _login(client, "real@example.com", TEST_PASSWORD, ip="10.0.0.3").status_code == 302


def test_the_admin_login_is_throttled_too(client):
    UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(LIMIT):
        response = client.post(
            url, {"username": "admin@example.com", "password": "wrong"}, REMOTE_ADDR="10.0.1.1"
        )
    assert response.status_code == 429
    response = client.post(
        url, {"username": "admin@example.com", "password": TEST_PASSWORD}, REMOTE_ADDR="10.0.1.2"
    )
    assert response.status_code == 429


def test_password_reset_requests_are_throttled(client):
    UserFactory(email="reset@example.com")
    url = reverse("accounts:password_reset")
    for _ in range(LIMIT - 1):
        response = client.post(url, {"email": "reset@example.com"}, REMOTE_ADDR="10.0.2.1")
        assert response.status_code == 302
    assert (
        client.post(url, {"email": "reset@example.com"}, REMOTE_ADDR="10.0.2.1").status_code == 429
    )
    assert (
        client.post(url, {"email": "reset@example.com"}, REMOTE_ADDR="10.0.2.2").status_code == 429
    )
    assert len(mail.outbox) == LIMIT


def test_failed_signups_are_throttled(client):
    UserFactory(email="taken@example.com")
    url = reverse("accounts:signup")
    form = {
        "full_name": "Probe",
        "email": "taken@example.com",
        "language": "en",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
    }
    for _ in range(LIMIT - 1):
        assert client.post(url, form, REMOTE_ADDR="10.0.3.1").status_code == 200
    assert client.post(url, form, REMOTE_ADDR="10.0.3.1").status_code == 429
    fresh = {**form, "email": "fresh@example.com"}
    assert client.post(url, fresh, REMOTE_ADDR="10.0.3.1").status_code == 429
    assert client.post(url, fresh, REMOTE_ADDR="10.0.3.9").status_code == 302


def test_a_successful_login_clears_earlier_failures(client):
    UserFactory(email="typo@example.com")
    for _ in range(LIMIT - 1):
        _login(client, "typo@example.com", "wrong")
    assert _login(client, "typo@example.com", TEST_PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "typo@example.com", "wrong").status_code == 200


def test_the_lockout_page_is_in_chinese(client):
    client.cookies["django_language"] = "zh-hans"
    for _ in range(LIMIT):
        response = _login(client, "cn@example.com", "wrong", ip="10.0.4.1")
    assert response.status_code == 429
    assert "15 分钟" in response.content.decode()


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(LIMIT):
        response = client.post(
            LOGIN,
            {"username": f"p{number}@example.com", "password": "wrong"},
            REMOTE_ADDR="172.18.0.2",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
        )
    assert response.status_code == 429
    # Another client behind the same proxy is not locked; the spoofed left entry is ignored.
    UserFactory(email="ok@example.com")
    response = client.post(
        LOGIN,
        {"username": "ok@example.com", "password": TEST_PASSWORD},
        REMOTE_ADDR="172.18.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert response.status_code == 302

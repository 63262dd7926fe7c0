import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_by_email(client):
    user = UserFactory(email="forgetful@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "forgetful@example.com"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Reset your IPGuard password" in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-77", "new_password2": "a-brand-new-secret-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-77")


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "another-long-secret-42",
            "new_password2": "another-long-secret-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-secret-42")


def test_password_reset_email_follows_the_email_language_not_the_interface(client):
    UserFactory(email="li.wei@example.com", language="en", email_language="zh-hans")
    client.post(reverse("accounts:password_reset"), {"email": "li.wei@example.com"})
    assert "重置您的 IPGuard 密码" in mail.outbox[-1].subject
    UserFactory(email="zhang.min@example.com", language="zh-hans", email_language="en")
    client.post(reverse("accounts:password_reset"), {"email": "zhang.min@example.com"})
    assert "Reset your IPGuard password" in mail.outbox[-1].subject

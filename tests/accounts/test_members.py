import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from ipguard.accounts.models import Invitation, Membership, User
from tests.factories import TEST_PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite(client, email="new.hire@example.com", role="editor"):
    return client.post(reverse("accounts:invitation_create"), {"email": email, "role": role})


def _link_from_last_email():
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/accounts/invitations/\S+/", body).group(0)


def test_owner_invites_and_the_invitee_joins(
    personas, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(owner_client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.hire@example.com"]
    assert "Acme Lighting" in message.subject
    assert message.alternatives[0][1] == "text/html"

    path = "/accounts/" + _link_from_last_email().split("/accounts/", 1)[1]
    # A stranger first sees a page asking them to log in or sign up.
    assert "Log in or create an account" in client.get(path).content.decode()

    signup = client.get(path + "signup/").content.decode()
    assert 'value="new.hire@example.com"' in signup
    response = client.post(
        path + "signup/",
        {
            "full_name": "New Hire",
            # The address is the invited one whatever the form sends.
            "email": "someone.else@example.com",
            "language": "en",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="someone.else@example.com").exists()
    user = User.objects.get(email="new.hire@example.com")
    # The link reached the inbox: the address counts as verified.
    assert user.email_verified_at is not None
    membership = Membership.objects.get(user=user)
    assert membership.company == personas.company
    assert membership.role == "editor"

    # The link works once.
    again = client.post(path)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_invitation_link_expires_after_seven_days(
    personas, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client)
    path = "/accounts/" + _link_from_last_email().split("/accounts/", 1)[1]
    with time_machine.travel(timedelta(days=8)):
        response = client.get(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_tampered_invitation_link_is_refused(client):
    response = client.get(reverse("accounts:invitation_accept", args=["forged-token:abc"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_withdrawn_invitation_cannot_be_used(
    personas, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client)
    invitation = Invitation.objects.get()
    owner_client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    path = "/accounts/" + _link_from_last_email().split("/accounts/", 1)[1]
    assert "withdrawn" in client.get(path).content.decode()


def test_inviting_an_existing_member_is_refused_in_the_page(personas, owner_client):
    response = _invite(owner_client, email="editor@acme.test")
    assert response.status_code == 400
    assert "already a member" in response.content.decode()


def test_editors_cannot_invite(editor_client):
    assert _invite(editor_client).status_code == 403


def test_owner_changes_roles_and_removes_members(personas, owner_client):
    editor_membership = Membership.objects.get(user=personas.editor)
    owner_client.post(
        reverse("accounts:membership_role", args=[editor_membership.pk]), {"role": "viewer"}
    )
    editor_membership.refresh_from_db()
    assert editor_membership.role == "viewer"

    owner_client.post(reverse("accounts:membership_remove", args=[editor_membership.pk]))
    assert not Membership.objects.filter(pk=editor_membership.pk).exists()


def test_the_last_owner_cannot_be_demoted_removed_or_leave(personas, owner_client):
    own = Membership.objects.get(user=personas.owner)
    response = owner_client.post(
        reverse("accounts:membership_role", args=[own.pk]), {"role": "editor"}, follow=True
    )
    assert "at least one owner" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "owner"

    owner_client.post(reverse("accounts:membership_remove", args=[own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()

    response = owner_client.post(reverse("accounts:company_leave"), follow=True)
    assert "last owner" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_owner_can_leave_once_another_owner_exists(personas, owner_client):
    editor_membership = Membership.objects.get(user=personas.editor)
    owner_client.post(
        reverse("accounts:membership_role", args=[editor_membership.pk]), {"role": "owner"}
    )
    owner_client.post(reverse("accounts:company_leave"))
    assert not Membership.objects.filter(user=personas.owner, company=personas.company).exists()


def test_viewer_sees_members_but_cannot_change_them(personas, viewer_client):
    page = viewer_client.get(reverse("accounts:members"))
    assert page.status_code == 200
    assert "owner@acme.test" in page.content.decode()
    assert "Send invitation" not in page.content.decode()


def _path_of_last_link():
    return "/accounts/" + _link_from_last_email().split("/accounts/", 1)[1]


def test_a_forwarded_link_gives_another_companys_member_no_role(
    personas, owner_client, django_capture_on_commit_callbacks
):
    """The attack of issue 14: a member of another company took the owner role with the link."""
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, email="new.owner@example.com", role="owner")
    path = _path_of_last_link()
    attacker = personas.client_for(personas.outsider)

    page = attacker.get(path)
    assert page.status_code == 403
    text = page.content.decode()
    assert "new.owner@example.com" in text
    assert "Sign out and continue" in text

    assert attacker.post(path).status_code == 403
    assert not Membership.objects.filter(user=personas.outsider, company=personas.company).exists()
    invitation = Invitation.objects.get(email="new.owner@example.com")
    assert invitation.is_pending

    # Signing out from that page comes back to the link, ready for the right person.
    response = attacker.post(reverse("accounts:logout"), {"next": path})
    assert response.status_code == 302
    assert response["Location"] == path


def test_the_service_refuses_anyone_but_the_addressee(personas):
    from ipguard.accounts.services import InvitationError, invitation_accept

    invitation = InvitationFactory(company=personas.company, email="invitee@example.com")
    with pytest.raises(InvitationError) as error:
        invitation_accept(invitation=invitation, user=personas.outsider)
    assert error.value.reason == "other_address"
    assert not Membership.objects.filter(user=personas.outsider, company=personas.company).exists()


def test_the_addressee_is_matched_without_regard_to_case(personas):
    from ipguard.accounts.services import invitation_accept

    invitation = InvitationFactory(
        company=personas.company, email="Mixed.Case@Example.COM", role="viewer"
    )
    user = UserFactory(email="mixed.case@example.com")
    membership = invitation_accept(invitation=invitation, user=user)
    assert membership.company == personas.company and membership.role == "viewer"


def test_an_existing_account_of_the_addressee_logs_in_and_joins(
    personas, owner_client, client, django_capture_on_commit_callbacks
):
    UserFactory(email="colleague@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, email="colleague@example.com", role="viewer")
    path = _path_of_last_link()
    login = client.post(
        reverse("accounts:login") + f"?next={path}",
        {"username": "colleague@example.com", "password": TEST_PASSWORD, "next": path},
    )
    assert login["Location"] == path
    assert "Accept the invitation" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user__email="colleague@example.com").role == "viewer"


def test_reinviting_replaces_the_pending_invitation_and_kills_the_old_link(
    personas, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, email="twice@example.com", role="owner")
    old_path = _path_of_last_link()
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(owner_client, email="Twice@Example.com", role="viewer")
    assert response.status_code == 302
    new_path = _path_of_last_link()
    assert new_path != old_path

    pending = Invitation.objects.filter(
        email="twice@example.com", accepted_at__isnull=True, revoked_at__isnull=True
    )
    assert [invitation.role for invitation in pending] == ["viewer"]
    assert "replaced by a newer one" in client.get(old_path).content.decode()
    assert client.get(old_path).status_code == 400

    client.post(
        new_path + "signup/",
        {
            "full_name": "Twice",
            "language": "en",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    assert Membership.objects.get(user__email="twice@example.com").role == "viewer"


def test_two_pending_invitations_to_one_address_are_refused_by_the_database(personas):
    from django.db import IntegrityError, transaction

    InvitationFactory(company=personas.company, email="dup@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(company=personas.company, email="dup@example.com")


def test_the_invitation_speaks_the_addressees_email_language(
    personas, owner_client, django_capture_on_commit_callbacks
):
    """An existing account's email language wins (User.mail_language, as reminders); for a new
    address the inviter's email language is used, not the inviter's interface language."""
    UserFactory(email="wang.fang@example.com", language="en", email_language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, email="wang.fang@example.com")
    assert mail.outbox[-1].subject == "邀请您加入 IPGuard 上的 Acme Lighting"

    personas.owner.language, personas.owner.email_language = "zh-hans", "en"
    personas.owner.save(update_fields=["language", "email_language"])
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, email="brand.new@example.com")
    assert mail.outbox[-1].subject == "You are invited to join Acme Lighting on IPGuard"

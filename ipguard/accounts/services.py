"""Writes that touch companies, memberships and invitations."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ipguard.accounts.choices import Role
from ipguard.accounts.models import Company, Invitation, Membership, User
from ipguard.accounts.selectors import two_factor_device
from ipguard.audit.services import audit_record, field_changes
from ipguard.lib.emails import send_email
from ipguard.lib.signing import InvalidToken, make_token, read_token

INVITATION_SALT = "ipguard.accounts.invitation"


class LastOwnerError(Exception):
    """A company must always keep at least one owner."""


class InvitationError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def company_create(*, user, **fields) -> Company:
    with transaction.atomic():
        company = Company.objects.create(**fields)
        Membership.objects.create(user=user, company=company, role=Role.OWNER)
        user.current_company = company
        user.save(update_fields=["current_company"])
    return company


def company_switch(*, user, company_id) -> Membership:
    membership = Membership.objects.select_related("company").get(user=user, company_id=company_id)
    user.current_company_id = company_id
    user.save(update_fields=["current_company"])
    return membership


def _owner_count(company):
    return Membership.objects.filter(company=company, role=Role.OWNER).count()


def membership_change_role(*, membership: Membership, role: str, actor=None) -> Membership:
    with transaction.atomic():
        # Lock the company's owner rows so two demotions at once cannot both pass the check.
        list(
            Membership.objects.select_for_update()
            .filter(company=membership.company, role=Role.OWNER)
            .values_list("pk", flat=True)
        )
        demoting_owner = membership.role == Role.OWNER and role != Role.OWNER
        if demoting_owner and _owner_count(membership.company) <= 1:
            raise LastOwnerError
        old_role = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        if old_role != role:
            audit_record(
                company=membership.company,
                actor=actor,
                code="member.role_changed",
                obj=membership.user,
                changes={"role": [old_role, role]},
            )
    return membership


def membership_remove(*, membership: Membership, actor=None) -> None:
    with transaction.atomic():
        list(
            Membership.objects.select_for_update()
            .filter(company=membership.company, role=Role.OWNER)
            .values_list("pk", flat=True)
        )
        if membership.role == Role.OWNER and _owner_count(membership.company) <= 1:
            raise LastOwnerError
        user = membership.user
        audit_record(
            company=membership.company,
            actor=actor,
            code="member.removed",
            obj=user,
            changes={"role": [membership.role, None]},
        )
        membership.delete()
        if user.current_company_id == membership.company_id:
            user.current_company = None
            user.save(update_fields=["current_company"])


def invitation_token(invitation: Invitation) -> str:
    return make_token({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_create(*, company, email, role, invited_by) -> Invitation:
    """Invite `email`; a pending invitation to the same address is replaced (its link dies)."""
    email = email.lower()
    with transaction.atomic():
        # One invitation at a time per company: two owners re-inviting the same address at once
        # cannot both pass the replace-then-create below.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        Invitation.objects.filter(
            company=company, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            company=company, email=email, role=role, invited_by=invited_by
        )
        audit_record(
            company=company,
            actor=invited_by,
            code="member.invited",
            obj=invitation,
            changes={"email": email, "role": [None, role]},
        )
        transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    link = settings.SITE_URL + reverse(
        "accounts:invitation_accept", args=[invitation_token(invitation)]
    )
    send_email(
        "invitation",
        invitation.email,
        {
            "invitation": invitation,
            "company": invitation.company,
            "inviter": invitation.invited_by,
            "link": link,
            "days": settings.INVITATION_MAX_AGE_DAYS,
        },
        language=invitation_language(invitation),
    )


def invitation_language(invitation: Invitation) -> str:
    """The email language of the addressee if they already have an account (User.mail_language,
    as reminders use); else the inviter's email language, the best guess for a colleague."""
    addressee = User.objects.filter(email__iexact=invitation.email).first()
    if addressee is not None:
        return addressee.mail_language
    return invitation.invited_by.mail_language


def invitation_from_token(token) -> Invitation:
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        payload = read_token(token, salt=INVITATION_SALT, max_age=max_age)
    except InvalidToken as error:
        raise InvitationError(error.reason) from error
    invitation = (
        Invitation.objects.select_related("company").filter(pk=payload.get("invitation")).first()
    )
    if invitation is None:
        raise InvitationError("revoked")
    if invitation.revoked_at:
        replaced = Invitation.objects.filter(
            company=invitation.company,
            email__iexact=invitation.email,
            created_at__gt=invitation.created_at,
        ).exists()
        raise InvitationError("replaced" if replaced else "revoked")
    if invitation.accepted_at:
        raise InvitationError("used")
    return invitation


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join as the invited role; only the addressee may (a forwarded link is useless)."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at or locked.revoked_at:
            raise InvitationError("used")
        if not locked.is_for(user):
            raise InvitationError("other_address")
        membership, created = Membership.objects.get_or_create(
            user=user, company=locked.company, defaults={"role": locked.role}
        )
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        if created:
            audit_record(
                company=locked.company,
                actor=user,
                code="member.joined",
                obj=user,
                changes={"role": [None, membership.role]},
            )
        user.current_company = locked.company
        # The link reached this address's inbox: that proves the address.
        if user.email_verified_at is None:
            user.email_verified_at = locked.accepted_at
        user.save(update_fields=["current_company", "email_verified_at"])
    return membership


def invitation_signup(*, invitation: Invitation, full_name, language, password) -> User:
    """A new account for the invited address, created from the link and joined at once."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name, language=language
        )
        invitation_accept(invitation=invitation, user=user)
    return user


def invitation_revoke(*, invitation: Invitation, actor=None) -> None:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            company=invitation.company,
            actor=actor,
            code="member.invitation_withdrawn",
            obj=invitation,
        )


def company_update(*, form, actor) -> Company:
    """Save the company settings form; the trail records each changed field."""
    before = {name: form.initial.get(name) for name in form.changed_data}
    with transaction.atomic():
        company = form.save()
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        changes = field_changes(before, after)
        if changes:
            audit_record(
                company=company, actor=actor, code="company.settings_changed", changes=changes
            )
    return company


# Second factor (django-otp): one authenticator app (TOTP) per person, plus recovery codes.


class TwoFactorError(Exception):
    def __init__(self, reason, *, seconds=0):
        super().__init__(reason)
        self.reason = reason
        self.seconds = seconds  # how long to wait, when the reason is "throttled"


def _two_factor_audit(user, code: str) -> None:
    """A person's second factor is a security fact for every company they belong to."""
    for company in Company.objects.filter(membership__user=user).order_by("pk"):
        audit_record(company=company, actor=user, code=code, obj=user)


def two_factor_setup_start(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator secret; an earlier unfinished set-up is discarded."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def two_factor_confirm(*, user, token: str) -> tuple[TOTPDevice, list[str]]:
    """Turn the second factor on once the app shows a right code; returns new recovery codes."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        if device is None:
            raise TwoFactorError("no_setup")
        if not device.verify_token(token):
            raise TwoFactorError("wrong_code")
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        _two_factor_audit(user, "security.two_factor_on")
    return device, codes


def two_factor_check(*, user, token: str):
    """The device (authenticator or recovery codes) that accepts `token`, or TwoFactorError.

    A recovery code works once. Each device throttles wrong codes itself (django-otp doubles the
    wait after each failure), so a code cannot be guessed by trying them all.
    """
    token = "".join(token.split()).lower()
    with transaction.atomic():
        waiting = 0
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            allowed, data = device.verify_is_allowed()
            if not allowed:
                waiting = max(waiting, _seconds_until((data or {}).get("locked_until")))
                continue
            if device.verify_token(token):
                return device
    if waiting:
        raise TwoFactorError("throttled", seconds=waiting)
    raise TwoFactorError("wrong_code")


def _seconds_until(moment) -> int:
    if not moment:
        return 1
    return max(int((moment - timezone.now()).total_seconds()) + 1, 1)


def recovery_codes_renew(*, user) -> list[str]:
    with transaction.atomic():
        if two_factor_device(user) is None:
            raise TwoFactorError("not_on")
        codes = _recovery_codes_replace(user)
        _two_factor_audit(user, "security.recovery_codes_renewed")
    return codes


def two_factor_disable(*, user, company=None) -> None:
    """Turn the second factor off, unless the current company requires it."""
    if company is not None and company.require_two_factor:
        raise TwoFactorError("required")
    with transaction.atomic():
        had_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if had_device:
            _two_factor_audit(user, "security.two_factor_off")


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user).count()

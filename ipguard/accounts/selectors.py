from django_otp.plugins.otp_totp.models import TOTPDevice

from ipguard.accounts.models import Membership


def two_factor_device(user):
    """The person's confirmed authenticator (TOTP) device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def current_membership(user):
    """The membership of the user's chosen company, falling back to their first one."""
    memberships = Membership.objects.filter(user=user).select_related("company")
    if user.current_company_id:
        chosen = memberships.filter(company_id=user.current_company_id).first()
        if chosen is not None:
            return chosen
    first = memberships.order_by("created_at").first()
    if first is not None and user.current_company_id != first.company_id:
        user.current_company_id = first.company_id
        user.save(update_fields=["current_company"])
    return first


def company_owner_emails(company):
    return list(
        Membership.objects.filter(company=company, role="owner").values_list(
            "user__email", flat=True
        )
    )

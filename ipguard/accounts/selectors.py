from django_otp.plugins.otp_totp.models import TOTPDevice

from ipguard.accounts.models import Membership


def two_factor_device(user):
    """The person's confirmed authenticator (TOTP) device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def current_membership(user):
    """The membership of the user's chosen company, falling back to their first one."""
    return current_and_other_memberships(user)[0]


def current_and_other_memberships(user):
    """(membership of the chosen company, the user's other memberships by company name).

    One query for both: every page shows the company switcher, and people belong to a handful
    of companies at most.
    """
    rows = list(
        Membership.objects.filter(user=user).select_related("company").order_by("company__name")
    )
    chosen = next((row for row in rows if row.company_id == user.current_company_id), None)
    if chosen is None and rows:
        chosen = min(rows, key=lambda row: (row.created_at, row.pk))
        if user.current_company_id != chosen.company_id:
            user.current_company_id = chosen.company_id
            user.save(update_fields=["current_company"])
    return chosen, [row for row in rows if row is not chosen]


def company_owner_emails(company):
    return list(
        Membership.objects.filter(company=company, role="owner").values_list(
            "user__email", flat=True
        )
    )

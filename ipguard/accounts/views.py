from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipguard.accounts import services
from ipguard.accounts.forms import (
    CompanyForm,
    EmailPasswordResetForm,
    InvitationForm,
    InvitationSignupForm,
    ProfileForm,
    RoleForm,
    SignupForm,
)
from ipguard.accounts.models import Invitation, Membership
from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.accounts.throttle import throttled
from ipguard.lib.redirects import safe_next_url
from ipguard.lib.text import single_full_stop

INVITATION_PROBLEMS = {
    "expired": gettext_lazy("This invitation has expired. Ask the owner to send a new one."),
    "invalid": gettext_lazy("This invitation link is not valid. Check that you copied all of it."),
    "used": gettext_lazy("This invitation has already been used."),
    "revoked": gettext_lazy("This invitation was withdrawn by the company."),
    "replaced": gettext_lazy(
        "This invitation was replaced by a newer one. Use the link in the latest email."
    ),
    "other_address": gettext_lazy("This invitation was sent to another email address."),
}


@permission(read=Level.ANYONE, write=Level.ANYONE)
@throttled(email_field="email")
def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to IPGuard. Tell us about your company."))
        return redirect(safe_next_url(request) or reverse("accounts:company_create"))
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next_url(request)})


@permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        response.set_cookie("django_language", request.user.language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


@permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)
def company_create(request):
    form = CompanyForm(
        request.POST or None, request.FILES or None, submit_label=_("Create company")
    )
    if request.method == "POST" and form.is_valid():
        company = services.company_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is ready.") % {"name": company.name})
        return redirect("core:dashboard")
    return render(request, "accounts/company_form.html", {"form": form, "creating": True})


@permission(read=Level.OWNER, write=Level.OWNER)
def company_settings(request):
    form = CompanyForm(request.POST or None, request.FILES or None, instance=request.company)
    if request.method == "POST" and form.is_valid():
        services.company_update(form=form, actor=request.user)
        messages.success(request, _("Company details saved."))
        return redirect("accounts:company_settings")
    return render(request, "accounts/company_form.html", {"form": form, "creating": False})


@permission(write=Level.SIGNED_IN)
def company_switch(request, company_pk):
    try:
        membership = services.company_switch(user=request.user, company_id=company_pk)
    except Membership.DoesNotExist as error:
        raise Http404 from error
    messages.info(
        request,
        single_full_stop(_("You are now working in %(name)s.") % {"name": membership.company}),
    )
    return redirect("core:dashboard")


@permission(read=Level.VIEWER)
def members(request):
    memberships = for_company(request.company, Membership).select_related("user")
    invitations = (
        for_company(request.company, Invitation)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
    )
    form = InvitationForm(company=request.company)
    return render(
        request,
        "accounts/members.html",
        {"memberships": memberships, "invitations": invitations, "form": form},
    )


@permission(write=Level.OWNER)
def invitation_create(request):
    form = InvitationForm(request.POST, company=request.company)
    if form.is_valid():
        services.invitation_create(
            company=request.company,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("accounts:members")
    memberships = for_company(request.company, Membership).select_related("user")
    invitations = for_company(request.company, Invitation).filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    )
    return render(
        request,
        "accounts/members.html",
        {"memberships": memberships, "invitations": invitations, "form": form},
        status=400,
    )


@permission(write=Level.OWNER)
def invitation_revoke(request, invitation_pk):
    invitation = get_for_company(request, Invitation, pk=invitation_pk)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.info(request, _("Invitation withdrawn."))
    return redirect("accounts:members")


@permission(write=Level.OWNER)
def membership_role(request, membership_pk):
    membership = get_for_company(request, Membership, pk=membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
            messages.success(request, _("Role updated."))
        except services.LastOwnerError:
            messages.error(request, _("A company needs at least one owner. Promote someone first."))
    return redirect("accounts:members")


@permission(write=Level.OWNER)
def membership_remove(request, membership_pk):
    membership = get_for_company(request, Membership, pk=membership_pk)
    try:
        services.membership_remove(membership=membership, actor=request.user)
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    except services.LastOwnerError:
        messages.error(request, _("A company needs at least one owner. Promote someone first."))
    return redirect("accounts:members")


@permission(write=Level.VIEWER)
def company_leave(request):
    try:
        services.membership_remove(membership=request.membership, actor=request.user)
    except services.LastOwnerError:
        messages.error(
            request,
            _("You are the last owner. Make another member an owner before you leave."),
        )
        return redirect("accounts:members")
    messages.info(
        request, single_full_stop(_("You left %(name)s.") % {"name": request.membership.company})
    )
    return redirect("core:dashboard")


def _invitation_problem(request, error):
    status = 403 if error.reason == "other_address" else 400
    return render(
        request,
        "accounts/invitation_problem.html",
        {"problem": INVITATION_PROBLEMS[error.reason]},
        status=status,
    )


@permission(read=Level.ANYONE, write=Level.ANYONE)
def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        return _invitation_problem(request, error)
    if not request.user.is_authenticated:
        return render(
            request, "accounts/invitation_login.html", {"invitation": invitation, "token": token}
        )
    if not invitation.is_for(request.user):
        # A forwarded link: say whom it was for and let the addressee sign in instead.
        return render(
            request,
            "accounts/invitation_other_account.html",
            {"invitation": invitation},
            status=403,
        )
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError as error:
            return _invitation_problem(request, error)
        messages.success(
            request, single_full_stop(_("You joined %(name)s.") % {"name": invitation.company.name})
        )
        return redirect("core:dashboard")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})


@permission(read=Level.ANYONE, write=Level.ANYONE)
@throttled(email_field="email")
def invitation_signup(request, token):
    """Create the invited person's account from the link; the address is the invited one."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        return _invitation_problem(request, error)
    if request.user.is_authenticated:
        return redirect("accounts:invitation_accept", token=token)
    form = InvitationSignupForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                language=form.cleaned_data["language"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return _invitation_problem(request, error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("You joined %(name)s.") % {"name": invitation.company.name})
        return redirect("core:dashboard")
    return render(
        request, "accounts/invitation_signup.html", {"invitation": invitation, "form": form}
    )


password_reset = permission(read=Level.ANYONE, write=Level.ANYONE)(
    throttled(email_field="email", count_every_post=True)(
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=EmailPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
        )
    )
)

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipguard.accounts import services
from ipguard.accounts.forms import CompanyForm, InvitationForm, ProfileForm, RoleForm, SignupForm
from ipguard.accounts.models import Invitation, Membership
from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company

INVITATION_PROBLEMS = {
    "expired": gettext_lazy("This invitation has expired. Ask the owner to send a new one."),
    "invalid": gettext_lazy("This invitation link is not valid. Check that you copied all of it."),
    "used": gettext_lazy("This invitation has already been used."),
    "revoked": gettext_lazy("This invitation was withdrawn by the company."),
}


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


@permission(read=Level.ANYONE, write=Level.ANYONE)
def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to IPGuard. Tell us about your company."))
        return redirect(_safe_next(request) or reverse("accounts:company_create"))
    return render(request, "accounts/signup.html", {"form": form, "next": _safe_next(request)})


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
        form.save()
        messages.success(request, _("Company details saved."))
        return redirect("accounts:company_settings")
    return render(request, "accounts/company_form.html", {"form": form, "creating": False})


@permission(write=Level.SIGNED_IN)
def company_switch(request, company_pk):
    try:
        membership = services.company_switch(user=request.user, company_id=company_pk)
    except Membership.DoesNotExist as error:
        raise Http404 from error
    messages.info(request, _("You are now working in %(name)s.") % {"name": membership.company})
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
    services.invitation_revoke(invitation=invitation)
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
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("Role updated."))
        except services.LastOwnerError:
            messages.error(request, _("A company needs at least one owner. Promote someone first."))
    return redirect("accounts:members")


@permission(write=Level.OWNER)
def membership_remove(request, membership_pk):
    membership = get_for_company(request, Membership, pk=membership_pk)
    try:
        services.membership_remove(membership=membership)
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    except services.LastOwnerError:
        messages.error(request, _("A company needs at least one owner. Promote someone first."))
    return redirect("accounts:members")


@permission(write=Level.VIEWER)
def company_leave(request):
    try:
        services.membership_remove(membership=request.membership)
    except services.LastOwnerError:
        messages.error(
            request,
            _("You are the last owner. Make another member an owner before you leave."),
        )
        return redirect("accounts:members")
    messages.info(request, _("You left %(name)s.") % {"name": request.membership.company})
    return redirect("core:dashboard")


@permission(read=Level.ANYONE, write=Level.ANYONE)
def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        return render(
            request,
            "accounts/invitation_problem.html",
            {"problem": INVITATION_PROBLEMS[error.reason]},
            status=400,
        )
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation_login.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError as error:
            return render(
                request,
                "accounts/invitation_problem.html",
                {"problem": INVITATION_PROBLEMS[error.reason]},
                status=400,
            )
        messages.success(request, _("You joined %(name)s.") % {"name": invitation.company.name})
        return redirect("core:dashboard")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

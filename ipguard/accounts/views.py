from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipguard.accounts import services
from ipguard.accounts.forms import CompanyForm, InvitationForm, ProfileForm, RoleForm, SignupForm
from ipguard.accounts.models import Invitation, Membership
from ipguard.accounts.tenancy import get_for_company, member_required
from ipguard.lib.text import single_full_stop

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


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        response.set_cookie("django_language", request.user.language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def company_create(request):
    form = CompanyForm(
        request.POST or None, request.FILES or None, submit_label=_("Create company")
    )
    if request.method == "POST" and form.is_valid():
        company = services.company_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is ready.") % {"name": company.name})
        return redirect("core:dashboard")
    return render(request, "accounts/company_form.html", {"form": form, "creating": True})


@member_required(owner_only=True)
def company_settings(request):
    form = CompanyForm(request.POST or None, request.FILES or None, instance=request.company)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Company details saved."))
        return redirect("accounts:company_settings")
    return render(request, "accounts/company_form.html", {"form": form, "creating": False})


@login_required
@require_POST
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


@member_required
def members(request):
    memberships = Membership.objects.filter(company=request.company).select_related("user")
    invitations = Invitation.objects.filter(
        company=request.company, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")
    form = InvitationForm(company=request.company)
    return render(
        request,
        "accounts/members.html",
        {"memberships": memberships, "invitations": invitations, "form": form},
    )


@member_required(owner_only=True)
@require_POST
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
    memberships = Membership.objects.filter(company=request.company).select_related("user")
    invitations = Invitation.objects.filter(
        company=request.company, accepted_at__isnull=True, revoked_at__isnull=True
    )
    return render(
        request,
        "accounts/members.html",
        {"memberships": memberships, "invitations": invitations, "form": form},
        status=400,
    )


@member_required(owner_only=True)
@require_POST
def invitation_revoke(request, invitation_pk):
    invitation = get_for_company(request, Invitation, pk=invitation_pk)
    services.invitation_revoke(invitation=invitation)
    messages.info(request, _("Invitation withdrawn."))
    return redirect("accounts:members")


@member_required(owner_only=True)
@require_POST
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


@member_required(owner_only=True)
@require_POST
def membership_remove(request, membership_pk):
    membership = get_for_company(request, Membership, pk=membership_pk)
    try:
        services.membership_remove(membership=membership)
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    except services.LastOwnerError:
        messages.error(request, _("A company needs at least one owner. Promote someone first."))
    return redirect("accounts:members")


@login_required
@require_POST
def company_leave(request):
    if request.membership is None:
        return redirect("accounts:company_create")
    try:
        services.membership_remove(membership=request.membership)
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
        messages.success(
            request, single_full_stop(_("You joined %(name)s.") % {"name": invitation.company.name})
        )
        return redirect("core:dashboard")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

"""Second factor pages: set up an authenticator app, give its code after the password, turn off."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ipguard.accounts import services
from ipguard.accounts.forms import TwoFactorCodeForm
from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.selectors import two_factor_device
from ipguard.lib.redirects import safe_next_url


def _next_or(request, fallback):
    return safe_next_url(request) or fallback


def _code_problem(error):
    if error.reason == "throttled":
        return ngettext(
            "Too many wrong codes. Wait %(seconds)s second, then try again.",
            "Too many wrong codes. Wait %(seconds)s seconds, then try again.",
            error.seconds,
        ) % {"seconds": error.seconds}
    if error.reason == "no_setup":
        return _("The set-up expired. Start again.")
    return _("That code is not right. Check the time on your phone and try the newest code.")


def _secret_text(device: TOTPDevice) -> str:
    """The base32 secret as an app asks for it, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def _qr_svg(device: TOTPDevice) -> str:
    # The SVG holds only path data drawn from our own otpauth:// URL: nothing to escape.
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


@permission(read=Level.SIGNED_IN)
def two_factor(request):
    device = two_factor_device(request.user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": device,
            "form": TwoFactorCodeForm(),
            "codes_left": services.recovery_codes_left(user=request.user),
        },
    )


@permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)
def two_factor_setup(request):
    if two_factor_device(request.user) is not None:
        # Replacing an authenticator means turning it off first, with one of its codes: a
        # password alone (a session not yet past the code page) cannot swap in another phone.
        return redirect("accounts:two_factor")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_confirm(
                user=request.user, token=form.cleaned_data["code"]
            )
        except services.TwoFactorError as error:
            form.add_error("code", _code_problem(error))
        else:
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_or(request, "")},
            )
    device = (
        TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
        if request.method == "POST"
        else None
    ) or services.two_factor_setup_start(user=request.user)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": _secret_text(device),
            "qr_svg": _qr_svg(device),
            "required": request.company is not None and request.company.require_two_factor,
            "next": _next_or(request, ""),
        },
        status=400 if form.errors else 200,
    )


@permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)
def two_factor_verify(request):
    target = _next_or(request, "/")
    if request.user.is_verified() or two_factor_device(request.user) is None:
        return redirect(target)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_check(user=request.user, token=form.cleaned_data["code"])
        except services.TwoFactorError as error:
            form.add_error("code", _code_problem(error))
        else:
            otp_login(request, device)
            return redirect(target)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": target},
        status=400 if form.errors else 200,
    )


def _checked_code(request):
    """The POSTed code, checked against the person's devices; None (with a message) if wrong."""
    form = TwoFactorCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a code from your authenticator app."))
        return None
    try:
        return services.two_factor_check(user=request.user, token=form.cleaned_data["code"])
    except services.TwoFactorError as error:
        messages.error(request, _code_problem(error))
        return None


@permission(write=Level.SIGNED_IN)
def two_factor_disable(request):
    if _checked_code(request) is None:
        return redirect("accounts:two_factor")
    try:
        services.two_factor_disable(user=request.user, company=request.company)
    except services.TwoFactorError:
        messages.error(
            request,
            _("%(name)s requires two-step verification of all members.")
            % {"name": request.company.name},
        )
        return redirect("accounts:two_factor")
    messages.success(request, _("Two-step verification is off."))
    return redirect("accounts:two_factor")


@permission(write=Level.SIGNED_IN)
def recovery_codes_renew(request):
    if _checked_code(request) is None:
        return redirect("accounts:two_factor")
    try:
        codes = services.recovery_codes_renew(user=request.user)
    except services.TwoFactorError:
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": ""})

"""Owners' pages for the company as a whole: export everything, delete after confirmation."""

import tempfile

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipguard.accounts.permissions import Level, permission
from ipguard.core import company_data


class CompanyDeleteForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Type the company's name to confirm"), max_length=200
    )


@permission(read=Level.OWNER)
def company_export(request):
    # FileResponse closes the file once sent, so no context manager here.
    destination = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    company_data.company_export(
        company=request.company, actor=request.user, destination=destination
    )
    destination.seek(0)
    name = slugify(request.company.name) or "company"
    return FileResponse(
        destination,
        as_attachment=True,
        filename=f"ipguard-{name}-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@permission(read=Level.OWNER, write=Level.OWNER)
def company_delete(request):
    form = CompanyDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = request.company.name
        try:
            company_data.company_delete(
                company=request.company, confirmation=form.cleaned_data["confirmation"]
            )
        except company_data.ConfirmationMismatch:
            form.add_error(
                "confirmation", _("That is not the company's name. Type it exactly as shown.")
            )
        else:
            messages.success(request, _("%(name)s and all its data were deleted.") % {"name": name})
            return redirect("core:dashboard")
    return render(
        request,
        "core/company_delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )

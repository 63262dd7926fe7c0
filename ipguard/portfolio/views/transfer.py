"""Spreadsheet import (check, preview, confirm) and export of the register."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company
from ipguard.portfolio import selectors, services, spreadsheet
from ipguard.portfolio.forms import ImportUploadForm
from ipguard.portfolio.models import Filing

SESSION_KEY = "portfolio_import"


def _existing_filings(company):
    return {
        (name.casefold(), right, office, number)
        for name, right, office, number in for_company(company, Filing)
        .exclude(number="")
        .values_list("asset__name", "asset__right", "office", "number")
    }


@permission(read=Level.EDITOR, write=Level.EDITOR)
def import_upload(request):
    """GET: the upload form. POST: check the file and show every bad row; nothing is saved."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        members = dict(request.company.members.values_list("email", "pk"))
        try:
            rows = spreadsheet.read_rows(
                name=upload.name,
                raw=upload.read(),
                members={email.lower(): pk for email, pk in members.items()},
                existing=_existing_filings(request.company),
            )
        except spreadsheet.FileProblem as problem:
            form.add_error("file", str(problem))
        else:
            good = [row for row in rows if row.ok]
            request.session[SESSION_KEY] = {
                "company": request.company.pk,
                "file": upload.name,
                "rows": [row.values for row in good],
            }
            context.update(
                {
                    "file_name": upload.name,
                    "bad": [row for row in rows if not row.ok],
                    "good": good,
                    "total": len(rows),
                }
            )
            return render(request, "portfolio/import_preview.html", context)
    return render(
        request, "portfolio/import_upload.html", context, status=400 if form.errors else 200
    )


@permission(write=Level.EDITOR)
def import_confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("company") != request.company.pk or not pending["rows"]:
        messages.error(request, _("Nothing to import: check a file first."))
        return redirect("portfolio:import")
    assets, filings = services.filings_import(
        company=request.company, rows=pending["rows"], user=request.user
    )
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Imported %(filings)d filings (%(assets)d new assets) from %(file)s.")
        % {"filings": filings, "assets": assets, "file": pending["file"]},
    )
    return redirect("portfolio:asset_list")


@permission(read=Level.VIEWER)
def export(request):
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    rows = spreadsheet.export_rows(selectors.register_assets(request.company))
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        body, content_type = spreadsheet.to_csv(rows), "text/csv; charset=utf-8"
    else:
        body = spreadsheet.to_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ipguard-register-{stamp}.{kind}"'
    return response

"""Spreadsheet import (check, preview, confirm) and export of the register."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.portfolio import imports, selectors, spreadsheet
from ipguard.portfolio.forms import ImportUploadForm
from ipguard.portfolio.models import Filing, ImportJob


def _existing_filings(company):
    return {
        (name.casefold(), right, office, number)
        for name, right, office, number in for_company(company, Filing)
        .exclude(number="")
        .values_list("asset__name", "asset__right", "office", "number")
    }


@permission(read=Level.EDITOR, write=Level.EDITOR)
def import_upload(request):
    """GET: the upload form. POST: check the file and show every bad row; nothing is imported."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        members = dict(request.company.members.values_list("email", "pk"))
        try:
            sheet = spreadsheet.read_rows(
                name=upload.name,
                raw=upload.read(),
                company=request.company,
                members={email.lower(): pk for email, pk in members.items()},
                existing=_existing_filings(request.company),
            )
        except spreadsheet.FileProblem as problem:
            form.add_error("file", str(problem))
        else:
            good = [row for row in sheet.rows if row.ok]
            job = good and imports.import_job_check(
                company=request.company,
                user=request.user,
                file_name=upload.name,
                rows=[row.values for row in good],
            )
            context.update(
                {
                    "job": job,
                    "file_name": upload.name,
                    "bad": [row for row in sheet.rows if not row.ok],
                    "good": good,
                    "total": len(sheet.rows),
                    "stopped_at": sheet.stopped_at,
                    "blank_run": spreadsheet.MAX_BLANK_RUN,
                }
            )
            return render(request, "portfolio/import_preview.html", context)
    return render(
        request, "portfolio/import_upload.html", context, status=400 if form.errors else 200
    )


@permission(write=Level.EDITOR)
def import_confirm(request, job_pk):
    """Queue the checked rows; a worker imports them all (or none) while the page follows."""
    job = get_for_company(request, ImportJob, pk=job_pk)
    if not imports.import_job_confirm(job=job):
        messages.info(request, _("This import was already confirmed."))
    return redirect(job)


@permission(read=Level.VIEWER)
def import_job(request, job_pk):
    job = get_for_company(request, ImportJob, pk=job_pk)
    return render(request, "portfolio/import_job.html", _job_context(job))


@permission(read=Level.VIEWER)
def import_job_progress(request, job_pk):
    """The progress block alone, polled by htmx until the job is over."""
    job = get_for_company(request, ImportJob, pk=job_pk)
    return render(request, "portfolio/_import_progress.html", _job_context(job))


def _job_context(job):
    done = imports.progress_get(job)
    return {
        "job": job,
        "done": done,
        "percent": round(100 * done / job.total) if done is not None and job.total else None,
        "waiting": job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
    }


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

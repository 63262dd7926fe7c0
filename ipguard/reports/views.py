from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.lib.fragments import cached_body
from ipguard.reports import services
from ipguard.reports.forms import ReportRequestForm
from ipguard.reports.models import Report

LIST_LIMIT = 40


def _list_context(request, form=None):
    reports = for_company(request.company, Report).select_related("requested_by")[:LIST_LIMIT]
    return {
        "reports": reports,
        "form": form or ReportRequestForm(company=request.company),
        "any_pending": any(report.is_pending for report in reports),
    }


def _list_page(request, build, status=200):
    body = cached_body(
        request, "report-list", "reports/_report_list_body.html", build, per_user=False
    )
    return render(request, "reports/report_list.html", {"body": body}, status=status)


# The list and the rows that a pending report's page polls for are cached per company data
# version and role (ipguard/lib/fragments.py); each status move of a report bumps the version.
@permission(read=Level.VIEWER)
def report_list(request):
    if request.headers.get("HX-Request") == "true":
        rows = cached_body(
            request, "report-rows", "reports/_report_rows.html", _list_context, per_user=False
        )
        return HttpResponse(rows)
    return _list_page(request, _list_context)


@permission(write=Level.EDITOR)
def report_request(request):
    form = ReportRequestForm(request.POST, company=request.company)
    if not form.is_valid():
        return _list_page(request, lambda request: _list_context(request, form), status=400)
    report = services.report_request(
        company=request.company,
        quarter=form.cleaned_data["quarter"],
        language=form.cleaned_data["language"],
        paper=form.cleaned_data["paper"],
        requested_by=request.user,
    )
    if report.enqueued_at is None:  # the task queue (Redis) could not be reached
        messages.warning(
            request, _("The report is queued; it will start when the worker is reachable.")
        )
    else:
        messages.success(request, _("The report is queued; this page shows when it is ready."))
    return redirect("reports:report_list")


@permission(read=Level.VIEWER)
def report_download(request, report_pk):
    report = get_for_company(request, Report, pk=report_pk)
    if not report.is_ready or not report.pdf:
        raise Http404("This report has no PDF yet.")
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404("The report's file is missing.") from error
    return FileResponse(handle, as_attachment=True, filename=report.download_name())

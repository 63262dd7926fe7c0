import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.evidence import services
from ipguard.evidence.certificate import certificate_pdf
from ipguard.evidence.export import export_zip
from ipguard.evidence.forms import EvidenceUploadForm
from ipguard.evidence.models import ChainAnchor, EvidenceChain, EvidenceRecord
from ipguard.evidence.orphans import vault_orphans
from ipguard.evidence.uploads import SizeLimitUploadHandler
from ipguard.evidence.verification import vault_verify
from ipguard.lib.fragments import cached_body
from ipguard.lib.request_limits import allows_request_body


def _chain_of(company):
    return for_company(company, EvidenceChain).first()


RECORDS_PER_PAGE = 50  # newest first; a vault of thousands stays one quick page


@permission(read=Level.VIEWER)
def vault(request):
    # Cached per company data version and role (ipguard/lib/fragments.py): it shows nothing of
    # the reader's own, and no time but the recorded ones.
    body = cached_body(
        request, "evidence-vault", "evidence/_vault_body.html", _vault_context, per_user=False
    )
    return render(request, "evidence/vault.html", {"body": body})


def _vault_context(request):
    records = for_company(request.company, EvidenceRecord).prefetch_related("entries")
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "records": page.object_list,
        "page": page,
        "chain": _chain_of(request.company),
        "last_anchor": for_company(request.company, ChainAnchor).first(),
        "tsa_configured": bool(settings.EVIDENCE_TSA_URL),
    }


def _upload_context(request, form, problems=()):
    return {
        "form": form,
        "problems": problems,
        "max_mb": settings.EVIDENCE_MAX_UPLOAD_MB,
        "extensions": services.allowed_extensions(),
        "corrects": getattr(request, "evidence_corrects", None),
    }


def _initial_from(corrects):
    """A correction starts from the corrected record's details."""
    if corrects is None:
        return {}
    return {
        "title": corrects.title,
        "description": corrects.description,
        "author": corrects.author,
        "created_on": corrects.created_on,
        "asset": corrects.asset_id,
    }


def _upload_problems(request):
    # Files cut off while uploading never reach request.FILES; name them with the others' problems.
    problems = [
        (name, services.file_problem(name, services.max_upload_bytes() + 1))
        for name in getattr(request, "evidence_oversized", [])
    ]
    return problems + [
        (upload.name, problem)
        for upload in request.FILES.getlist("files")
        if (problem := services.file_problem(upload.name, upload.size))
    ]


@allows_request_body(lambda: settings.EVIDENCE_MAX_REQUEST_MB * 1024 * 1024)
@permission(read=Level.EDITOR, write=Level.EDITOR)
@csrf_exempt  # the token is checked by csrf_protect below, after the size-limit handler is set
def record_create(request):
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, services.max_upload_bytes()))
    return _record_create(request)


@csrf_protect
def _record_create(request):
    corrects = None
    corrects_pk = request.GET.get("corrects") or request.POST.get("corrects")
    if corrects_pk and str(corrects_pk).isdigit():
        corrects = get_for_company(request, EvidenceRecord, pk=int(corrects_pk))
    request.evidence_corrects = corrects
    if request.method != "POST":
        form = EvidenceUploadForm(company=request.company, initial=_initial_from(corrects))
        return render(request, "evidence/record_form.html", _upload_context(request, form))

    form = EvidenceUploadForm(request.POST, request.FILES, company=request.company)
    problems = _upload_problems(request)
    if not form.is_valid() or problems:
        context = _upload_context(request, form, problems)
        return render(request, "evidence/record_form.html", context, status=400)
    files = [
        services.IncomingFile(
            name=upload.name, stream=upload, size=upload.size, content_type=upload.content_type
        )
        for upload in form.cleaned_data["files"]
    ]
    try:
        record = services.evidence_record_create(
            company=request.company,
            user=request.user,
            files=files,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            author=form.cleaned_data["author"],
            created_on=form.cleaned_data["created_on"],
            asset=form.cleaned_data["asset"],
            action=form.cleaned_data["action"],
            corrects=corrects,
        )
    except services.UploadRefused as refused:
        context = _upload_context(request, form, refused.problems)
        return render(request, "evidence/record_form.html", context, status=400)
    except services.ChainDamaged as damaged:
        messages.error(request, str(damaged))
        return redirect("evidence:verify")
    count = record.entries.count()
    messages.success(
        request,
        _("Recorded %(count)s file(s) in the evidence vault.") % {"count": count},
    )
    return redirect(record)


@permission(read=Level.VIEWER)
def record_detail(request, record_pk):
    record = get_for_company(
        request, EvidenceRecord.objects.select_related("asset", "action", "corrects"), pk=record_pk
    )
    entries = record.entries.order_by("position")
    chain = _chain_of(request.company)
    covering = (
        for_company(request.company, ChainAnchor)
        .filter(position__gte=entries.last().position if entries else 0)
        .order_by("position")
        .first()
    )
    return render(
        request,
        "evidence/record_detail.html",
        {
            "record": record,
            "entries": entries,
            "chain": chain,
            "anchor": covering,
            "corrections": record.corrections.all(),
        },
    )


@permission(read=Level.VIEWER)
def verify(request):
    return render(
        request,
        "evidence/verify.html",
        {
            "result": vault_verify(request.company),
            "orphans": vault_orphans(request.company),
            "tsa_configured": bool(settings.EVIDENCE_TSA_URL),
        },
    )


@permission(read=Level.VIEWER)
def certificate(request, record_pk):
    record = get_for_company(request, EvidenceRecord, pk=record_pk)
    language = request.GET.get("lang") or translation.get_language()
    language = "zh-hans" if language.lower().startswith("zh") else "en"
    pdf = certificate_pdf(record, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"evidence-certificate-{record.pk}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _zip_response(company, record, file_name):
    # On disk, not in memory: a vault can be large. FileResponse closes (and so deletes) it.
    archive = tempfile.TemporaryFile()  # noqa: SIM115
    export_zip(archive, company=company, record=record, now=timezone.now())
    archive.seek(0)
    return FileResponse(
        archive, as_attachment=True, filename=file_name, content_type="application/zip"
    )


@permission(read=Level.VIEWER)
def record_export(request, record_pk):
    record = get_for_company(request, EvidenceRecord, pk=record_pk)
    stamp = timezone.now().strftime("%Y%m%d")
    return _zip_response(request.company, record, f"evidence-record-{record.pk}-{stamp}.zip")


@permission(read=Level.VIEWER)
def vault_export(request):
    stamp = timezone.now().strftime("%Y%m%d")
    return _zip_response(request.company, None, f"evidence-vault-{stamp}.zip")

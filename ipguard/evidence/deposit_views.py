"""Entering a deposit certificate, against one record's files or against the chain head."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.evidence import services
from ipguard.evidence.deposit_actions import deposit_policy_set
from ipguard.evidence.deposit_forms import DepositPolicyForm, ExternalDepositForm, target_choices
from ipguard.evidence.deposits import deposit_check, external_deposit_create
from ipguard.evidence.models import DepositPolicy, EvidenceEntry, EvidenceRecord

CHAIN_HEAD_CHOICES = 200  # the latest entries offered as chain positions on the vault form


def _deposit_form(request, record, file_entries, chain_entries):
    entries_by_pk = {entry.pk: entry for entry in [*file_entries, *chain_entries]}
    choices = target_choices(file_entries=file_entries, chain_entries=chain_entries)
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    form = ExternalDepositForm(*data, entries_by_pk=entries_by_pk, choices=choices)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["certificate"]
        try:
            deposit = external_deposit_create(
                company=request.company,
                user=request.user,
                entry=form.cleaned_data["entry"],
                target=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
                platform=form.cleaned_data["platform"],
                certificate_number=form.cleaned_data["certificate_number"],
                deposited_at=form.cleaned_data["deposited_at"],
                platform_hash=form.cleaned_data["platform_hash"],
                certificate=services.IncomingFile(
                    name=upload.name,
                    stream=upload,
                    size=upload.size,
                    content_type=upload.content_type or "",
                ),
            )
        except services.UploadRefused as refused:
            problems = refused.problems
        except services.ChainDamaged as damaged:
            messages.error(request, str(damaged))
            return redirect("evidence:verify")
        else:
            check = deposit_check(deposit)
            level = messages.success if check.matches else messages.warning
            (messages.info if check.no_hash else level)(request, check.message)
            return redirect(record or deposit.entry.record)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "record": record, "problems": problems}
    return render(request, "evidence/deposit_form.html", context, status=status)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def record_deposit_create(request, record_pk):
    record = get_for_company(request, EvidenceRecord, pk=record_pk)
    entries = list(record.entries.order_by("position"))
    return _deposit_form(request, record, entries, entries)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def chain_deposit_create(request):
    latest = for_company(request.company, EvidenceEntry).order_by("-position")
    return _deposit_form(request, None, [], list(latest[:CHAIN_HEAD_CHOICES]))


@permission(read=Level.OWNER, write=Level.OWNER)
def deposit_policy(request):
    policy = DepositPolicy.objects.filter(company=request.company).first()
    initial = {}
    if policy:
        initial = {
            "critical_asset_kinds": policy.critical_asset_kinds,
            "deposit_within_days": policy.deposit_within_days,
        }
    form = DepositPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = deposit_policy_set(
            company=request.company,
            critical_asset_kinds=form.cleaned_data["critical_asset_kinds"],
            deposit_within_days=form.cleaned_data["deposit_within_days"],
        )
        messages.success(
            request,
            _("Saved. %(count)s record(s) now need a deposit: see the action plan.")
            % {"count": len(result["opened"])},
        )
        return redirect("evidence:deposit_policy")
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/deposit_policy.html", {"form": form}, status=status)

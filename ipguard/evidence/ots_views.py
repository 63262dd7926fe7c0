"""An OpenTimestamps proof: its status, the .ots file, and a check against a block header."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.evidence import ots
from ipguard.evidence.models import OtsProof
from ipguard.evidence.ots_anchoring import ots_check_messages, ots_proof_verify


@permission(read=Level.VIEWER)
def ots_proofs(request):
    proofs = for_company(request.company, OtsProof)[:50]
    from django.conf import settings

    context = {"proofs": proofs, "configured": bool(settings.EVIDENCE_OTS_CALENDARS)}
    return render(request, "evidence/ots_proofs.html", context)


@permission(read=Level.VIEWER)
def ots_proof_detail(request, ots_proof_pk):
    """GET with ?header=<hex> checks the proof (a read: viewers may check too)."""
    proof = get_for_company(request, OtsProof, pk=ots_proof_pk)
    header_hex = request.GET.get("header", "")
    check, lines, problem = None, None, ""
    if "check" in request.GET:
        try:
            check = ots_proof_verify(proof=proof, header_hex=header_hex)
        except ValueError as error:
            problem = _(
                "This is not a block header (%(reason)s): paste the 80-byte header as 160 "
                "hexadecimal characters."
            ) % {"reason": error}
        except ots.OtsError as error:
            problem = _("The block header source could not be read: %(error)s") % {"error": error}
        else:
            lines = ots_check_messages(check)
    context = {
        "proof": proof,
        "check": check,
        "lines": lines,
        "problem": problem,
        "header_hex": header_hex,
    }
    return render(request, "evidence/ots_proof.html", context, status=400 if problem else 200)


@permission(read=Level.VIEWER)
def ots_proof_download(request, ots_proof_pk):
    proof = get_for_company(request, OtsProof, pk=ots_proof_pk)
    response = HttpResponse(bytes(proof.proof), content_type="application/octet-stream")
    name = f"chain-head-{proof.position}.json.ots"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission(write=Level.EDITOR)
def ots_anchor_now(request):
    """Submit the chain head now instead of waiting for the daily run (a worker does it)."""
    from django.conf import settings
    from django.contrib import messages
    from django.db import transaction
    from django.shortcuts import redirect

    from ipguard.evidence.tasks import ots_anchor_chain_head

    if not settings.EVIDENCE_OTS_CALENDARS:
        messages.error(request, _("No OpenTimestamps calendar is configured."))
    else:
        company_id = request.company.pk
        transaction.on_commit(lambda: ots_anchor_chain_head.delay(company_id))
        messages.success(
            request,
            _(
                "The chain head is being sent to the calendars; it reaches a Bitcoin block in a "
                "few hours."
            ),
        )
    return redirect("evidence:ots_proofs")

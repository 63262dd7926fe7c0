from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.lib.fragments import cached_body
from ipguard.playbooks.alliance_forms import AllianceFactsForm
from ipguard.playbooks.content_store import incident_playbooks
from ipguard.playbooks.models import AllianceProfile, IncidentRun
from ipguard.playbooks.services import advisor as advisor_services


@permission(read=Level.VIEWER, write=Level.EDITOR)
def alliance_advisor(request):
    if request.method != "POST":
        body = cached_body(
            request,
            "alliance-advisor",
            "playbooks/_alliances_body.html",
            _advisor_context,
            per_user=False,
        )
        return render(request, "playbooks/alliances.html", {"body": body})
    profile = for_company(request.company, AllianceProfile).first()
    form = AllianceFactsForm(request.POST, initial=_facts(request, profile))
    if form.is_valid():
        advisor_services.alliance_profile_save(
            company=request.company, facts=form.cleaned_data, user=request.user
        )
        messages.success(request, _("Recommendations updated."))
        return redirect("playbooks:alliance_advisor")
    context = {"form": form, "profile": profile}
    body = render_to_string("playbooks/_alliances_body.html", context, request)
    return render(request, "playbooks/alliances.html", {"body": body}, status=400)


def _facts(request, profile):
    """The saved facts, over those read from the latest health check (facts saved before a
    question existed, e.g. lot_member, come from there)."""
    suggested = advisor_services.suggested_facts(request.company)
    return suggested | (profile.facts if profile else {})


def _advisor_context(request):
    profile = for_company(request.company, AllianceProfile).first()
    return {"form": AllianceFactsForm(initial=_facts(request, profile)), "profile": profile}


@permission(read=Level.VIEWER)
def incident_list(request):
    return render(
        request,
        "playbooks/incidents.html",
        {
            "playbooks": incident_playbooks(),
            "runs": for_company(request.company, IncidentRun),
        },
    )


@permission(write=Level.EDITOR)
def incident_start(request, playbook_key):
    playbooks = {playbook.key: playbook for playbook in incident_playbooks()}
    if playbook_key not in playbooks:
        raise Http404
    run = advisor_services.incident_start(
        company=request.company,
        playbook=playbooks[playbook_key],
        user=request.user,
        # NUL cannot be stored (PostgreSQL text) and is invisible: drop it rather than refuse.
        notes=request.POST.get("notes", "").replace("\x00", "")[:2000],
    )
    messages.success(request, _("Incident opened. Its steps are now in your action plan."))
    return redirect("playbooks:incident_detail", incident_pk=run.pk)


@permission(read=Level.VIEWER)
def incident_detail(request, incident_pk):
    run = get_for_company(request, IncidentRun, pk=incident_pk)
    return render(
        request,
        "playbooks/incident_detail.html",
        {"run": run, "actions": run.actions.select_related("owner").order_by("due_date", "pk")},
    )

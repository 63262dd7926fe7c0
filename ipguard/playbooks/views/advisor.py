from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipguard.accounts.tenancy import get_for_company, member_required
from ipguard.playbooks.alliance_forms import AllianceFactsForm
from ipguard.playbooks.content_store import incident_playbooks
from ipguard.playbooks.models import AllianceProfile, IncidentRun
from ipguard.playbooks.services import advisor as advisor_services


@member_required
def alliance_advisor(request):
    profile = AllianceProfile.objects.filter(company=request.company).first()
    # Facts saved before a question existed (e.g. lot_member) come from the latest health check.
    initial = advisor_services.suggested_facts(request.company) | (profile.facts if profile else {})
    form = AllianceFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        advisor_services.alliance_profile_save(
            company=request.company, facts=form.cleaned_data, user=request.user
        )
        messages.success(request, _("Recommendations updated."))
        return redirect("playbooks:alliance_advisor")
    return render(
        request,
        "playbooks/alliances.html",
        {"form": form, "profile": profile},
        status=400 if form.errors else 200,
    )


@member_required
def incident_list(request):
    return render(
        request,
        "playbooks/incidents.html",
        {
            "playbooks": incident_playbooks(),
            "runs": IncidentRun.objects.filter(company=request.company),
        },
    )


@member_required
@require_POST
def incident_start(request, playbook_key):
    playbooks = {playbook.key: playbook for playbook in incident_playbooks()}
    if playbook_key not in playbooks:
        raise Http404
    run = advisor_services.incident_start(
        company=request.company,
        playbook=playbooks[playbook_key],
        user=request.user,
        notes=request.POST.get("notes", "")[:2000],
    )
    messages.success(request, _("Incident opened. Its steps are now in your action plan."))
    return redirect("playbooks:incident_detail", incident_pk=run.pk)


@member_required
def incident_detail(request, incident_pk):
    run = get_for_company(request, IncidentRun, pk=incident_pk)
    return render(
        request,
        "playbooks/incident_detail.html",
        {"run": run, "actions": run.actions.select_related("owner").order_by("due_date", "pk")},
    )

"""One stored deadline: what it is, where its rule comes from, and done / dismiss / snooze."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import get_for_company
from ipguard.portfolio import calendars, rules, services
from ipguard.portfolio.forms import DeadlineSnoozeForm
from ipguard.portfolio.models import Deadline, DeadlineStatus

STATUS_ACTIONS = {
    "done": DeadlineStatus.DONE,
    "dismiss": DeadlineStatus.DISMISSED,
    "reopen": DeadlineStatus.OPEN,
}


def _rule_of(deadline):
    """The table row behind a stored deadline, for its note and ⚠ flag (None if gone)."""
    right, office = deadline.filing.asset.right, deadline.filing.office
    if not rules.is_supported(right, office):
        return None
    return next((r for r in rules.rules_for(right, office) if r.kind == deadline.kind), None)


def _deadline(request, deadline_pk):
    return get_for_company(
        request, Deadline.objects.select_related("filing__asset__owner"), pk=deadline_pk
    )


def _render(request, deadline, *, snooze_form=None, status=200):
    rule = _rule_of(deadline)
    context = {
        "deadline": deadline,
        "filing": deadline.filing,
        "asset": deadline.filing.asset,
        "rule": rule,
        "office_calendar": calendars.calendar_for(deadline.calendar) if deadline.calendar else None,
        "expiry_label": rules.EXPIRY_LABELS.get(rule.expiry or "") if rule else None,
        "events": deadline.events.select_related("author"),
        "snooze_form": snooze_form or DeadlineSnoozeForm(initial={"until": deadline.snoozed_until}),
        "today": timezone.localdate(),
    }
    return render(request, "portfolio/deadline_detail.html", context, status=status)


@permission(read=Level.VIEWER)
def deadline_detail(request, deadline_pk):
    return _render(request, _deadline(request, deadline_pk))


@permission(write=Level.EDITOR)
def deadline_status(request, deadline_pk):
    deadline = _deadline(request, deadline_pk)
    status = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        messages.error(request, _("Choose done, dismiss or reopen."))
        return _render(request, deadline, status=400)
    try:
        services.deadline_set_status(deadline=deadline, status=status, user=request.user)
    except services.InvalidDeadlineChange as error:
        messages.error(request, str(error))
        return _render(request, deadline, status=400)
    messages.success(request, _("Status updated."))
    return redirect(deadline)


@permission(write=Level.EDITOR)
def deadline_snooze(request, deadline_pk):
    deadline = _deadline(request, deadline_pk)
    if request.POST.get("wake"):
        services.deadline_snooze(deadline=deadline, until=None, user=request.user)
        messages.success(request, _("Snooze cancelled."))
        return redirect(deadline)
    form = DeadlineSnoozeForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_snooze(
                deadline=deadline, until=form.cleaned_data["until"], user=request.user
            )
        except services.InvalidDeadlineChange as error:
            form.add_error("until", str(error))
    if form.errors:
        return _render(request, deadline, snooze_form=form, status=400)
    messages.success(request, _("Snoozed."))
    return redirect(deadline)

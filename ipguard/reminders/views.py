from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company
from ipguard.lib.signing import InvalidToken
from ipguard.reminders import services
from ipguard.reminders.forms import PolicyForm, PreferenceForm
from ipguard.reminders.links import SNOOZE_DAYS, read_unsubscribe_token
from ipguard.reminders.models import ReminderStatus, SentReminder
from ipguard.reminders.selectors import reminder_rows_named

LINK_PROBLEMS = {
    "expired": gettext_lazy("This link has expired. Open the item in IPGuard instead."),
    "invalid": gettext_lazy("This link is not valid. Check that you copied all of it."),
    "used": gettext_lazy("This link has already been used."),
    "gone": gettext_lazy("This item no longer exists."),
    "moved": gettext_lazy("This item no longer belongs to the company the email was about."),
    "not_member": gettext_lazy("You are no longer a member of this company."),
    "read_only": gettext_lazy("Your role in this company cannot change items."),
    "closed": gettext_lazy("This item is already done or closed."),
    "cannot_snooze": gettext_lazy(
        "This item is at its last day and cannot be snoozed. Deal with it or mark it done."
    ),
}


@permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)
def preferences(request):
    preference = services.reminder_preference_for(request.user)
    initial = {
        "delivery": preference.delivery,
        "digest_hour": preference.digest_hour,
        "escalations_only": preference.escalations_only,
        "language": request.user.mail_language,
        "time_zone": request.user.time_zone,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reminder_preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder preferences were saved."))
        return redirect("reminders:preferences")
    membership = getattr(request, "membership", None)
    policy = services.reminder_policy_for(membership.company) if membership else None
    return render(
        request,
        "reminders/preferences.html",
        {"form": form, "policy": policy, "membership": membership},
    )


@permission(read=Level.OWNER, write=Level.OWNER)
def policy(request):
    current = services.reminder_policy_for(request.company)
    form = PolicyForm(
        request.POST or None, initial={"offsets": ", ".join(str(d) for d in current.offsets)}
    )
    if request.method == "POST" and form.is_valid():
        services.reminder_policy_update(
            company=request.company, offsets=form.cleaned_data["offsets"], user=request.user
        )
        messages.success(request, _("The reminder policy was saved."))
        return redirect("reminders:policy")
    return render(request, "reminders/policy.html", {"form": form, "policy": current})


@permission(read=Level.OWNER)
def log(request):
    status = request.GET.get("status", "")
    rows = for_company(request.company, SentReminder).select_related("recipient")
    if status in ReminderStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    page.object_list = reminder_rows_named(
        page.object_list, company=request.company, language=get_language()
    )
    failed = for_company(request.company, SentReminder).filter(status=ReminderStatus.FAILED)
    return render(
        request,
        "reminders/log.html",
        {
            "page": page,
            "status": status,
            "statuses": ReminderStatus.choices,
            "failed_count": failed.count(),
        },
    )


@permission(read=Level.ANYONE, write=Level.ANYONE)
def act(request, token):
    """A one-click link from an email. GET asks to confirm (mail scanners follow GETs)."""
    try:
        if request.method == "POST":
            context = services.reminder_link_use(token=token)
        else:
            context = services.reminder_link_check(token=token)
    except services.LinkRefused as refusal:
        return render(
            request,
            "reminders/link_problem.html",
            {"problem": LINK_PROBLEMS.get(refusal.reason, LINK_PROBLEMS["invalid"])},
            status=410 if refusal.reason in ("expired", "used", "closed", "gone") else 400,
        )
    if context.action == "open":
        return redirect(context.source.url(context.item))
    language = context.reminder.recipient.language
    title = context.source.title(context.item, language)
    if request.method == "POST":
        return render(
            request,
            "reminders/link_done.html",
            {"action": context.action, "title": title, "days": SNOOZE_DAYS},
        )
    return render(
        request,
        "reminders/link_confirm.html",
        {
            "action": context.action,
            "title": title,
            "due_date": context.item.due_date,
            "company": context.reminder.company,
            "days": SNOOZE_DAYS,
        },
    )


@permission(read=Level.ANYONE, write=Level.ANYONE)
@csrf_exempt  # RFC 8058 one-click unsubscribe posts without a session; the token is the proof.
def unsubscribe(request, token):
    try:
        if request.method == "POST":
            user = services.reminder_unsubscribe(token=token)
            return render(request, "reminders/unsubscribed.html", {"email": user.email})
        read_unsubscribe_token(token)
    except InvalidToken as error:
        return render(
            request,
            "reminders/link_problem.html",
            {"problem": LINK_PROBLEMS.get(error.reason, LINK_PROBLEMS["invalid"])},
            status=400,
        )
    return render(request, "reminders/unsubscribe_confirm.html")

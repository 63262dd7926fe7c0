from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import get_for_company
from ipguard.actions import selectors
from ipguard.actions import services as action_services
from ipguard.actions.forms import (
    ActionCreateForm,
    ActionEditForm,
    ActionFilterForm,
    ActionStatusForm,
    CommentForm,
)
from ipguard.actions.models import ActionItem, ActionStatus, Tier
from ipguard.actions.tiers import default_due_date
from ipguard.lib.fragments import cached_body
from ipguard.lib.paths import path_maker


@permission(read=Level.VIEWER)
def action_list(request):
    body = cached_body(
        request, "action-plan", "actions/_action_list_body.html", _action_list_context
    )
    return render(request, "actions/action_list.html", {"body": body})


def _action_list_context(request):
    filters = ActionFilterForm(request.GET or None, company=request.company)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    actions = selectors.filtered_actions(
        request.company,
        status=criteria.get("status") or "open",
        tier=criteria.get("tier") or "",
        owner=criteria.get("owner"),
    )
    today = timezone.localdate()
    rows = _list_rows(actions, today)
    grouped = [(tier, [r for r in rows if r["tier"] == tier.value]) for tier in Tier]
    return {"filters": filters, "grouped": grouped, "total": len(rows), "today": today}


def _list_rows(actions, today):
    """Each row's values, worked out once here rather than per row in the template: a row
    asking get_status_display hashes every lazily translated choice label, and a date
    filter per row goes through the locale's formats; at 300 actions those were most of the
    page's time. Same texts, same HTML."""
    status_labels = {value: str(label) for value, label in ActionStatus.choices}
    path = path_maker("actions:action_detail")
    return [
        {
            "tier": action.tier,
            "url": path(action.pk),
            "title": action.title_text(),
            "overdue": action.is_open and action.due_date < today,
            "due": action.due_date.isoformat(),
            "incident": str(action.incident) if action.incident_id else "",
            "status": status_labels.get(action.status, action.status),
            "owner": str(action.owner) if action.owner_id else "",
        }
        for action in actions
    ]


def _detail_context(request, action, **forms):
    context = {
        "action": action,
        "edit_form": ActionEditForm(
            initial={"owner": action.owner, "due_date": action.due_date},
            company=request.company,
        ),
        "status_form": ActionStatusForm(
            initial={"status": action.status, "reason": action.not_applicable_reason}
        ),
        "comment_form": CommentForm(),
        "comments": action.comments.select_related("author"),
        "today": timezone.localdate(),
    }
    context.update(forms)
    return context


@permission(read=Level.VIEWER)
def action_detail(request, action_pk):
    action = get_for_company(request, ActionItem.objects.select_related("owner"), pk=action_pk)
    return render(request, "actions/action_detail.html", _detail_context(request, action))


@permission(write=Level.EDITOR)
def action_edit(request, action_pk):
    action = get_for_company(request, ActionItem, pk=action_pk)
    form = ActionEditForm(request.POST, company=request.company)
    if not form.is_valid():
        context = _detail_context(request, action, edit_form=form)
        return render(request, "actions/action_detail.html", context, status=400)
    action_services.action_item_update(
        action=action,
        owner=form.cleaned_data["owner"],
        due_date=form.cleaned_data["due_date"],
        user=request.user,
    )
    messages.success(request, _("Saved."))
    return redirect(action)


@permission(write=Level.EDITOR)
def action_status(request, action_pk):
    action = get_for_company(request, ActionItem, pk=action_pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            action_services.action_item_set_status(
                action=action,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except action_services.InvalidStatusChange as error:
            form.add_error("status", str(error))
    if form.errors:
        context = _detail_context(request, action, status_form=form)
        return render(request, "actions/action_detail.html", context, status=400)
    messages.success(request, _("Status updated."))
    return redirect(action)


@permission(write=Level.EDITOR)
def action_comment(request, action_pk):
    action = get_for_company(request, ActionItem, pk=action_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, action, comment_form=form)
        return render(request, "actions/action_detail.html", context, status=400)
    action_services.action_item_comment(
        action=action, user=request.user, body=form.cleaned_data["body"]
    )
    return redirect(action)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def action_create(request):
    form = ActionCreateForm(request.POST or None, company=request.company)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = action_services.action_item_create_manual(
            company=request.company,
            title=data["title"],
            why=data["why"],
            tier=data["tier"],
            owner=data["owner"],
            due_date=data["due_date"] or default_due_date(data["tier"], timezone.localdate()),
            user=request.user,
        )
        messages.success(request, _("Action added."))
        return redirect(action)
    return render(request, "actions/action_form.html", {"form": form})

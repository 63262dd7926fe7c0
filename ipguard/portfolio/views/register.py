"""The register: assets and their filings (list, detail, create, edit, archive)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.lib.fragments import cached_body
from ipguard.portfolio import selectors, services
from ipguard.portfolio.forms import AssetForm, FilingForm
from ipguard.portfolio.models import Asset, DeadlineEvent, Filing, Office, RightType

ASSETS_PER_PAGE = 50


@permission(read=Level.VIEWER)
def asset_list(request):
    body = cached_body(request, "register", "portfolio/_asset_list_body.html", _asset_list_context)
    return render(request, "portfolio/asset_list.html", {"body": body})


def _asset_list_context(request):
    archived = request.GET.get("archived") == "1"
    right = request.GET.get("right", "") if request.GET.get("right") in RightType.values else ""
    office = request.GET.get("office", "") if request.GET.get("office") in Office.values else ""
    query = request.GET.get("q", "").strip()[:100]
    assets = selectors.register_assets(
        request.company, archived=archived, right=right, office=office, query=query
    )
    page = Paginator(assets, ASSETS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.attach_next_deadlines(request.company, page.object_list)
    return {
        "page": page,
        "archived": archived,
        "right": right,
        "office": office,
        "query": query,
        "rights": RightType.choices,
        "offices": Office.choices,
        "counts": selectors.register_counts(request.company),
        "today": timezone.localdate(),
    }


@permission(read=Level.VIEWER)
def asset_detail(request, asset_pk):
    asset = get_for_company(request, Asset.objects.select_related("owner"), pk=asset_pk)
    body = cached_body(
        request,
        "asset",
        "portfolio/_asset_detail_body.html",
        lambda request: _asset_detail_context(request, asset),
    )
    return render(request, "portfolio/asset_detail.html", {"asset": asset, "body": body})


def _asset_detail_context(request, asset):
    filings = list(
        asset.filings.order_by("archived_at", "office", "pk").prefetch_related("deadlines")
    )
    events = (
        for_company(request.company, DeadlineEvent)
        .filter(filing__asset=asset)
        .select_related("author", "filing")
        .order_by("-created_at", "-pk")[:30]
    )
    return {"asset": asset, "filings": filings, "events": events, "today": timezone.localdate()}


@permission(read=Level.EDITOR, write=Level.EDITOR)
def asset_create(request):
    form = AssetForm(request.POST or None, company=request.company)
    if request.method == "POST" and form.is_valid():
        asset = services.asset_create(company=request.company, data=form.cleaned_data)
        messages.success(request, _("Asset added. Now add its filings."))
        return redirect(asset)
    return render(
        request, "portfolio/asset_form.html", {"form": form}, status=400 if form.errors else 200
    )


@permission(read=Level.EDITOR, write=Level.EDITOR)
def asset_edit(request, asset_pk):
    asset = get_for_company(request, Asset, pk=asset_pk)
    form = AssetForm(request.POST or None, instance=asset, company=request.company)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "right"}
        services.asset_update(asset=asset, data=data)
        messages.success(request, _("Saved."))
        return redirect(asset)
    return render(
        request,
        "portfolio/asset_form.html",
        {"form": form, "asset": asset},
        status=400 if form.errors else 200,
    )


@permission(write=Level.EDITOR)
def asset_archive(request, asset_pk):
    asset = get_for_company(request, Asset, pk=asset_pk)
    if request.POST.get("restore"):
        services.asset_restore(asset=asset)
        messages.success(request, _("Asset restored to the register."))
    else:
        services.asset_archive(asset=asset)
        messages.success(
            request, _("Asset archived: its deadlines no longer show in the calendar.")
        )
    return redirect(asset)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def filing_create(request, asset_pk):
    asset = get_for_company(request, Asset, pk=asset_pk)
    form = FilingForm(request.POST or None, asset=asset)
    if request.method == "POST" and form.is_valid():
        services.filing_create(asset=asset, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Filing added; its deadlines are computed."))
        return redirect(asset)
    return render(
        request,
        "portfolio/filing_form.html",
        {"form": form, "asset": asset},
        status=400 if form.errors else 200,
    )


@permission(read=Level.EDITOR, write=Level.EDITOR)
def filing_edit(request, filing_pk):
    filing = get_for_company(request, Filing.objects.select_related("asset"), pk=filing_pk)
    form = FilingForm(request.POST or None, instance=filing, asset=filing.asset)
    if request.method == "POST" and form.is_valid():
        result = services.filing_update(
            filing=filing,
            data=form.cleaned_data,
            user=request.user,
        )
        messages.success(request, _("Saved."))
        if result.changed:
            messages.info(
                request,
                _("Deadlines recomputed: %(new)d new, %(moved)d moved, %(gone)d no longer apply.")
                % {
                    "new": len(result.created),
                    "moved": len(result.moved),
                    "gone": len(result.removed),
                },
            )
        return redirect(filing.asset)
    return render(
        request,
        "portfolio/filing_form.html",
        {"form": form, "asset": filing.asset, "filing": filing},
        status=400 if form.errors else 200,
    )


@permission(write=Level.EDITOR)
def filing_archive(request, filing_pk):
    filing = get_for_company(request, Filing.objects.select_related("asset"), pk=filing_pk)
    if request.POST.get("restore"):
        services.filing_restore(filing=filing, user=request.user)
        messages.success(request, _("Filing restored."))
    else:
        services.filing_archive(filing=filing, user=request.user)
        messages.success(request, _("Filing archived: its deadlines no longer show."))
    return redirect(filing.asset)

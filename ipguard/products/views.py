"""Products register, markets, FTO reviews, watched applications, platform registrations and the
coverage matrix. Every lookup goes through the tenancy helpers; form pages are for editors."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipguard.accounts.permissions import Level, permission
from ipguard.accounts.tenancy import for_company, get_for_company
from ipguard.evidence.services import ChainDamaged, UploadRefused
from ipguard.lib.fragments import cached_body
from ipguard.portfolio.forms import ImportUploadForm
from ipguard.products import coverage, labels, selectors, services, spreadsheet
from ipguard.products.forms import (
    AiAssetForm,
    AiManualForm,
    AiToolForm,
    FtoPatentForm,
    FtoReviewForm,
    MarketForm,
    PlatformRegistrationForm,
    ProductForm,
    ProductSettingsForm,
    WatchedApplicationForm,
)
from ipguard.products.models import (
    MARKET_CHOICES,
    AiAsset,
    AiTool,
    FtoReview,
    MarketStatus,
    PlatformBrandRegistration,
    Product,
    ProductMarket,
    ProductSettings,
    WatchedApplication,
)


def _form_page(request, form, context):
    context["form"] = form
    return render(request, "products/form.html", context, status=400 if form.errors else 200)


def _saved_or_form_page(request, form, *, save, then, heading):
    """A valid POST is saved (`save(cleaned_data)`) and redirects to `then`; else the form page."""
    if request.method == "POST" and form.is_valid():
        save(form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(then)
    return _form_page(request, form, {"heading": heading})


@permission(read=Level.VIEWER)
def product_list(request):
    body = cached_body(
        request,
        "product-list",
        "products/_product_list_body.html",
        lambda request: {"products": selectors.products_with_markets(request.company)},
        per_user=False,
    )
    return render(request, "products/product_list.html", {"body": body})


@permission(read=Level.EDITOR, write=Level.EDITOR)
def product_create(request):
    form = ProductForm(request.POST or None, company=request.company)
    if request.method == "POST" and form.is_valid():
        product = services.product_save(
            company=request.company, data=dict(form.cleaned_data), user=request.user
        )
        messages.success(request, _("Product added. Now add its markets."))
        return redirect(product)
    return _form_page(request, form, {"heading": _("Add a product")})


@permission(read=Level.EDITOR, write=Level.EDITOR)
def product_edit(request, product_pk):
    product = get_for_company(request, Product, pk=product_pk)
    form = ProductForm(request.POST or None, instance=product, company=request.company)
    if request.method == "POST" and form.is_valid():
        services.product_save(
            company=request.company,
            data=dict(form.cleaned_data),
            product=product,
            user=request.user,
        )
        messages.success(request, _("Saved."))
        return redirect(product)
    return _form_page(request, form, {"heading": _("Edit product"), "product": product})


@permission(read=Level.VIEWER)
def product_detail(request, product_pk):
    product = get_for_company(
        request, selectors.products_with_markets(request.company), pk=product_pk
    )
    reviews = product.fto_reviews.select_related("opinion").prefetch_related("patents")
    facts = selectors.coverage_facts(request.company, [product])
    cells = coverage.coverage_matrix(facts, today=date.today())
    for market in product.markets.all():
        cell = cells[(product.pk, market.market)]
        market.exposure_reasons = [labels.exposure_reason(e, market.market) for e in cell.exposures]
        market.severity = cell.severity
    return render(
        request,
        "products/product_detail.html",
        {"product": product, "reviews": reviews, "watched": product.watched.all()},
    )


@permission(read=Level.EDITOR, write=Level.EDITOR)
def market_create(request, product_pk):
    product = get_for_company(request, Product, pk=product_pk)
    return _market_form(request, product, None)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def market_edit(request, market_pk):
    market = get_for_company(request, ProductMarket.objects.select_related("product"), pk=market_pk)
    return _market_form(request, market.product, market)


def _market_form(request, product, market):
    form = MarketForm(request.POST or None, instance=market, product=product)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if market is not None:
            data.pop("market")
        try:
            services.market_save(product=product, data=data, user=request.user, market=market)
        except services.LaunchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Saved."))
            return redirect(product)
    return _form_page(
        request,
        form,
        {"heading": _("Market of %(name)s") % {"name": product.name}, "product": product},
    )


@permission(write=Level.EDITOR)
def market_delete(request, market_pk):
    market = get_for_company(request, ProductMarket.objects.select_related("product"), pk=market_pk)
    product = market.product
    services.market_delete(market=market)
    messages.success(request, _("Market removed."))
    return redirect(product)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def review_create(request, product_pk):
    product = get_for_company(request, Product, pk=product_pk)
    initial = {"market": request.GET.get("market", ""), "reviewed_on": date.today()}
    form = FtoReviewForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "opinion_file"}
        try:
            review = services.fto_review_create(
                product=product,
                data=data,
                user=request.user,
                opinion_file=form.cleaned_data.get("opinion_file"),
            )
        except UploadRefused as refused:
            form.add_error("opinion_file", "; ".join(reason for _name, reason in refused.problems))
        except ChainDamaged as damaged:
            form.add_error("opinion_file", str(damaged))
        else:
            messages.success(request, _("Review recorded. Add the patents it found."))
            return redirect(review)
    return _form_page(
        request,
        form,
        {"heading": _("FTO review of %(name)s") % {"name": product.name}, "product": product},
    )


@permission(read=Level.VIEWER, write=Level.EDITOR)
def review_detail(request, review_pk):
    review = get_for_company(
        request, FtoReview.objects.select_related("product", "opinion"), pk=review_pk
    )
    form = FtoPatentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.fto_patent_add(review=review, data=form.cleaned_data)
        messages.success(request, _("Patent added to the review."))
        return redirect(review)
    status = 400 if form.errors else 200
    return render(
        request, "products/review_detail.html", {"review": review, "form": form}, status=status
    )


@permission(read=Level.VIEWER)
def watched_list(request):
    watched = for_company(request.company, WatchedApplication).select_related("product")
    return render(request, "products/watched_list.html", {"watched": watched})


@permission(read=Level.EDITOR, write=Level.EDITOR)
def watched_create(request):
    return _watched_form(request, None)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def watched_edit(request, watched_pk):
    return _watched_form(request, get_for_company(request, WatchedApplication, pk=watched_pk))


def _watched_form(request, watched):
    form = WatchedApplicationForm(request.POST or None, instance=watched, company=request.company)
    return _saved_or_form_page(
        request,
        form,
        save=lambda data: services.watched_application_save(
            company=request.company, data=data, watched=watched
        ),
        then="products:watched_list",
        heading=_("Watched application"),
    )


@permission(read=Level.VIEWER)
def registration_list(request):
    registrations = for_company(request.company, PlatformBrandRegistration).select_related("brand")
    return render(request, "products/registration_list.html", {"registrations": registrations})


@permission(read=Level.EDITOR, write=Level.EDITOR)
def registration_create(request):
    initial = {k: request.GET[k] for k in ("platform", "brand") if k in request.GET}
    return _registration_form(request, None, initial)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def registration_edit(request, registration_pk):
    registration = get_for_company(request, PlatformBrandRegistration, pk=registration_pk)
    return _registration_form(request, registration, {})


def _registration_form(request, registration, initial):
    form = PlatformRegistrationForm(
        request.POST or None, instance=registration, initial=initial, company=request.company
    )
    return _saved_or_form_page(
        request,
        form,
        save=lambda data: services.platform_registration_save(
            company=request.company, data=data, registration=registration
        ),
        then="products:registration_list",
        heading=_("Platform brand registration"),
    )


@permission(read=Level.OWNER, write=Level.OWNER)
def product_settings(request):
    instance = ProductSettings.objects.filter(company=request.company).first()
    form = ProductSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.product_settings_save(
            company=request.company, fto_review_months=form.cleaned_data["fto_review_months"]
        )
        messages.success(request, _("Saved."))
        return redirect("products:coverage")
    return _form_page(request, form, {"heading": _("Products settings")})


@permission(read=Level.VIEWER)
def coverage_page(request):
    products, markets, cells = selectors.company_matrix(request.company)
    labels_by_code = dict(MARKET_CHOICES)
    rows = []
    for product in products:
        row = []
        for market in markets:
            cell = cells.get((product.pk, market))
            if cell is None:
                row.append(None)
                continue
            exposures = [
                {
                    "reason": labels.exposure_reason(e, market),
                    "route": labels.exposure_link_text(e),
                    "url": labels.fix_url(e, product.pk, market),
                    "severity": e.severity,
                }
                for e in cell.exposures
            ]
            row.append(
                {
                    "cell": cell,
                    "exposures": exposures,
                    "status_label": MarketStatus(cell.status).label,
                }
            )
        rows.append((product, row))
    columns = [(m, labels_by_code.get(m, m)) for m in markets]
    return render(request, "products/coverage.html", {"rows": rows, "columns": columns})


@permission(read=Level.VIEWER)
def products_export(request):
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    rows = spreadsheet.export_rows(selectors.products_with_markets(request.company))
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        body, content_type = spreadsheet.to_csv(rows), "text/csv; charset=utf-8"
    else:
        body = spreadsheet.to_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ipguard-products-{stamp}.{kind}"'
    return response


@permission(read=Level.EDITOR, write=Level.EDITOR)
def products_import(request):
    """Check the file; if every row is good, import it all at once, else show each bad row."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": ", ".join(spreadsheet.COLUMNS)}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        brands = {b.name.casefold(): b.pk for b in selectors.company_brands(request.company)}
        try:
            rows = spreadsheet.read_rows(name=upload.name, raw=upload.read(), brands=brands)
            bad = [(row.line, "; ".join(row.errors)) for row in rows if not row.ok]
            if not bad:
                created, markets = services.products_import(
                    company=request.company, rows=rows, user=request.user
                )
        except spreadsheet.FileProblem as problem:
            form.add_error("file", str(problem))
        except services.ImportRefused as refused:
            bad = refused.problems
        else:
            if not bad:
                messages.success(
                    request,
                    _("Imported %(rows)d rows: %(created)d new products, %(markets)d markets.")
                    % {"rows": len(rows), "created": created, "markets": markets},
                )
                return redirect("products:product_list")
        if not form.errors:
            context["bad"] = bad
            form.add_error(None, _("Nothing was imported: correct these rows and try again."))
    return render(request, "products/import.html", context, status=400 if form.errors else 200)


@permission(read=Level.VIEWER)
def ai_register(request):
    company = request.company
    flags = [
        {"title": labels.ai_flag_title(f), "reason": labels.ai_flag_reason(f)}
        for f in selectors.ai_flags(company)
    ]
    context = {
        "tools": for_company(company, AiTool),
        "assets": for_company(company, AiAsset).select_related("tool", "provenance"),
        "flags": flags,
        "settings": ProductSettings.objects.filter(company=company).first(),
    }
    return render(request, "products/ai_register.html", context)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def ai_tool_create(request):
    return _ai_tool_form(request, None)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def ai_tool_edit(request, tool_pk):
    return _ai_tool_form(request, get_for_company(request, AiTool, pk=tool_pk))


def _ai_tool_form(request, tool):
    form = AiToolForm(request.POST or None, instance=tool)
    return _saved_or_form_page(
        request,
        form,
        save=lambda data: services.ai_tool_save(company=request.company, data=data, tool=tool),
        then="products:ai_register",
        heading=_("AI tool or model"),
    )


@permission(read=Level.EDITOR, write=Level.EDITOR)
def ai_asset_create(request):
    return _ai_asset_form(request, None)


@permission(read=Level.EDITOR, write=Level.EDITOR)
def ai_asset_edit(request, ai_asset_pk):
    return _ai_asset_form(request, get_for_company(request, AiAsset, pk=ai_asset_pk))


def _ai_asset_form(request, asset):
    form = AiAssetForm(request.POST or None, instance=asset, company=request.company)
    return _saved_or_form_page(
        request,
        form,
        save=lambda data: services.ai_asset_save(company=request.company, data=data, asset=asset),
        then="products:ai_register",
        heading=_("AI-generated asset"),
    )


@permission(read=Level.EDITOR, write=Level.EDITOR)
def ai_manual(request):
    form = AiManualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ai_manual_record(
            company=request.company, updated_on=form.cleaned_data["updated_on"]
        )
        messages.success(request, _("Saved."))
        return redirect("products:ai_register")
    return _form_page(request, form, {"heading": _("AI usage manual")})

"""Writes of the products register; each change re-evaluates the company's exposures."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipguard.actions.models import (
    ActionComment,
    ActionItem,
    ActionStatus,
    Tier,
)
from ipguard.audit.services import audit_record, field_changes
from ipguard.evidence.services import IncomingFile, evidence_record_create
from ipguard.lib.fragments import company_data_changed, versions_bumped_once
from ipguard.products import ai_rules, coverage, labels, selectors
from ipguard.products.models import (
    AiAsset,
    AiTool,
    FtoPatent,
    FtoReview,
    MarketStatus,
    PlatformBrandRegistration,
    Product,
    ProductMarket,
    ProductSettings,
    WatchedApplication,
)

ACTION_KEY_PREFIX = "products:"
# A licence breach or a missing legal label is urgent; provenance and the manual are strategic.
URGENT_AI_FLAGS = frozenset({ai_rules.LICENCE_FORBIDS, ai_rules.REVENUE_OVER, ai_rules.NO_LABEL})


class LaunchRefused(Exception):
    """A market cannot be marked launched: no current FTO review and no recorded waiver."""


def _both(render) -> dict:
    texts = {}
    for language, key in (("en", "en"), ("zh-hans", "zh_hans")):
        with translation.override(language):
            texts[key] = str(render())
    return texts


# --- products -------------------------------------------------------------------------------


def product_save(
    *, company, data: dict, product: Product | None = None, evaluate: bool = True, user=None
) -> Product:
    brands = data.pop("brands", None)
    with transaction.atomic():
        created = product is None
        product = product or Product(company=company)
        # A form's instance already holds the new values: compare with the stored row.
        stored = Product.objects.filter(pk=product.pk).first() if not created else None
        before = {name: getattr(stored, name, None) for name in data}
        if brands is not None:
            before["brands"] = (
                [] if created else sorted(product.brands.values_list("pk", flat=True))
            )
        for name, value in data.items():
            setattr(product, name, value)
        product.save()
        if brands is not None:
            product.brands.set(brands)
        after = {
            **data,
            **(
                {"brands": sorted(getattr(b, "pk", b) for b in brands)}
                if brands is not None
                else {}
            ),
        }
        audit_record(
            company=company,
            actor=user,
            code="product.created" if created else "product.updated",
            obj=product,
            changes=field_changes(before, after),
        )
    if evaluate:
        coverage_evaluate(company=company)
    return product


def market_save(
    *,
    product: Product,
    data: dict,
    user,
    market: ProductMarket | None = None,
    today=None,
    evaluate: bool = True,
) -> ProductMarket:
    """Add or change a market. Launching needs a current FTO review or a waiver (with a reason)."""
    today = today or date.today()
    waiver = (data.pop("fto_waiver_reason", "") or "").strip()
    market = market or ProductMarket(product=product)
    # The gate is on the move to "launched": a market already launched stays editable after its
    # review expires (the expiry is an action item, not a block on correcting a date).
    was_launched = (
        market.pk is not None
        and ProductMarket.objects.filter(pk=market.pk, status=MarketStatus.LAUNCHED).exists()
    )
    for name, value in data.items():
        setattr(market, name, value)
    if market.status == MarketStatus.LAUNCHED and not was_launched:
        fact, facts = selectors.product_fact(product.company, product)
        current = coverage.review_is_current(
            product=fact, market=market.market, facts=facts, today=today
        )
        if not current and not waiver and not market.has_waiver:
            raise LaunchRefused(
                _(
                    "%(product)s cannot be marked launched in %(market)s: there is no current "
                    "freedom-to-operate review. Record a review first, or give the reason for "
                    "launching without one (a waiver)."
                )
                % {"product": product.name, "market": market.market}
            )
    if waiver:
        market.fto_waiver_reason = waiver
        market.fto_waived_by = user
        market.fto_waived_at = timezone.now()
    with transaction.atomic():
        market.save()
        company = product.company
        fields = {k: v for k, v in data.items() if k in ("market", "status", "launch_date")}
        audit_record(company=company, actor=user, code="market.saved", obj=market, changes=fields)
        if waiver:
            audit_record(
                company=company,
                actor=user,
                code="market.fto_waived",
                obj=market,
                changes={"reason": ["", waiver]},
            )
    if evaluate:
        coverage_evaluate(company=product.company, today=today)
    return market


def market_delete(*, market: ProductMarket) -> None:
    company = market.product.company
    market.delete()
    coverage_evaluate(company=company)


class ImportRefused(Exception):
    """Nothing was imported; `problems` lists (line, message) for each refused row."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{line}: {message}" for line, message in problems))
        self.problems = problems


def products_import(*, company, rows, user) -> tuple[int, int]:
    """Create or update products (matched by name) and their markets from checked rows.

    All or nothing: a row the launch gate refuses rolls the whole file back (ImportRefused).
    Returns (products created, markets created or changed).
    """
    existing = {p.name.casefold(): p for p in Product.objects.filter(company=company)}
    created, markets, problems = 0, 0, []
    with transaction.atomic(), versions_bumped_once():
        for row in rows:
            values = row.values
            product = existing.get(values["product"].casefold())
            data = {k: values[k] for k in ("nice_classes", "channels", "brands", "design_version")}
            if product is None:
                created += 1
            product = product_save(
                company=company,
                data={"name": values["product"], **data},
                product=product,
                evaluate=False,
                user=user,
            )
            existing[values["product"].casefold()] = product
            if not values["market"]:
                continue
            market = product.markets.filter(market=values["market"]).first()
            launch = values["launch_date"]
            try:
                market_save(
                    product=product,
                    data={
                        "market": values["market"],
                        "status": values["status"],
                        "launch_date": date.fromisoformat(launch) if launch else None,
                        "fto_waiver_reason": values["fto_waiver_reason"],
                    },
                    user=user,
                    market=market,
                    evaluate=False,
                )
            except LaunchRefused as refused:
                problems.append((row.line, str(refused)))
            markets += 1
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ImportRefused(problems)
    coverage_evaluate(company=company)
    return created, markets


# --- FTO reviews ----------------------------------------------------------------------------


def fto_review_create(*, product: Product, data: dict, user, opinion_file=None) -> FtoReview:
    """Record a review; a counsel's opinion file goes into the evidence vault (hashed, chained)."""
    company = product.company
    opinion = None
    if opinion_file is not None:
        opinion = evidence_record_create(
            company=company,
            user=user,
            title=_("FTO opinion: %(product)s in %(market)s")
            % {"product": product.name, "market": data["market"]},
            description=data.get("scope", "")[:1000],
            author=data.get("reviewer", ""),
            created_on=data.get("reviewed_on"),
            files=[
                IncomingFile(
                    name=opinion_file.name,
                    stream=opinion_file,
                    size=opinion_file.size,
                    content_type=getattr(opinion_file, "content_type", "") or "",
                )
            ],
        )
    with transaction.atomic():
        review = FtoReview.objects.create(
            product=product,
            design_version=product.design_version,
            opinion=opinion,
            created_by=user,
            **data,
        )
        audit_record(company=company, actor=user, code="fto_review.recorded", obj=review)
    coverage_evaluate(company=company)
    return review


def fto_patent_add(*, review: FtoReview, data: dict) -> FtoPatent:
    return FtoPatent.objects.create(review=review, **data)


def watched_application_save(
    *, company, data: dict, watched: WatchedApplication | None = None
) -> WatchedApplication:
    watched = watched or WatchedApplication(company=company)
    for name, value in data.items():
        setattr(watched, name, value)
    with transaction.atomic():
        watched.save()
    coverage_evaluate(company=company)
    return watched


def platform_registration_save(
    *, company, data: dict, registration: PlatformBrandRegistration | None = None
) -> PlatformBrandRegistration:
    registration = registration or PlatformBrandRegistration(company=company)
    for name, value in data.items():
        setattr(registration, name, value)
    with transaction.atomic():
        registration.save()
    coverage_evaluate(company=company)
    return registration


def product_settings_save(*, company, fto_review_months: int) -> ProductSettings:
    with transaction.atomic():
        settings, _created = ProductSettings.objects.update_or_create(
            company=company, defaults={"fto_review_months": fto_review_months}
        )
    coverage_evaluate(company=company)
    return settings


# --- exposures as action items ---------------------------------------------------------------


def _tier(cell: coverage.Cell) -> str:
    return Tier.URGENT if cell.status == MarketStatus.LAUNCHED else Tier.STRATEGIC


def _wanted_items(company, today: date) -> dict[str, ActionItem]:
    products, _markets, cells = selectors.company_matrix(company, today)
    names = {p.pk: p.name for p in products}
    wanted: dict[str, ActionItem] = {}
    for (product_id, market), cell in cells.items():
        for exposure in cell.exposures:
            if exposure.kind == coverage.FTO_WAIVED:
                continue  # a recorded decision, not a gap
            key = ACTION_KEY_PREFIX + exposure.key
            due = coverage.due_date_for(
                status=cell.status, launch_date=cell.launch_date, today=today
            )
            if key in wanted:  # one platform gap is shared by every market: keep the soonest
                if due < wanted[key].due_date:
                    wanted[key].due_date, wanted[key].tier = due, _tier(cell)
                continue
            wanted[key] = ActionItem(
                company=company,
                origin=ActionItem.Origin.PRODUCTS,
                key=key,
                title=_both(
                    lambda e=exposure, m=market, p=product_id: labels.exposure_title(e, m, names[p])
                ),
                why=_both(
                    lambda e=exposure, m=market: (
                        labels.exposure_reason(e, m)
                        + " "
                        + _("Suggested route: %(route)s.") % {"route": labels.route_label(e.route)}
                    )
                ),
                source="ip-rules.md section 6"
                if exposure.route == coverage.ROUTE_FTO
                else "ip-rules.md section 1",
                tier=_tier(cell),
                due_date=due,
            )
    return wanted


def _ai_items(company, today: date) -> dict[str, ActionItem]:
    items = {}
    for flag in selectors.ai_flags(company, today):
        key = ACTION_KEY_PREFIX + flag.key
        items[key] = ActionItem(
            company=company,
            origin=ActionItem.Origin.PRODUCTS,
            key=key,
            title=_both(lambda f=flag: labels.ai_flag_title(f)),
            why=_both(lambda f=flag: labels.ai_flag_reason(f)),
            source="ip-rules.md section 7",
            tier=Tier.URGENT if flag.kind in URGENT_AI_FLAGS else Tier.STRATEGIC,
            due_date=today + timedelta(days=30 if flag.kind in URGENT_AI_FLAGS else 90),
        )
    return items


def coverage_evaluate(*, company, today: date | None = None) -> tuple[int, int]:
    """Open an action item for every new exposure or AI flag and close those that are gone.

    One item per gap, however often this runs: an open item with the gap's key is kept; an item
    someone marked not applicable is respected while the gap lasts; an item that was done (by
    hand, or closed here earlier) is reopened with a fresh due date when the gap is back.
    Returns (created or reopened, closed).
    """
    today = today or date.today()
    with transaction.atomic():
        wanted = {**_wanted_items(company, today), **_ai_items(company, today)}
        latest: dict[str, ActionItem] = {}
        for item in (
            ActionItem.objects.select_for_update()
            .filter(company=company, origin=ActionItem.Origin.PRODUCTS)
            .order_by("created_at", "pk")
        ):
            current = latest.get(item.key)
            if current is None or not current.is_open:  # an open item wins over older closed ones
                latest[item.key] = item
        new, reopened = [], 0
        for key, item in wanted.items():
            existing = latest.get(key)
            if existing is None:
                new.append(item)
            elif existing.status == ActionStatus.DONE:
                _reopen(existing, wanted=item)
                reopened += 1
        ActionItem.objects.bulk_create(new)
        if new:  # bulk writes send no signals
            company_data_changed(new[0].company_id)
        gone = [item for key, item in latest.items() if item.is_open and key not in wanted]
        now = timezone.now()
        for item in gone:
            item.status = ActionStatus.DONE
            item.completed_at = now
            item.save(update_fields=["status", "completed_at"])
            ActionComment.objects.create(
                action=item, is_system=True, code="closed_by_products_register"
            )
    return len(new) + reopened, len(gone)


def _reopen(item: ActionItem, *, wanted: ActionItem) -> None:
    item.status = ActionStatus.TODO
    item.completed_at = None
    item.title, item.why, item.tier, item.due_date = (
        wanted.title,
        wanted.why,
        wanted.tier,
        wanted.due_date,
    )
    item.save(update_fields=["status", "completed_at", "title", "why", "tier", "due_date"])
    ActionComment.objects.create(action=item, is_system=True, code="reopened_by_products_register")


def ai_tool_save(*, company, data: dict, tool: AiTool | None = None) -> AiTool:
    tool = tool or AiTool(company=company)
    for name, value in data.items():
        setattr(tool, name, value)
    with transaction.atomic():
        tool.save()
    coverage_evaluate(company=company)
    return tool


def ai_asset_save(*, company, data: dict, asset: AiAsset | None = None) -> AiAsset:
    asset = asset or AiAsset(company=company)
    for name, value in data.items():
        setattr(asset, name, value)
    if not asset.tool_version and asset.tool_id:
        asset.tool_version = asset.tool.version
    with transaction.atomic():
        asset.save()
    coverage_evaluate(company=company)
    return asset


def ai_manual_record(*, company, updated_on: date) -> ProductSettings:
    with transaction.atomic():
        settings, _created = ProductSettings.objects.update_or_create(
            company=company, defaults={"ai_manual_updated_on": updated_on}
        )
    coverage_evaluate(company=company)
    return settings

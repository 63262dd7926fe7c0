"""Reads shared by the products pages, the evaluation service and the report section."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

from ipguard.accounts.tenancy import for_company
from ipguard.portfolio.models import Asset, Filing, RightType
from ipguard.products import ai_rules, coverage, health_check
from ipguard.products.models import (
    AiAsset,
    AiTool,
    FtoReview,
    PlatformBrandRegistration,
    Product,
    ProductMarket,
    ProductSettings,
    WatchedApplication,
    WatchStatus,
)


def review_months(company) -> int:
    settings = ProductSettings.objects.filter(company=company).first()
    return settings.fto_review_months if settings else 12


def company_brands(company):
    return for_company(company, Asset).filter(right=RightType.TRADEMARK, archived_at__isnull=True)


def products_with_markets(company):
    return for_company(company, Product).prefetch_related(
        Prefetch("markets", queryset=ProductMarket.objects.order_by("market")), "brands"
    )


def _product_fact(product) -> coverage.ProductFact:
    return coverage.ProductFact(
        id=product.pk,
        name=product.name,
        nice_classes=tuple(product.nice_classes),
        channels=tuple(product.channels),
        brand_ids=tuple(b.pk for b in product.brands.all()),
        design_version=product.design_version,
        markets=tuple(
            coverage.MarketFact(m.market, m.status, m.launch_date, m.has_waiver)
            for m in product.markets.all()
        ),
    )


def coverage_facts(company, products=None) -> coverage.Facts:
    """Everything coverage_matrix needs, in a fixed number of queries."""
    products = list(products if products is not None else products_with_markets(company))
    brand_ids = {b.pk for p in products for b in p.brands.all()}
    brands = {}
    filings = (
        for_company(company, Filing)
        .filter(asset_id__in=brand_ids, archived_at__isnull=True)
        .values_list("asset_id", "office", "status", "designated_countries")
    )
    by_brand: dict[int, list] = {}
    for asset_id, office, status, designated in filings:
        by_brand.setdefault(asset_id, []).append(
            coverage.FilingFact(office, status, tuple(designated or ()))
        )
    for asset in company_brands(company).filter(pk__in=brand_ids):
        brands[asset.pk] = coverage.BrandFact(
            asset.pk, asset.name, tuple(asset.nice_classes), tuple(by_brand.get(asset.pk, ()))
        )
    reviews = tuple(
        coverage.ReviewFact(product_id, market, reviewed_on, version)
        for product_id, market, reviewed_on, version in for_company(company, FtoReview).values_list(
            "product_id", "market", "reviewed_on", "design_version"
        )
    )
    grants = tuple(
        coverage.GrantFact(product_id, market, status_date, number)
        for product_id, market, status_date, number in for_company(company, WatchedApplication)
        .filter(status=WatchStatus.GRANTED)
        .values_list("product_id", "market", "status_date", "number")
    )
    live = for_company(company, PlatformBrandRegistration).filter(
        status__in=coverage.LIVE_REGISTRATION_STATUSES
    )
    return coverage.Facts(
        products=tuple(_product_fact(p) for p in products),
        brands=brands,
        reviews=reviews,
        grants=grants,
        platform_registrations=frozenset(live.values_list("platform", "brand_id")),
        review_months=review_months(company),
    )


def product_fact(company, product) -> tuple[coverage.ProductFact, coverage.Facts]:
    """The product as stored now (a caller's instance may be stale), with its facts."""
    fresh = products_with_markets(company).get(pk=product.pk)
    facts = coverage_facts(company, [fresh])
    return facts.products[0], facts


def company_matrix(company, today: date | None = None):
    """(products, markets, cells) for the coverage page and the report."""
    today = today or date.today()
    products = list(products_with_markets(company))
    facts = coverage_facts(company, products)
    return products, coverage.market_columns(facts), coverage.coverage_matrix(facts, today=today)


def ai_flags(company, today: date | None = None) -> list[ai_rules.Flag]:
    """Every flag of the AI-content register: licences, provenance, labels, the usage manual."""
    today = today or date.today()
    tools = list(for_company(company, AiTool))
    flags = []
    for tool in tools:
        fact = ai_rules.ToolFact(
            tool.pk,
            tool.name,
            tool.version,
            tool.used_commercially,
            tool.commercial_use,
            tool.revenue_threshold_usd,
        )
        flags.extend(ai_rules.tool_flags(fact, revenue_band=company.revenue_band))
    for asset in for_company(company, AiAsset):
        fact = ai_rules.AssetFact(
            asset.pk,
            asset.title,
            asset.market,
            asset.created_on,
            asset.provenance_id is not None,
            asset.labelled,
        )
        flags.extend(ai_rules.asset_flags(fact, today=today))
    settings = ProductSettings.objects.filter(company=company).first()
    flags.extend(
        ai_rules.manual_flags(
            settings.ai_manual_updated_on if settings else None,
            today=today,
            uses_ai=bool(tools),
        )
    )
    return flags


def health_check_prefill(company) -> dict[str, object]:
    """The health-check answers the products register suggests (see products/health_check.py)."""
    products, _markets, cells = company_matrix(company)
    facts_markets = {market for (_product, market) in cells}
    channels = {channel for product in products for channel in product.channels}
    uncovered = {
        market
        for (_product, market), cell in cells.items()
        if any(e.kind == coverage.NO_MARK for e in cell.exposures)
    }
    return health_check.suggested_answers(
        markets=facts_markets, channels=channels, uncovered_markets=uncovered
    )

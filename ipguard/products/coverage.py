"""Where a company is exposed: per product and market, the gaps in marks, reviews and registries.

Pure Python over dataclasses: no database. `ipguard.products.selectors.coverage_facts` builds the
inputs; the matrix page, the action plan and the quarterly report all read `coverage_matrix`.

What counts as cover (and its limits):
- A mark covers a market when the brand has a live filing (pending, published or registered) at
  that market's office, or an international (Madrid, office WO) filing whose recorded designated
  countries include the market. Marks are territorial (ip-rules.md section 1); EU means an EU
  trade mark, not the national marks of its member states, which the register does not model.
- The register records Nice classes per mark (the asset), not per filing, so a filing is taken
  to cover every class of its mark. (Limit: a national filing in fewer classes is not detected.)
- An FTO review is per product and market (FTO is territorial, ip-rules.md section 6, S71-S72) and
  is current until: the product's design version changes; the set period has passed; or a watched
  application for that product (and market, if given) was granted after the review date (the
  refresh triggers of section 6). A new market has no review, so it is exposed until one is done.
- Marketplace brand registries generally require the brand's mark: a channel with a registry is
  exposed until the brand has a pending or registered enrolment there. House rule: the platform
  enrolment is one per platform and brand (not per marketplace country).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ipguard.lib.dates import add_months

LIVE_FILING_STATUSES = frozenset({"pending", "published", "registered"})
LIVE_REGISTRATION_STATUSES = frozenset({"pending", "registered"})
# Channels whose platform runs a brand registry (Amazon Brand Registry, Alibaba IPP, ...).
REGISTRY_CHANNELS = frozenset(
    {"amazon", "alibaba", "aliexpress", "temu", "shopee", "lazada", "tiktok_shop"}
)
# Markets whose office a Madrid designation can reach. Source: WIPO, Members of the Madrid Union
# (wipo.int/madrid/en/members), checked for the offices the register knows. HK: China's accession
# does not extend to Hong Kong until its Madrid implementation takes effect (uncertain: check the
# IPD before relying on it); TW is not a WIPO member.
MADRID_MARKETS = frozenset(
    {"CN", "US", "EU", "GB", "JP", "KR", "SG", "MY", "TH", "VN", "ID", "PH", "IN", "AU", "CA", "MX"}
)

# Exposure kinds, worst first; `SEVERITY` colours the matrix cell.
NO_MARK = "no_mark"
CLASS_NOT_COVERED = "class_not_covered"
NO_FTO = "no_fto"
FTO_EXPIRED = "fto_expired"
NO_PLATFORM_REGISTRATION = "no_platform_registration"
FTO_WAIVED = "fto_waived"
HIGH, MEDIUM, LOW = 3, 2, 1

ROUTE_NATIONAL = "national_filing"
ROUTE_MADRID = "madrid_designation"
ROUTE_PLATFORM = "platform_brand_registry"
ROUTE_FTO = "fto_review"


@dataclass(frozen=True)
class FilingFact:
    office: str
    status: str
    designated: tuple[str, ...] = ()


@dataclass(frozen=True)
class BrandFact:
    id: int
    name: str
    nice_classes: tuple[int, ...]
    filings: tuple[FilingFact, ...] = ()


@dataclass(frozen=True)
class MarketFact:
    market: str
    status: str  # "planned" | "launched"
    launch_date: date | None = None
    waived: bool = False


@dataclass(frozen=True)
class ProductFact:
    id: int
    name: str
    nice_classes: tuple[int, ...]
    channels: tuple[str, ...]
    brand_ids: tuple[int, ...]
    design_version: int
    markets: tuple[MarketFact, ...]


@dataclass(frozen=True)
class ReviewFact:
    product_id: int
    market: str
    reviewed_on: date
    design_version: int


@dataclass(frozen=True)
class GrantFact:
    """A watched application that was granted on `granted_on` (market "" = any market)."""

    product_id: int
    market: str
    granted_on: date
    number: str = ""


@dataclass(frozen=True)
class Facts:
    products: tuple[ProductFact, ...]
    brands: dict[int, BrandFact]
    reviews: tuple[ReviewFact, ...] = ()
    grants: tuple[GrantFact, ...] = ()
    platform_registrations: frozenset[tuple[str, int]] = frozenset()  # live (platform, brand)
    review_months: int = 12


@dataclass(frozen=True)
class Exposure:
    kind: str
    severity: int
    route: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    key: str = ""  # stable identity of the gap: the action item's key


@dataclass
class Cell:
    product_id: int
    market: str
    status: str
    launch_date: date | None
    exposures: list[Exposure] = field(default_factory=list)

    @property
    def severity(self) -> int:
        return max((e.severity for e in self.exposures), default=0)


def _filing_covers(filing: FilingFact, market: str) -> bool:
    if filing.status not in LIVE_FILING_STATUSES:
        return False
    if filing.office == market:
        return True
    return filing.office == "WO" and market in filing.designated


def review_expiry(review: ReviewFact, *, product: ProductFact, grants, months: int):
    """(expired?, reason code, date) of a review; reason is "" while it is current."""
    for grant in grants:
        if grant.product_id != review.product_id or grant.market not in ("", review.market):
            continue
        if grant.granted_on > review.reviewed_on:
            return True, "granted", grant.granted_on
    if review.design_version != product.design_version:
        return True, "design", None
    ends = add_months(review.reviewed_on, months)
    return False, "", ends


def _fto_exposure(product: ProductFact, market: MarketFact, facts: Facts, today: date):
    reviews = [r for r in facts.reviews if r.product_id == product.id and r.market == market.market]
    key = f"fto:{product.id}:{market.market}"
    launched = market.status == "launched"
    if not reviews:
        if market.waived:
            return Exposure(FTO_WAIVED, LOW, ROUTE_FTO, {}, key)
        return Exposure(NO_FTO, HIGH if launched else MEDIUM, ROUTE_FTO, {}, key)
    latest = max(reviews, key=lambda r: r.reviewed_on)
    expired, reason, when = review_expiry(
        latest, product=product, grants=facts.grants, months=facts.review_months
    )
    if not expired and when is not None and when <= today:
        expired, reason = True, "period"
    if not expired:
        return None
    params = {"reason": reason, "reviewed_on": latest.reviewed_on.isoformat()}
    if when is not None:
        params["since"] = when.isoformat()
    return Exposure(FTO_EXPIRED, HIGH if launched else MEDIUM, ROUTE_FTO, params, key)


def _mark_exposures(product: ProductFact, market: MarketFact, facts: Facts) -> list[Exposure]:
    exposures = []
    launched = market.status == "launched"
    for brand_id in product.brand_ids:
        brand = facts.brands.get(brand_id)
        if brand is None:
            continue
        params = {"brand": brand.name, "brand_id": brand.id}
        if not any(_filing_covers(f, market.market) for f in brand.filings):
            has_madrid = any(
                f.office == "WO" and f.status in LIVE_FILING_STATUSES for f in brand.filings
            )
            route = (
                ROUTE_MADRID if has_madrid and market.market in MADRID_MARKETS else ROUTE_NATIONAL
            )
            key = f"mark:{product.id}:{market.market}:{brand.id}"
            exposures.append(Exposure(NO_MARK, HIGH if launched else MEDIUM, route, params, key))
            continue
        missing = sorted(set(product.nice_classes) - set(brand.nice_classes))
        if missing:
            key = f"class:{product.id}:{market.market}:{brand.id}"
            exposures.append(
                Exposure(
                    CLASS_NOT_COVERED,
                    MEDIUM,
                    ROUTE_NATIONAL,
                    {**params, "classes": ", ".join(str(c) for c in missing)},
                    key,
                )
            )
    return exposures


def _platform_exposures(product: ProductFact, facts: Facts) -> list[Exposure]:
    exposures = []
    for channel in product.channels:
        if channel not in REGISTRY_CHANNELS:
            continue
        for brand_id in product.brand_ids:
            brand = facts.brands.get(brand_id)
            if brand is None or (channel, brand_id) in facts.platform_registrations:
                continue
            exposures.append(
                Exposure(
                    NO_PLATFORM_REGISTRATION,
                    MEDIUM,
                    ROUTE_PLATFORM,
                    {"brand": brand.name, "brand_id": brand.id, "channel": channel},
                    f"platform:{channel}:{brand.id}",
                )
            )
    return exposures


def coverage_matrix(facts: Facts, *, today: date) -> dict[tuple[int, str], Cell]:
    """Every (product id, market) the company sells in or plans, with its exposures, worst first."""
    cells = {}
    for product in facts.products:
        platform = _platform_exposures(product, facts)
        for market in product.markets:
            cell = Cell(product.id, market.market, market.status, market.launch_date)
            cell.exposures.extend(_mark_exposures(product, market, facts))
            fto = _fto_exposure(product, market, facts, today)
            if fto is not None:
                cell.exposures.append(fto)
            cell.exposures.extend(platform)
            cell.exposures.sort(key=lambda e: -e.severity)
            cells[(product.id, market.market)] = cell
    return cells


def market_columns(facts: Facts) -> list[str]:
    """The markets of the matrix, in the office list's order."""
    seen = {m.market for p in facts.products for m in p.markets}
    return sorted(seen)


def due_date_for(*, status: str, launch_date: date | None, today: date) -> date:
    """When the gap should be closed. House policy, not a legal deadline:
    launched markets within 30 days; planned ones 30 days before launch (never sooner than a week
    from today), or within 6 months when no launch date is set."""
    if status == "launched":
        return today + timedelta(days=30)
    if launch_date is not None:
        return max(today + timedelta(days=7), launch_date - timedelta(days=30))
    return add_months(today, 6)


def review_is_current(*, product: ProductFact, market: str, facts: Facts, today: date) -> bool:
    """The launch gate: is there a review of this product in this market that has not expired?"""
    fact = MarketFact(market=market, status="launched")
    exposure = _fto_exposure(product, fact, facts, today)
    return exposure is None

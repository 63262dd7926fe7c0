"""The coverage rules (ipguard/products/coverage.py), on hand-made companies.

Sources: marks are territorial and a Madrid registration covers only the countries it designates
(ip-rules.md section 1); FTO is per product and country and is refreshed on a design change, a
new market, a set period or a watched application's grant (ip-rules.md section 6, S71-S74).
Runs without Django (`-p no:django`).
"""

from datetime import date

from ipguard.products import coverage as c

TODAY = date(2026, 12, 2)


def brand(id=1, name="SUNBEAM", classes=(11,), filings=()):
    return c.BrandFact(id, name, tuple(classes), tuple(filings))


def product(markets, *, id=10, classes=(11,), channels=(), brands=(1,), version=1):
    return c.ProductFact(
        id, "Desk lamp", tuple(classes), tuple(channels), tuple(brands), version, tuple(markets)
    )


def launched(code, waived=False):
    return c.MarketFact(code, "launched", date(2026, 1, 1), waived)


def planned(code, launch_date=None):
    return c.MarketFact(code, "planned", launch_date)


def review(market, reviewed_on=date(2026, 6, 1), version=1, product_id=10):
    return c.ReviewFact(product_id, market, reviewed_on, version)


def kinds(cells, market, product_id=10):
    return [e.kind for e in cells[(product_id, market)].exposures]


def test_a_national_filing_covers_only_its_own_market():
    facts = c.Facts(
        products=(product([launched("US"), launched("JP")]),),
        brands={1: brand(filings=[c.FilingFact("US", "registered")])},
        reviews=(review("US"), review("JP")),
    )
    cells = c.coverage_matrix(facts, today=TODAY)
    assert kinds(cells, "US") == []
    assert kinds(cells, "JP") == [c.NO_MARK]
    assert cells[(10, "JP")].severity == c.HIGH
    assert cells[(10, "US")].severity == 0


def test_a_madrid_filing_covers_the_countries_it_designates_and_suggests_a_designation():
    facts = c.Facts(
        products=(product([launched("JP"), launched("KR"), launched("TW")]),),
        brands={1: brand(filings=[c.FilingFact("WO", "registered", ("JP", "EU"))])},
        reviews=(review("JP"), review("KR"), review("TW")),
    )
    cells = c.coverage_matrix(facts, today=TODAY)
    assert kinds(cells, "JP") == []
    [kr] = cells[(10, "KR")].exposures
    assert (kr.kind, kr.route) == (c.NO_MARK, c.ROUTE_MADRID)  # KR is a Madrid member
    [tw] = cells[(10, "TW")].exposures
    assert tw.route == c.ROUTE_NATIONAL  # Taiwan cannot be designated


def test_lapsed_withdrawn_or_planned_filings_do_not_cover():
    for status in ("lapsed", "withdrawn", "planned"):
        facts = c.Facts(
            products=(product([launched("US")]),),
            brands={1: brand(filings=[c.FilingFact("US", status)])},
            reviews=(review("US"),),
        )
        assert kinds(c.coverage_matrix(facts, today=TODAY), "US") == [c.NO_MARK], status
    pending = c.Facts(
        products=(product([launched("US")]),),
        brands={1: brand(filings=[c.FilingFact("US", "pending")])},
        reviews=(review("US"),),
    )
    assert kinds(c.coverage_matrix(pending, today=TODAY), "US") == []


def test_a_mark_that_misses_the_products_class_is_exposed_with_the_missing_classes():
    facts = c.Facts(
        products=(product([launched("CN")], classes=(9, 11, 35)),),
        brands={1: brand(classes=(11,), filings=[c.FilingFact("CN", "registered")])},
        reviews=(review("CN"),),
    )
    [exposure] = c.coverage_matrix(facts, today=TODAY)[(10, "CN")].exposures
    assert exposure.kind == c.CLASS_NOT_COVERED
    assert exposure.params["classes"] == "9, 35"
    assert exposure.severity == c.MEDIUM


def test_no_review_is_high_when_launched_medium_when_planned_low_when_waived():
    covered = brand(filings=[c.FilingFact("US", "registered"), c.FilingFact("EU", "registered")])
    facts = c.Facts(
        products=(
            product([launched("US")], id=1),
            product([planned("US")], id=2),
            product([launched("EU", waived=True)], id=3),
        ),
        brands={1: covered},
    )
    cells = c.coverage_matrix(facts, today=TODAY)
    assert [(e.kind, e.severity) for e in cells[(1, "US")].exposures] == [(c.NO_FTO, c.HIGH)]
    assert [(e.kind, e.severity) for e in cells[(2, "US")].exposures] == [(c.NO_FTO, c.MEDIUM)]
    assert [(e.kind, e.severity) for e in cells[(3, "EU")].exposures] == [(c.FTO_WAIVED, c.LOW)]


def test_a_review_in_one_market_does_not_clear_a_new_market():
    facts = c.Facts(
        products=(product([launched("US"), planned("JP")]),),
        brands={
            1: brand(filings=[c.FilingFact("US", "registered"), c.FilingFact("JP", "pending")])
        },
        reviews=(review("US"),),
    )
    cells = c.coverage_matrix(facts, today=TODAY)
    assert kinds(cells, "US") == []
    assert kinds(cells, "JP") == [c.NO_FTO]


def test_reviews_expire_on_design_change_period_and_grant():
    base = {"brands": {1: brand(filings=[c.FilingFact("US", "registered")])}}
    # Design version 2 was reviewed at version 1.
    design = c.Facts(
        products=(product([launched("US")], version=2),), reviews=(review("US"),), **base
    )
    [e] = c.coverage_matrix(design, today=TODAY)[(10, "US")].exposures
    assert (e.kind, e.params["reason"]) == (c.FTO_EXPIRED, "design")
    # Reviewed 2025-12-02, 12-month period: expired on 2026-12-02 (TODAY), current the day before.
    old = c.Facts(
        products=(product([launched("US")]),), reviews=(review("US", date(2025, 12, 2)),), **base
    )
    [e] = c.coverage_matrix(old, today=TODAY)[(10, "US")].exposures
    assert (e.kind, e.params["reason"], e.params["since"]) == (
        c.FTO_EXPIRED,
        "period",
        "2026-12-02",
    )
    assert c.coverage_matrix(old, today=date(2026, 12, 1))[(10, "US")].exposures == []
    # A 24-month company setting keeps it current.
    longer = c.Facts(products=old.products, reviews=old.reviews, review_months=24, **base)
    assert c.coverage_matrix(longer, today=TODAY)[(10, "US")].exposures == []
    # A watched application granted after the review expires it; one granted before does not,
    # nor does one granted for another market.
    after = c.GrantFact(10, "US", date(2026, 7, 1))
    before = c.GrantFact(10, "", date(2026, 5, 1))
    elsewhere = c.GrantFact(10, "JP", date(2026, 8, 1))
    granted = c.Facts(
        products=(product([launched("US")]),), reviews=(review("US"),), grants=(after,), **base
    )
    [e] = c.coverage_matrix(granted, today=TODAY)[(10, "US")].exposures
    assert (e.kind, e.params["reason"]) == (c.FTO_EXPIRED, "granted")
    quiet = c.Facts(
        products=granted.products, reviews=granted.reviews, grants=(before, elsewhere), **base
    )
    assert c.coverage_matrix(quiet, today=TODAY)[(10, "US")].exposures == []


def test_the_latest_review_counts():
    facts = c.Facts(
        products=(product([launched("US")]),),
        brands={1: brand(filings=[c.FilingFact("US", "registered")])},
        reviews=(review("US", date(2024, 1, 1)), review("US", date(2026, 10, 1))),
    )
    assert c.coverage_matrix(facts, today=TODAY)[(10, "US")].exposures == []


def test_marketplace_channels_need_a_live_brand_registry_enrolment():
    facts = c.Facts(
        products=(
            product(
                [launched("US"), launched("SG")],
                channels=("amazon", "shopee", "own_shop", "trade_shows"),
            ),
        ),
        brands={
            1: brand(filings=[c.FilingFact("US", "registered"), c.FilingFact("SG", "registered")])
        },
        reviews=(review("US"), review("SG")),
        platform_registrations=frozenset({("amazon", 1)}),
    )
    cells = c.coverage_matrix(facts, today=TODAY)
    for market in ("US", "SG"):
        [e] = cells[(10, market)].exposures
        assert (e.kind, e.params["channel"], e.key) == (
            c.NO_PLATFORM_REGISTRATION,
            "shopee",
            "platform:shopee:1",
        )


def test_exposures_are_sorted_worst_first_and_keys_are_stable():
    facts = c.Facts(
        products=(product([launched("MX")], channels=("temu",)),),
        brands={1: brand()},
    )
    cell = c.coverage_matrix(facts, today=TODAY)[(10, "MX")]
    assert [e.severity for e in cell.exposures] == sorted(
        (e.severity for e in cell.exposures), reverse=True
    )
    assert {e.key for e in cell.exposures} == {"mark:10:MX:1", "fto:10:MX", "platform:temu:1"}
    again = c.coverage_matrix(facts, today=TODAY)[(10, "MX")]
    assert [e.key for e in again.exposures] == [e.key for e in cell.exposures]


def test_a_product_without_brands_has_only_review_and_no_mark_exposures():
    facts = c.Facts(products=(product([planned("GB")], brands=()),), brands={})
    assert kinds(c.coverage_matrix(facts, today=TODAY), "GB") == [c.NO_FTO]


def test_due_dates():
    assert c.due_date_for(status="launched", launch_date=date(2026, 1, 1), today=TODAY) == date(
        2027, 1, 1
    )
    assert c.due_date_for(status="planned", launch_date=date(2027, 3, 1), today=TODAY) == date(
        2027, 1, 30
    )
    # A launch two weeks away: a week from today, not a date in the past.
    assert c.due_date_for(status="planned", launch_date=date(2026, 12, 16), today=TODAY) == date(
        2026, 12, 9
    )
    assert c.due_date_for(status="planned", launch_date=None, today=TODAY) == date(2027, 6, 2)


def test_review_is_current_gate():
    p = product([planned("US")])
    facts = c.Facts(products=(p,), brands={}, reviews=(review("US"),))
    assert c.review_is_current(product=p, market="US", facts=facts, today=TODAY)
    assert not c.review_is_current(product=p, market="JP", facts=facts, today=TODAY)
    assert not c.review_is_current(
        product=product([planned("US")], version=2), market="US", facts=facts, today=TODAY
    )


def test_market_columns_are_the_markets_in_use():
    facts = c.Facts(
        products=(product([planned("US"), planned("CN")]), product([planned("US")], id=11)),
        brands={},
    )
    assert c.market_columns(facts) == ["CN", "US"]

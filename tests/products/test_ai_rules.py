"""AI-content flags (ipguard/products/ai_rules.py), hand-checked against ip-rules.md section 7:
SD3/3.5 Community Licence free under USD 1M annual revenue; CN labelling measures in force
1 Sep 2025; EU AI Act Art 50 from 2 Aug 2026 (uncertain). Runs without Django."""

from datetime import date

from ipguard.products import ai_rules as r

TODAY = date(2026, 12, 2)


def tool(commercial_use="allowed", threshold=None, used=True):
    return r.ToolFact(7, "Stable Diffusion", "3.5 Large", used, commercial_use, threshold)


def asset(market="CN", provenance=True, labelled=False, made=date(2026, 3, 1)):
    return r.AssetFact(5, "Spring banner", market, made, provenance, labelled)


def kinds(flags):
    return [f.kind for f in flags]


def test_commercial_use_the_licence_does_not_allow_is_flagged():
    assert kinds(r.tool_flags(tool("not_allowed"), revenue_band="under_5m_usd")) == [
        r.LICENCE_FORBIDS
    ]
    assert kinds(r.tool_flags(tool("unknown"), revenue_band="under_5m_usd")) == [r.LICENCE_UNKNOWN]
    assert r.tool_flags(tool("not_allowed", used=False), revenue_band="under_5m_usd") == []
    assert r.tool_flags(tool("allowed"), revenue_band="over_500m_usd") == []


def test_revenue_threshold_against_the_companys_band():
    # SD 3.5 Community Licence: free under USD 1M a year.
    sd35 = tool(threshold=1_000_000)
    assert kinds(r.tool_flags(sd35, revenue_band="5m_50m_usd")) == [r.REVENUE_OVER]
    assert kinds(r.tool_flags(sd35, revenue_band="under_5m_usd")) == [r.REVENUE_MAYBE]
    # A threshold the whole band is under.
    assert r.tool_flags(tool(threshold=5_000_000), revenue_band="under_5m_usd") == []
    assert r.revenue_exceeds("over_500m_usd", 500_000_000) is True
    assert r.revenue_exceeds("50m_500m_usd", 600_000_000) is False
    assert r.revenue_exceeds("unknown_band", 1) is None


def test_labels_required_in_cn_from_1_sep_2025_and_eu_from_2_aug_2026():
    assert r.label_required("CN", date(2025, 9, 1))
    assert not r.label_required("CN", date(2025, 8, 31))
    assert r.label_required("EU", date(2026, 8, 2))
    assert not r.label_required("EU", date(2026, 8, 1))
    assert not r.label_required("US", TODAY)
    cn = r.asset_flags(asset("CN"), today=TODAY)
    assert kinds(cn) == [r.NO_LABEL] and cn[0].params["uncertain"] is False
    eu = r.asset_flags(asset("EU"), today=TODAY)
    assert eu[0].params["uncertain"] is True
    assert r.asset_flags(asset("EU"), today=date(2026, 7, 1)) == []
    assert r.asset_flags(asset("CN", labelled=True), today=TODAY) == []


def test_an_asset_without_provenance_is_flagged_in_any_market():
    flags = r.asset_flags(asset("US", provenance=False), today=TODAY)
    assert [(f.kind, f.key) for f in flags] == [(r.NO_PROVENANCE, "ai:provenance:5")]


def test_manual_missing_or_a_year_old():
    assert kinds(r.manual_flags(None, today=TODAY, uses_ai=True)) == [r.MANUAL_MISSING]
    assert r.manual_flags(None, today=TODAY, uses_ai=False) == []
    assert kinds(r.manual_flags(date(2025, 12, 2), today=TODAY, uses_ai=True)) == [r.MANUAL_OLD]
    assert r.manual_flags(date(2025, 12, 3), today=TODAY, uses_ai=True) == []

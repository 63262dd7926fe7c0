"""The alliance advisor: verdicts follow the facts, and the reasons say which facts decided."""

import dataclasses
import itertools
import json
import re
from pathlib import Path

import pytest
import yaml

from ipguard.playbooks import alliance as alliance_module
from ipguard.playbooks.alliance import (
    ADVISOR_PATH,
    OPTIONS,
    REVENUE_BANDS,
    VERDICTS,
    AllianceFacts,
    advisor_texts,
    facts_from_answers,
    load_advisor_texts,
    recommend,
)
from ipguard.playbooks.content import ContentError

CJK = re.compile(r"[\u4e00-\u9fff]")
FACT_NAMES = {field.name for field in dataclasses.fields(AllianceFacts)}


def _facts(**changes):
    base = {
        "patent_count": 0,
        "plans_to_sell_or_license_patents": False,
        "revenue_band": "under_5m_usd",
        "trade_restriction_exposure": False,
        "past_pae_assertion": False,
        "in_standardised_tech": False,
    }
    return AllianceFacts(**(base | changes))


def _advice(**changes):
    return {rec.option: rec for rec in recommend(_facts(**changes))}


def _all_facts():
    for count, sells, band, restricted, pae, standard in itertools.product(
        (0, 3, 7, 25), (False, True), REVENUE_BANDS, (False, True), (False, True), (False, True)
    ):
        yield AllianceFacts(count, sells, band, restricted, pae, standard)


def test_each_option_gets_every_verdict_for_some_company():
    seen = {option: set() for option in OPTIONS}
    for facts in _all_facts():
        for rec in recommend(facts):
            seen[rec.option].add(rec.verdict)
    ordinary = set(VERDICTS) - {"in_place"}
    assert seen == dict.fromkeys(OPTIONS, ordinary)


def test_a_lot_member_is_told_it_is_in_place_whatever_else_is_true():
    for facts in _all_facts():
        lot = recommend(dataclasses.replace(facts, lot_member=True))[0]
        assert lot.verdict == "in_place"
        assert lot.deciding_facts == ("lot_member",)
        assert "already a LOT Network member" in lot.reasons[0]["en"]
        assert "是LOT网络成员" in lot.reasons[0]["zh_hans"]


def test_the_health_check_answer_we_are_a_member_reaches_the_advisor():
    assert facts_from_answers({"lot_network_decision": "member"}) == {"lot_member": True}
    assert facts_from_answers({"lot_network_decision": "not_considered"}) == {"lot_member": False}
    facts = _facts(**facts_from_answers({"lot_network_decision": "member"}))
    assert recommend(facts)[0].verdict == "in_place"


def test_lot_is_recommended_after_a_patent_troll_attack():
    lot = _advice(past_pae_assertion=True, patent_count=3)["lot_network"]
    assert lot.verdict == "recommended"
    assert "past_pae_assertion" in lot.deciding_facts
    assert "patent-assertion entity has already come after you" in lot.reasons[0]["en"]


def test_lot_is_not_for_now_when_patents_may_have_to_be_sold_under_trade_restrictions():
    lot = _advice(trade_restriction_exposure=True, patent_count=12)["lot_network"]
    assert lot.verdict == "not_now"
    assert lot.deciding_facts[0] == "trade_restriction_exposure"
    assert "trade restrictions" in lot.reasons[0]["en"] and "Huawei" in lot.reasons[0]["en"]
    # With a troll attack on record, the trade-off is real both ways.
    weighed = _advice(trade_restriction_exposure=True, patent_count=12, past_pae_assertion=True)
    assert weighed["lot_network"].verdict == "consider"


def test_plans_to_sell_patents_are_no_reason_to_wait_for_lot():
    # ip-rules §5: under the current agreement only a patent that ends up with a PAE carries the
    # licence; sales and licences to operating companies are unaffected.
    sells = _advice(plans_to_sell_or_license_patents=True, patent_count=8)["lot_network"]
    assert sells.verdict == _advice(patent_count=8)["lot_network"].verdict == "consider"
    reason = " ".join(r["en"] for r in sells.reasons)
    assert "no reason to wait" in reason and "operating companies are unaffected" in reason
    troll = _advice(plans_to_sell_or_license_patents=True, patent_count=8, past_pae_assertion=True)
    assert troll["lot_network"].verdict == "recommended"
    no_patents = _advice(plans_to_sell_or_license_patents=True, patent_count=0)["lot_network"]
    assert no_patents.verdict == "consider"
    assert "patent_count" in no_patents.deciding_facts
    assert "hold no patents yet" in " ".join(reason["en"] for reason in no_patents.reasons)


def test_lot_fees_are_explained_by_revenue_band_and_never_promised():
    small = _advice(revenue_band="under_5m_usd")["lot_network"]
    large = _advice(revenue_band="over_500m_usd")["lot_network"]
    assert "lower fee tiers" in small.reasons[-1]["en"]
    assert "USD 20,000" in large.reasons[-1]["en"]
    for rec in (small, large):
        assert "check the current price" in rec.reasons[-1]["en"]
        assert any("current pricing" in pro["en"] for pro in rec.pros)


def test_lot_cons_are_honest():
    cons = " ".join(con["en"] for con in _advice()["lot_network"].cons)
    for trade_off in [
        "reach a PAE after you joined",
        "nothing against operating companies",
        "worth less",
        "does not license day-to-day use",
        "Huawei and ZTE",
        "Broadcom left",
    ]:
        assert trade_off in cons, trade_off
    pros = " ".join(pro["en"] for pro in _advice()["lot_network"].pros)
    assert "only applies to a patent that ends up with a PAE" in pros
    assert "operating companies are unaffected" in pros
    everything = pros + cons
    assert "2014 agreement triggered the licence on any transfer" in everything  # history only
    assert "passes to a non-member" not in everything


def test_patent_pools_follow_standardised_technology():
    assert _advice(in_standardised_tech=True)["patent_pool"].verdict == "recommended"
    pool = _advice(in_standardised_tech=False)["patent_pool"]
    assert pool.verdict == "not_now" and pool.deciding_facts == ("in_standardised_tech",)
    licensor = _advice(plans_to_sell_or_license_patents=True, patent_count=7)["patent_pool"]
    assert licensor.verdict == "consider"
    assert (
        "7 patents" in licensor.reasons[-1]["en"] and "7件专利" in licensor.reasons[-1]["zh_hans"]
    )


def test_conditional_sharing_needs_a_portfolio_and_pays_off_in_standards():
    few = _advice(patent_count=3, in_standardised_tech=True)["conditional_sharing"]
    assert few.verdict == "not_now"
    assert few.reasons[0]["en"].startswith("You hold 3 patents; with fewer than 5")
    lead = _advice(patent_count=25, in_standardised_tech=True)["conditional_sharing"]
    assert lead.verdict == "recommended"
    assert lead.deciding_facts == ("patent_count", "in_standardised_tech")
    seller = _advice(
        patent_count=25, in_standardised_tech=True, plans_to_sell_or_license_patents=True
    )
    assert seller["conditional_sharing"].verdict == "consider"


def test_every_text_is_bilingual_and_names_real_facts():
    for facts in _all_facts():
        for rec in recommend(facts):
            assert set(rec.deciding_facts) <= FACT_NAMES
            assert len(rec.reasons) >= len(rec.deciding_facts) >= 1
            for text in (rec.title, *rec.reasons, *rec.pros, *rec.cons):
                assert text["en"] and CJK.search(text["zh_hans"])
                assert "{" not in text["en"] + text["zh_hans"]  # placeholders filled in


def test_recommendations_can_be_stored_as_json():
    stored = json.dumps([dataclasses.asdict(rec) for rec in recommend(_facts())])
    assert json.loads(stored)[0]["option"] == "lot_network"


@pytest.mark.parametrize(
    "changes",
    [{"revenue_band": "huge"}, {"patent_count": -1}, {"patent_count": True}],
)
def test_impossible_facts_are_refused(changes):
    with pytest.raises(ValueError):
        _facts(**changes)


def test_the_health_check_answers_prefill_the_advisor():
    answers = {"patent_count": 12, "revenue_band": "5m_50m_usd", "uses_industry_standards": "yes"}
    assert facts_from_answers(answers) == {
        "patent_count": 12,
        "revenue_band": "5m_50m_usd",
        "in_standardised_tech": True,
    }
    assert facts_from_answers({"uses_industry_standards": "not_sure", "patent_count": -2}) == {}


# ---- the advisor's texts live in the content YAML ----


def test_the_advisor_has_no_text_literals_left_in_python():
    source = Path(alliance_module.__file__).read_text(encoding="utf-8")
    assert not CJK.search(source)
    texts = advisor_texts()
    assert set(texts.titles) == set(OPTIONS) and set(texts.verdict_labels) == set(VERDICTS)
    pairs = len(texts.titles) + len(texts.verdict_labels) + len(texts.reasons)
    pairs += sum(len(pros) + len(cons) for pros, cons in texts.pros_and_cons.values())
    assert pairs >= 46


def _advisor_yaml(tmp_path, change):
    data = yaml.safe_load(ADVISOR_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "alliance_advisor.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["reasons"].pop("lot_trade"), "reasons: missing 'lot_trade'"),
        (lambda d: d["reasons"]["lot_pae_yes"].pop("zh_hans"), "missing its zh_hans translation"),
        (lambda d: d["titles"].update(extra={"en": "x", "zh_hans": "十"}), "unknown 'extra'"),
        (lambda d: d["pros_and_cons"]["patent_pool"].update(cons=[]), "patent_pool.cons"),
        (
            lambda d: d["reasons"]["sharing_enough"].update(en="{counts} patents"),
            "bad placeholder",
        ),
    ],
)
def test_a_broken_advisor_file_is_refused_with_the_problem_named(tmp_path, change, problem):
    with pytest.raises(ContentError) as raised:
        load_advisor_texts(_advisor_yaml(tmp_path, change))
    assert problem in str(raised.value)
    assert "alliance_advisor.yaml" in str(raised.value)


def test_the_shipped_advisor_file_loads():
    assert load_advisor_texts().reasons["lot_monetise"]["en"].startswith("You plan to earn")

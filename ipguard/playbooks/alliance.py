"""The alliance advisor: LOT Network, patent pools and conditional patent sharing, as pure rules.

`recommend(AllianceFacts(...))` returns one `Recommendation` per option with a verdict
("recommended", "consider" or "not_now"), the reasons (naming the facts that decided it, in
`deciding_facts`) and honest pros and cons from ip-rules.md §5 and guides 000 and 002. All texts
are bilingual {"en": ..., "zh_hans": ...} and live in content/alliance_advisor.yaml, checked when
read. No Django imports here.

revenue_band values (annual revenue, the same as accounts.choices.RevenueBand):
  under_5m_usd, 5m_50m_usd, 50m_500m_usd, over_500m_usd
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ipguard.playbooks.content import (
    ADVISOR_FILE,
    CONTENT_DIR,
    EntryCheck,
    FrozenDict,
    Problems,
    Text,
    read_yaml,
)

__all__ = [
    "OPTIONS",
    "REVENUE_BANDS",
    "VERDICTS",
    "AdvisorTexts",
    "AllianceFacts",
    "Recommendation",
    "advisor_texts",
    "facts_from_answers",
    "load_advisor_texts",
    "recommend",
]

REVENUE_BANDS = ("under_5m_usd", "5m_50m_usd", "50m_500m_usd", "over_500m_usd")
SMALL_REVENUE_BANDS = ("under_5m_usd", "5m_50m_usd")
OPTIONS = ("lot_network", "patent_pool", "conditional_sharing")
# "in_place": the company already has it (only LOT asks: "we are a member").
VERDICTS = ("recommended", "consider", "not_now", "in_place")
# Below this many patents there is too little to share; from the higher mark on, enough to lead.
SHARING_MIN_PATENTS = 5
SHARING_LEAD_PATENTS = 10


@dataclass(frozen=True)
class AllianceFacts:
    patent_count: int
    plans_to_sell_or_license_patents: bool
    revenue_band: str
    trade_restriction_exposure: bool  # export controls, sanctions, entity lists
    past_pae_assertion: bool  # ever approached or sued by a patent-assertion entity
    in_standardised_tech: bool  # cellular, Wi-Fi, codecs, wireless charging, IoT, EV charging...
    lot_member: bool = False  # already a LOT Network member (health check: lot_network_decision)

    def __post_init__(self) -> None:
        count = self.patent_count
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"patent_count must be a whole number >= 0, not {count!r}")
        if self.revenue_band not in REVENUE_BANDS:
            raise ValueError(
                f"revenue_band must be one of {', '.join(REVENUE_BANDS)}, not {self.revenue_band!r}"
            )


@dataclass(frozen=True)
class Recommendation:
    option: str  # one of OPTIONS
    title: Text
    verdict: str  # one of VERDICTS
    reasons: tuple[Text, ...]  # why this verdict, one per deciding fact
    deciding_facts: tuple[str, ...]  # AllianceFacts field names behind the reasons
    pros: tuple[Text, ...]
    cons: tuple[Text, ...]


ADVISOR_PATH = CONTENT_DIR / ADVISOR_FILE


@dataclass(frozen=True)
class AdvisorTexts:
    """The advisor's wording, read from alliance_advisor.yaml (texts a domain expert edits)."""

    titles: Mapping[str, Text]
    verdict_labels: Mapping[str, Text]
    pros_and_cons: Mapping[str, tuple[tuple[Text, ...], tuple[Text, ...]]]
    reasons: Mapping[str, Text]


# The reason keys the rules below use; the file must define each (and may define no others).
REASON_KEYS = (
    "lot_pae_yes", "lot_pae_no", "lot_trade", "lot_monetise", "lot_no_patents",
    "lot_fee_small", "lot_fee_large", "lot_already_member", "pool_standards", "pool_licensor",
    "pool_maybe_essential", "pool_no_standards", "sharing_too_few", "sharing_enough",
    "sharing_standards", "sharing_monetise",
)  # fmt: skip
_PLACEHOLDERS = {"count": 0, "minimum": 0}


def load_advisor_texts(path: Path | str = ADVISOR_PATH) -> AdvisorTexts:
    """Read and check the advisor texts; raises ContentError naming every problem."""
    path = Path(path)
    problems = Problems()
    data = read_yaml(path, problems)
    problems.raise_if_any()
    name = path.name
    check = EntryCheck(problems, name, "file")
    fields = {"version", "titles", "verdict_labels", "pros_and_cons", "reasons"}
    if not check.fields(data, fields):
        problems.raise_if_any()
    check.integer(data["version"], "version", 1)

    def table(section: str, keys: tuple[str, ...]) -> dict[str, Text]:
        raw = data[section]
        entry = EntryCheck(problems, name, section)
        if not isinstance(raw, dict):
            entry.error("must be a mapping")
            return {}
        for key in sorted(set(keys) - set(raw)):
            entry.error(f"missing {key!r}")
        for key in sorted(set(raw) - set(keys), key=str):
            entry.error(f"unknown {key!r}")
        texts = {key: entry.text(raw[key], key) for key in keys if key in raw}
        for key, text in texts.items():
            if text is not None:
                try:
                    {lang: value.format(**_PLACEHOLDERS) for lang, value in text.items()}
                except (KeyError, IndexError, ValueError) as error:
                    entry.error(f"{key}: bad placeholder ({error})")
        return texts

    titles = table("titles", OPTIONS)
    verdict_labels = table("verdict_labels", VERDICTS)
    reasons = table("reasons", REASON_KEYS)
    pros_and_cons = {}
    raw = data["pros_and_cons"]
    entry = EntryCheck(problems, name, "pros_and_cons")
    if not isinstance(raw, dict) or set(raw) != set(OPTIONS):
        entry.error(f"must hold exactly {', '.join(OPTIONS)}")
    else:
        for option in OPTIONS:
            sides = []
            for side in ("pros", "cons"):
                items = raw[option].get(side) if isinstance(raw[option], dict) else None
                if not isinstance(items, list) or not items:
                    entry.error(f"{option}.{side} must be a non-empty list of texts")
                    items = []
                sides.append(tuple(entry.text(item, f"{option}.{side}") for item in items))
            pros_and_cons[option] = tuple(sides)
    problems.raise_if_any()
    return AdvisorTexts(
        titles=FrozenDict(titles),
        verdict_labels=FrozenDict(verdict_labels),
        pros_and_cons=FrozenDict(pros_and_cons),
        reasons=FrozenDict(reasons),
    )


@lru_cache(maxsize=1)
def advisor_texts() -> AdvisorTexts:
    """The shipped advisor texts, read once per process."""
    return load_advisor_texts()


def recommend(facts: AllianceFacts) -> tuple[Recommendation, ...]:
    """One recommendation per option, in the order of OPTIONS."""
    return (_lot_network(facts), _patent_pool(facts), _conditional_sharing(facts))


def _recommendation(option, verdict, reasons, facts: AllianceFacts) -> Recommendation:
    values = {"count": facts.patent_count, "minimum": SHARING_MIN_PATENTS}
    texts = advisor_texts()
    pros, cons = texts.pros_and_cons[option]
    return Recommendation(
        option=option,
        title=texts.titles[option],
        verdict=verdict,
        reasons=tuple(
            FrozenDict({lang: text.format(**values) for lang, text in texts.reasons[key].items()})
            for _fact, key in reasons
        ),
        deciding_facts=tuple(dict.fromkeys(fact for fact, _key in reasons)),
        pros=pros,
        cons=cons,
    )


def _lot_network(facts: AllianceFacts) -> Recommendation:
    if facts.lot_member:
        return _recommendation(
            "lot_network", "in_place", [("lot_member", "lot_already_member")], facts
        )
    reasons = []
    if facts.trade_restriction_exposure and facts.patent_count > 0:
        reasons.append(("trade_restriction_exposure", "lot_trade"))
    blocked = bool(reasons)  # a forced sale may leave PAEs as the main buyers
    if facts.plans_to_sell_or_license_patents and facts.patent_count > 0:
        # Current agreement (ip-rules §5): sales to operating companies are unaffected.
        reasons.append(("plans_to_sell_or_license_patents", "lot_monetise"))
    pae = facts.past_pae_assertion
    reasons.append(("past_pae_assertion", "lot_pae_yes" if pae else "lot_pae_no"))
    if facts.patent_count == 0:
        reasons.append(("patent_count", "lot_no_patents"))
    small = facts.revenue_band in SMALL_REVENUE_BANDS
    reasons.append(("revenue_band", "lot_fee_small" if small else "lot_fee_large"))
    if blocked:
        verdict = "consider" if pae else "not_now"
    else:
        verdict = "recommended" if pae else "consider"
    return _recommendation("lot_network", verdict, reasons, facts)


def _patent_pool(facts: AllianceFacts) -> Recommendation:
    monetises = facts.plans_to_sell_or_license_patents and facts.patent_count > 0
    if facts.in_standardised_tech:
        reasons = [("in_standardised_tech", "pool_standards")]
        if monetises:
            reasons.append(("plans_to_sell_or_license_patents", "pool_licensor"))
        return _recommendation("patent_pool", "recommended", reasons, facts)
    if monetises and facts.patent_count >= SHARING_MIN_PATENTS:
        reasons = [
            ("in_standardised_tech", "pool_no_standards"),
            ("plans_to_sell_or_license_patents", "pool_maybe_essential"),
        ]
        return _recommendation("patent_pool", "consider", reasons, facts)
    return _recommendation(
        "patent_pool", "not_now", [("in_standardised_tech", "pool_no_standards")], facts
    )


def _conditional_sharing(facts: AllianceFacts) -> Recommendation:
    count = facts.patent_count
    if count < SHARING_MIN_PATENTS:
        return _recommendation(
            "conditional_sharing", "not_now", [("patent_count", "sharing_too_few")], facts
        )
    reasons = [("patent_count", "sharing_enough")]
    if facts.in_standardised_tech:
        reasons.append(("in_standardised_tech", "sharing_standards"))
    if facts.plans_to_sell_or_license_patents:
        reasons.append(("plans_to_sell_or_license_patents", "sharing_monetise"))
    leads = (
        facts.in_standardised_tech
        and count >= SHARING_LEAD_PATENTS
        and not facts.plans_to_sell_or_license_patents
    )
    return _recommendation(
        "conditional_sharing", "recommended" if leads else "consider", reasons, facts
    )


def facts_from_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The advisor facts the health-check answers already give (a starting point for the form)."""
    facts: dict[str, Any] = {}
    count = answers.get("patent_count")
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        facts["patent_count"] = count
    if answers.get("revenue_band") in REVENUE_BANDS:
        facts["revenue_band"] = answers["revenue_band"]
    if answers.get("uses_industry_standards") in ("yes", "no"):
        facts["in_standardised_tech"] = answers["uses_industry_standards"] == "yes"
    if answers.get("lot_network_decision") in ("member", "decided_against", "not_considered"):
        facts["lot_member"] = answers["lot_network_decision"] == "member"
    return facts

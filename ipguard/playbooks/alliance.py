"""The alliance advisor: LOT Network, patent pools and conditional patent sharing, as pure rules.

`recommend(AllianceFacts(...))` returns one `Recommendation` per option with a verdict
("recommended", "consider" or "not_now"), the reasons (naming the facts that decided it, in
`deciding_facts`) and honest pros and cons from ip-rules.md §5 and guides 000 and 002. All texts
are bilingual {"en": ..., "zh_hans": ...}. No Django imports here.

revenue_band values (annual revenue, the same as accounts.choices.RevenueBand):
  under_5m_usd, 5m_50m_usd, 50m_500m_usd, over_500m_usd
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ipguard.playbooks.content import FrozenDict, Text

__all__ = [
    "OPTIONS",
    "REVENUE_BANDS",
    "VERDICTS",
    "AllianceFacts",
    "Recommendation",
    "facts_from_answers",
    "recommend",
]

REVENUE_BANDS = ("under_5m_usd", "5m_50m_usd", "50m_500m_usd", "over_500m_usd")
SMALL_REVENUE_BANDS = ("under_5m_usd", "5m_50m_usd")
OPTIONS = ("lot_network", "patent_pool", "conditional_sharing")
VERDICTS = ("recommended", "consider", "not_now")
# Below this many patents there is too little to share; from the higher mark on, enough to lead.
SHARING_MIN_PATENTS = 5
SHARING_LEAD_PATENTS = 10


def _t(en: str, zh_hans: str) -> Text:
    return FrozenDict(en=en, zh_hans=zh_hans)


@dataclass(frozen=True)
class AllianceFacts:
    patent_count: int
    plans_to_sell_or_license_patents: bool
    revenue_band: str
    trade_restriction_exposure: bool  # export controls, sanctions, entity lists
    past_pae_assertion: bool  # ever approached or sued by a patent-assertion entity
    in_standardised_tech: bool  # cellular, Wi-Fi, codecs, wireless charging, IoT, EV charging...

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


TITLES = {
    "lot_network": _t("LOT Network membership", "加入LOT网络"),
    "patent_pool": _t("Joining a patent pool", "加入专利池"),
    "conditional_sharing": _t(
        "Sharing patents on conditions (the Tesla move)", "有条件地开放专利（特斯拉模式）"
    ),
}

VERDICT_LABELS = {
    "recommended": _t("Recommended", "建议采用"),
    "consider": _t("Worth considering", "值得考虑"),
    "not_now": _t("Not now", "暂不建议"),
}

LOT_PROS = (
    _t(
        "Cheap protection against patent-assertion entities (PAEs): under the current agreement "
        "(revised around 2019-2020), if a member's patent ends up with a PAE, you already hold a "
        "licence to it.",
        "以较低成本防范专利主张实体（PAE）：按现行协议（约2019至2020年修订），成员的专利一旦落入PAE手中，"
        "您已自动获得该专利的许可。",
    ),
    _t(
        "Annual fees are tiered by revenue (historically about USD 1,500-20,000 a year). In 2016 "
        "fees were waived for companies under USD 5 million revenue, to be paid later for the "
        "same number of years. Prices change: check LOT's current pricing before deciding.",
        "年费按营收分档（历来约每年1500至20000美元）。2016年，营收500万美元以下的企业可暂免会费，"
        "日后按同等年数补交。价格会调整，决定前请核实LOT当前的收费标准。",
    ),
    _t(
        "You keep control: members can go on selling, licensing and enforcing their patents, "
        "other members included. Sales and licences to operating companies are unaffected; the "
        "licence only applies to a patent that ends up with a PAE, and only to that patent.",
        "自主权基本保留：成员仍可出售、许可和行使自己的专利，甚至可以起诉其他成员。向实业公司出售或许可"
        "不受影响；只有落入PAE手中的专利才会触发许可，且仅限于该件专利。",
    ),
    _t(
        "A large network: by its own count over 4,500 members and about 4.9 million patent "
        "assets in January 2025 (3,000+ in 2023), including many Chinese technology companies; "
        "check the current figure.",
        "网络规模大：据其自述，2025年1月成员超过4500家，涉及专利资产约494万件（2023年为3000余家），"
        "其中包括众多中国科技企业；请核实最新数据。",
    ),
)

LOT_CONS = (
    _t(
        "It only covers member patents that reach a PAE after you joined; patents already "
        "owned by assertion entities are outside it.",
        "只覆盖您加入之后落入PAE手中的成员专利；已经在专利主张实体手中的专利不在保护范围内。",
    ),
    _t(
        "It does nothing against operating companies, such as competitors suing with their "
        "own patents.",
        "对实业公司（例如用自有专利起诉的竞争对手）没有任何防护作用。",
    ),
    _t(
        "Your patents carry the licence with them if they ever reach a PAE, so they are worth "
        "less to assertion entities as buyers; sales to operating companies are unaffected.",
        "您的专利一旦落入PAE手中即对所有成员附带许可，因此对作为买家的专利主张实体价值降低；"
        "向实业公司出售不受影响。",
    ),
    _t(
        "It does not license day-to-day use: if your products use a member's patent today, "
        "you still need a licence for it.",
        "不提供日常使用的许可：产品目前使用的成员专利，仍需另行取得许可。",
    ),
    _t(
        "History: the original 2014 agreement triggered the licence on any transfer to a "
        "non-member. Older articles, including guide 000, describe that rule; it is no longer "
        "the current one.",
        "历史说明：2014年的原始协议以向非成员转让即触发许可，包括指南在内的一些较早文章描述的是这一旧规则，"
        "它已不是现行规则。",
    ),
    _t(
        "Some firms, such as Huawei and ZTE, stay out to keep their patents fully usable, and "
        "Broadcom left, a move commentators read as a turn to a more assertive patent policy.",
        "部分企业（如华为、中兴）为保持专利的完整可用性而没有加入；博通已经退出，业内解读为其将转向更积极的专利策略。",
    ),
)

POOL_PROS = (
    _t(
        "One licence covers many owners' standard-essential patents, instead of a negotiation "
        "with each owner.",
        "一份许可即可覆盖众多权利人的标准必要专利，无需与每个权利人逐一谈判。",
    ),
    _t(
        "Terms are standard and FRAND-style, and rates are often published (as reported, Qi "
        "wireless charging: USD 0.20-0.85 per unit; Avanci 5G for vehicles from 2023: USD 32 "
        "per car). Rates change, so check the pool's current terms.",
        "条款统一并遵循FRAND原则，费率通常公开（据报道，Qi无线充电每件0.20至0.85美元；Avanci车载5G"
        "自2023年起每辆车32美元）。费率会调整，请以专利池现行条款为准。",
    ),
    _t(
        "If you own essential patents, joining as a licensor earns royalties without building "
        "a licensing team.",
        "如果持有标准必要专利，作为许可方加入即可收取许可费，无需自建许可团队。",
    ),
    _t(
        "If a pool's terms do not suit you, you can still negotiate with owners one by one.",
        "如果专利池的条件不合适，仍可进行一对一许可谈判。",
    ),
)

POOL_CONS = (
    _t(
        "Royalties are charged per unit and add up on low-margin products.",
        "许可费按件收取，对低利润产品来说负担不小。",
    ),
    _t(
        "Terms are take-it-or-leave-it, and some pools (Avanci, for one) do not publish their "
        "patent lists.",
        "条件基本不可谈判，有的专利池（例如Avanci）甚至不公开其专利清单。",
    ),
    _t(
        "A pool licence only covers its licensors' patents; owners outside the pool can still "
        "claim.",
        "专利池许可只覆盖池内许可方的专利，池外权利人仍可能提出主张。",
    ),
    _t(
        "As a licensor, only patents found essential to the standard are accepted, at the "
        "pool's rates.",
        "作为许可方加入时，只有被认定为标准必要的专利才会被接纳，且须接受专利池的统一费率。",
    ),
)

SHARING_PROS = (
    _t(
        "It can help your technology become the common standard. Tesla's 2014 pledge not to "
        "sue good-faith users of its patents (no suing Tesla, no challenging its patents, no "
        "knock-offs) is the known example; guide 002 reports that 92% of North American "
        "carmakers had connected to Tesla's charging network by 2023.",
        "有助于让自己的技术成为行业通用标准。特斯拉2014年承诺不起诉“善意”使用其专利的人（不起诉特斯拉、"
        "不挑战其专利、不销售仿冒品），是最知名的例子；据指南介绍，到2023年北美92%的车企接入了特斯拉的充电网络。",
    ),
    _t(
        "Patents can buy influence over industry standards and alliances.",
        "以专利换取在行业标准和联盟中的话语权。",
    ),
    _t(
        "It builds goodwill and an ecosystem of partners around your products.",
        "积累行业声誉，围绕自身产品形成合作伙伴生态。",
    ),
)

SHARING_CONS = (
    _t(
        "An open pledge is hard to take back, and competitors benefit too.",
        "公开承诺难以收回，竞争对手同样会从中受益。",
    ),
    _t(
        "Less licensing income from the patents you share.",
        "被开放专利的许可收入会减少。",
    ),
    _t(
        "The conditions must be drafted with counsel and then policed, which costs time and money.",
        "开放条件需要律师起草，之后还要监督执行，耗费时间和金钱。",
    ),
    _t(
        "It only works if your technology is attractive enough for others to adopt.",
        "只有当您的技术足够有吸引力、别人愿意采用时，这一策略才有效。",
    ),
)


PROS_AND_CONS = {
    "lot_network": (LOT_PROS, LOT_CONS),
    "patent_pool": (POOL_PROS, POOL_CONS),
    "conditional_sharing": (SHARING_PROS, SHARING_CONS),
}

# Why a verdict came out as it did; {count} and {minimum} are filled in from the facts.
REASONS = {
    "lot_pae_yes": _t(
        "A patent-assertion entity has already come after you, and guarding against such "
        "entities is exactly what LOT is for.",
        "贵司已遭遇过专利主张实体，而防范这类实体正是LOT的用途。",
    ),
    "lot_pae_no": _t(
        "No patent-assertion entity has come after you so far, so membership would be insurance "
        "rather than a fix for a live problem.",
        "贵司至今未遭遇专利主张实体，加入LOT更像是买一份保险，而不是解决眼前的问题。",
    ),
    "lot_trade": _t(
        "You are exposed to trade restrictions. If you ever had to leave a market and sell your "
        "patents quickly, assertion entities may be among the few buyers, and the LOT licence "
        "would lower what they pay; commentators cite this kind of concern for Huawei and ZTE "
        "staying out.",
        "贵司面临贸易限制风险。一旦被迫退出某个市场并需尽快出售当地专利，买家可能主要是专利主张实体，"
        "附带的LOT许可会压低其出价；评论者认为华为、中兴不加入也有类似考虑。",
    ),
    "lot_monetise": _t(
        "You plan to earn money from your patents. That is no reason to wait: licensing and "
        "sales to operating companies are unaffected; only a patent that ends up with a PAE "
        "carries the licence, so only PAE buyers would pay less.",
        "贵司计划通过专利获取收益，但这不是观望的理由：对外许可和向实业公司出售都不受影响；"
        "只有落入PAE手中的专利才附带许可，因此只有PAE买家会压低出价。",
    ),
    "lot_no_patents": _t(
        "You hold no patents yet, so the licence on patents that reach a PAE costs you nothing "
        "today.",
        "贵司目前没有专利，专利落入PAE即触发许可这一义务眼下对您没有任何成本。",
    ),
    "lot_fee_small": _t(
        "Your revenue falls in LOT's lower fee tiers, where fees have historically been low (in "
        "2016 they were waived below USD 5 million revenue); check the current price.",
        "贵司营收处于LOT较低的收费档次，这一档次历来收费较低（2016年营收500万美元以下的企业可暂免会费），"
        "请核实当前价格。",
    ),
    "lot_fee_large": _t(
        "Your revenue falls in LOT's higher fee tiers (historically up to about USD 20,000 a "
        "year); check the current price.",
        "贵司营收处于LOT较高的收费档次（历来最高约每年2万美元），请核实当前价格。",
    ),
    "pool_standards": _t(
        "Your products use standardised technology whose essential patents are licensed through "
        "pools (for example Avanci for cellular in vehicles, Via LA for AAC, HEVC/AVC and Qi). "
        "A pool licence is usually the cheapest way to be covered.",
        "贵司产品采用了通过专利池许可标准必要专利的标准化技术"
        "（例如Avanci负责车载蜂窝通信，Via LA负责AAC、HEVC/AVC和Qi）。"
        "取得专利池许可通常是获得授权成本最低的方式。",
    ),
    "pool_licensor": _t(
        "You plan to license patents: any of yours that are essential to these standards can "
        "earn royalties through the pool.",
        "贵司计划对外许可专利：其中属于这些标准必要专利的，可以通过专利池收取许可费。",
    ),
    "pool_maybe_essential": _t(
        "Your products do not use pooled standards, but you plan to license a portfolio of "
        "{count} patents. Pools only accept patents essential to a standard, so check whether "
        "any of yours are.",
        "贵司产品未采用专利池所涉标准，但计划对外许可{count}件专利。"
        "专利池只接纳标准必要专利，请确认其中是否有符合条件的专利。",
    ),
    "pool_no_standards": _t(
        "Your products do not use standardised technology that is licensed through pools, so a "
        "pool has nothing to offer you at present.",
        "贵司产品未采用通过专利池许可的标准化技术，目前加入专利池对您没有实际意义。",
    ),
    "sharing_too_few": _t(
        "You hold {count} patents; with fewer than {minimum} there is too little to share on "
        "conditions. Build the portfolio first.",
        "贵司持有{count}件专利，少于{minimum}件时可供有条件开放的专利太少，建议先扩充专利组合。",
    ),
    "sharing_enough": _t(
        "You hold {count} patents, enough to share some of them on conditions.",
        "贵司持有{count}件专利，足以拿出一部分有条件地开放。",
    ),
    "sharing_standards": _t(
        "You work in standardised technology, where sharing on conditions can win adoption of "
        "your approach and a say in the standard, as Tesla's move did.",
        "贵司从事标准化技术领域，有条件地开放专利可以推动他人采用您的方案、争取标准话语权，"
        "正如特斯拉所做的那样。",
    ),
    "sharing_monetise": _t(
        "You plan to earn money from patents; sharing some on conditions reduces income from "
        "those, so keep the shared set apart from the ones you sell or license.",
        "贵司计划通过专利获取收益；有条件开放会减少相应专利的收入，"
        "因此应把开放的专利与用于出售或许可的专利分开。",
    ),
}


def recommend(facts: AllianceFacts) -> tuple[Recommendation, ...]:
    """One recommendation per option, in the order of OPTIONS."""
    return (_lot_network(facts), _patent_pool(facts), _conditional_sharing(facts))


def _recommendation(option, verdict, reasons, facts: AllianceFacts) -> Recommendation:
    values = {"count": facts.patent_count, "minimum": SHARING_MIN_PATENTS}
    pros, cons = PROS_AND_CONS[option]
    return Recommendation(
        option=option,
        title=TITLES[option],
        verdict=verdict,
        reasons=tuple(
            FrozenDict({lang: text.format(**values) for lang, text in REASONS[key].items()})
            for _fact, key in reasons
        ),
        deciding_facts=tuple(dict.fromkeys(fact for fact, _key in reasons)),
        pros=pros,
        cons=cons,
    )


def _lot_network(facts: AllianceFacts) -> Recommendation:
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
    return facts

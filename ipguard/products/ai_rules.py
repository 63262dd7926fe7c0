"""The AI-content register's flags: pure rules over dataclasses (no Django).

Sources (ip-rules.md section 7; verify each against its text before relying on it):
- Open-model licences differ by model version: Stable Diffusion 1.x/2.x use CreativeML
  OpenRAIL-M; SD3/3.5 use the Stability AI Community Licence (free commercial use under
  USD 1M annual revenue, enterprise licence above). So the register records the exact version
  and the licence's own terms; these rules read the recorded terms, they do not guess them.
- CN: Measures for Labelling AI-Generated Synthetic Content (CAC, in force 1 Sep 2025): content
  published with AI must carry explicit/implicit labels.
- EU: AI Act (Regulation (EU) 2024/1689) Art 50 transparency duties apply from 2 Aug 2026
  unless postponed: marked uncertain (check the current text).
- The AI usage manual is to be reviewed yearly: a house rule of the health check, not a statute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ipguard.lib.dates import add_months

# Market -> (date the labelling duty applies from, source, uncertain?)
LABEL_DUTIES = {
    "CN": (date(2025, 9, 1), "CAC Measures for Labelling AI-Generated Synthetic Content", False),
    "EU": (date(2026, 8, 2), "Regulation (EU) 2024/1689 Art 50 (unless postponed)", True),
}
MANUAL_MAX_AGE_MONTHS = 12

# Company revenue bands (ipguard.accounts.choices.RevenueBand) as USD ranges [low, high).
REVENUE_BANDS = {
    "under_5m_usd": (0, 5_000_000),
    "5m_50m_usd": (5_000_000, 50_000_000),
    "50m_500m_usd": (50_000_000, 500_000_000),
    "over_500m_usd": (500_000_000, None),
}

LICENCE_FORBIDS = "licence_forbids_commercial_use"
LICENCE_UNKNOWN = "licence_commercial_use_unknown"
REVENUE_OVER = "revenue_over_threshold"
REVENUE_MAYBE = "revenue_may_exceed_threshold"
NO_PROVENANCE = "no_provenance"
NO_LABEL = "no_required_label"
MANUAL_MISSING = "manual_missing"
MANUAL_OLD = "manual_old"


@dataclass(frozen=True)
class ToolFact:
    id: int
    name: str
    version: str
    used_commercially: bool
    commercial_use: str  # "allowed" | "not_allowed" | "unknown"
    revenue_threshold_usd: int | None = None


@dataclass(frozen=True)
class AssetFact:
    id: int
    title: str
    market: str
    created_on: date
    has_provenance: bool
    labelled: bool


@dataclass(frozen=True)
class Flag:
    kind: str
    key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)


def revenue_exceeds(band: str, threshold: int) -> bool | None:
    """True if the band lies wholly at or above the threshold, False if wholly below, None if
    the band straddles it (the company must check its own figure)."""
    low, high = REVENUE_BANDS.get(band, (None, None))
    if low is None:
        return None
    if low >= threshold:
        return True
    if high is not None and high <= threshold:
        return False
    return None


def tool_flags(tool: ToolFact, *, revenue_band: str) -> list[Flag]:
    if not tool.used_commercially:
        return []
    params = {"tool": tool.name, "version": tool.version}
    key = f"ai:licence:{tool.id}"
    if tool.commercial_use == "not_allowed":
        return [Flag(LICENCE_FORBIDS, key, params)]
    if tool.commercial_use == "unknown":
        return [Flag(LICENCE_UNKNOWN, key, params)]
    if tool.revenue_threshold_usd:
        exceeds = revenue_exceeds(revenue_band, tool.revenue_threshold_usd)
        params = {**params, "threshold": tool.revenue_threshold_usd}
        if exceeds is True:
            return [Flag(REVENUE_OVER, key, params)]
        if exceeds is None:
            return [Flag(REVENUE_MAYBE, key, params)]
    return []


def label_required(market: str, on: date) -> bool:
    duty = LABEL_DUTIES.get(market)
    return duty is not None and on >= duty[0]


def asset_flags(asset: AssetFact, *, today: date) -> list[Flag]:
    flags = []
    params = {"title": asset.title, "market": asset.market}
    if not asset.has_provenance:
        flags.append(Flag(NO_PROVENANCE, f"ai:provenance:{asset.id}", params))
    # The duty is judged on the day of evaluation: an asset still in use must be labelled once
    # the duty applies, whenever it was made.
    if not asset.labelled and label_required(asset.market, today):
        source, uncertain = LABEL_DUTIES[asset.market][1:]
        flags.append(
            Flag(
                NO_LABEL,
                f"ai:label:{asset.id}",
                {**params, "source": source, "uncertain": uncertain},
            )
        )
    return flags


def manual_flags(updated_on: date | None, *, today: date, uses_ai: bool) -> list[Flag]:
    if not uses_ai:
        return []
    if updated_on is None:
        return [Flag(MANUAL_MISSING, "ai:manual")]
    if add_months(updated_on, MANUAL_MAX_AGE_MONTHS) <= today:
        return [Flag(MANUAL_OLD, "ai:manual", {"updated_on": updated_on.isoformat()})]
    return []

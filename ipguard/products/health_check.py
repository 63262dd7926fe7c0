"""Health-check answers suggested by the products register, so the two agree.

Pure mapping (no Django): markets are office codes, the answers are the choice values of the
profile and trademarks questions (ipguard/playbooks/content/profile.yaml, trademarks.yaml). A
suggestion only fills a question the company has not answered; the user confirms it by saving.
"""

from __future__ import annotations

# Office code -> the `export_markets` choice it falls under. CN is the home market.
EXPORT_MARKET_CHOICE = {
    "US": "us",
    "EU": "eu",
    "GB": "uk",
    "JP": "jp",
    "KR": "kr",
    **dict.fromkeys(("SG", "MY", "TH", "VN", "ID", "PH"), "southeast_asia"),
}
OFFLINE_CHANNELS = frozenset({"trade_shows"})


def suggested_answers(
    *, markets: set[str], channels: set[str], uncovered_markets: set[str]
) -> dict[str, object]:
    """`markets`: every market of every product; `uncovered_markets`: export markets where a
    brand has no mark filed or registered (a NO_MARK exposure)."""
    answers: dict[str, object] = {}
    export = {m for m in markets if m != "CN"}
    if markets:
        choices = {EXPORT_MARKET_CHOICE.get(m, "other") for m in export}
        answers["export_markets"] = sorted(choices) if choices else ["none"]
    if channels - OFFLINE_CHANNELS:
        answers["sells_online"] = "yes"
    if export:
        uncovered = uncovered_markets & export
        if not uncovered:
            answers["export_mark_coverage"] = "all_markets"
        elif uncovered == export:
            answers["export_mark_coverage"] = "none"
        else:
            answers["export_mark_coverage"] = "some_markets"
    return answers

"""The executive summary on the report's first page, read from the snapshot alone (no Django).

A stored report renders the same summary however the data changes later, and a snapshot made
before the summary existed still renders one, from the sections it has.
"""

from __future__ import annotations

from datetime import date, timedelta

# The summary's to-do list: the three most pressing things in the next month.
TODO_COUNT = 3
THIS_MONTH_DAYS = 30
# Areas whose score moved most since last quarter, named in "What changed".
AREA_MOVERS = 3
# The top risks repeated in one line each on the summary page.
SUMMARY_RISKS = 3
TIER_ORDER = {"urgent": 0, "strategic": 1, "long_term": 2}
# Lost tomorrow first, then in grace, then already past the last day.
LAPSE_ORDER = {"last_day": 0, "grace": 1, "lapsed": 2}


def _section(snapshot: dict, key: str) -> dict:
    for section in snapshot.get("sections", []):
        if section["key"] == key:
            return section["data"] or {}
    return {}


def _by_tier_then_due(item: dict):
    return (TIER_ORDER.get(item.get("tier"), len(TIER_ORDER)), item.get("due_date") or "")


def things_to_do(snapshot: dict) -> list[dict]:
    """Up to three things to do this month, most pressing first.

    A statutory deadline whose right is at stake comes before any action (a right lost is not
    won back by a later action); then overdue actions, then actions due in the next 30 days,
    each by tier (urgent first) and due date.
    """
    lapsing = sorted(
        _section(snapshot, "lapsing").get("deadlines", []),
        key=lambda row: (LAPSE_ORDER.get(row["state"], len(LAPSE_ORDER)), row["last_day"]),
    )
    actions = _section(snapshot, "actions")
    as_of = date.fromisoformat(snapshot["period"]["as_of"])
    month_end = (as_of + timedelta(days=THIS_MONTH_DAYS)).isoformat()
    due_this_month = [
        item for item in actions.get("due_soon", []) if (item.get("due_date") or "") <= month_end
    ]
    todo = [{"kind": "deadline", **row} for row in lapsing]
    todo += [
        {"kind": "action", "overdue": True, **item}
        for item in sorted(actions.get("overdue", []), key=_by_tier_then_due)
    ]
    todo += [
        {"kind": "action", "overdue": False, **item}
        for item in sorted(due_this_month, key=_by_tier_then_due)
    ]
    return todo[:TODO_COUNT]


def changes_since_last_quarter(snapshot: dict) -> dict:
    """What moved this quarter: the score, the areas that moved most, the work done."""
    health = _section(snapshot, "health")
    movers = [
        {"title": area["title"], "change": area["score"] - area["previous_score"]}
        for area in health.get("areas", [])
        if area.get("applicable", True)
        and area.get("previous_score") is not None
        and area["score"] != area["previous_score"]
    ]
    movers.sort(key=lambda area: -abs(area["change"]))
    actions = _section(snapshot, "actions")
    evidence = _section(snapshot, "evidence")
    return {
        "overall": health.get("overall"),
        "previous_overall": health.get("previous_overall"),
        "change": health.get("change"),
        "area_movers": movers[:AREA_MOVERS],
        "actions_done": actions.get("totals", {}).get("done_this_quarter", 0),
        "evidence_recorded": len(evidence.get("recorded_this_quarter", [])),
        "risks_fixed": len(_section(snapshot, "risks").get("fixed", [])),
    }


def report_summary(snapshot: dict) -> dict:
    lapsing = _section(snapshot, "lapsing")
    actions = _section(snapshot, "actions")
    return {
        "lapsing": lapsing.get("deadlines", []),
        "overdue_actions": actions.get("totals", {}).get("overdue", 0),
        "todo": things_to_do(snapshot),
        "risks": _section(snapshot, "risks").get("risks", [])[:SUMMARY_RISKS],
        "changes": changes_since_last_quarter(snapshot),
    }

"""The report's section providers for playbooks, the action plan, the portfolio and alliances.

Each is `provider(company, period) -> dict | None` as described in ipguard.reports.snapshot.
They read through `for_company` only, and return plain JSON: dates as ISO strings, bilingual
texts as {"en", "zh_hans"}, choice fields as their stored codes (the template shows the label in
the report's language).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from ipguard.accounts.tenancy import for_company
from ipguard.actions.models import OPEN_ACTION_STATUSES, ActionItem, ActionStatus, Tier
from ipguard.lib.dates import add_months, quarter_of
from ipguard.playbooks.models import AllianceProfile, Assessment
from ipguard.playbooks.selectors import score_since_last_quarter
from ipguard.portfolio.lapse import Lapse, lapse_state
from ipguard.portfolio.models import Deadline, DeadlineStatus, Filing
from ipguard.portfolio.rules import extension_rule
from ipguard.portfolio.selectors import live_deadlines
from ipguard.reports.periods import ReportPeriod

TOP_RISKS = 5
# Lists in the action plan section are cut here; the counts above them stay complete.
ACTION_LIST_LIMIT = 12
DUE_SOON_DAYS = 90
DEADLINE_MONTHS = 12


def _iso(value):
    return value.isoformat() if value else None


def _submitted_until(company, period: ReportPeriod):
    return (
        for_company(company, Assessment)
        .filter(
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=period.as_of_ends_at(timezone.get_current_timezone()),
        )
        .order_by("submitted_at", "number")
    )


def _current_and_previous(company, period):
    """The latest health check up to `as_of`, the one "last quarter" means (the dashboard's
    definition, `score_since_last_quarter`), and every check up to `as_of` for the trend."""
    since = score_since_last_quarter(company, as_of=period.as_of)
    if since is None:
        return None, None, []
    rows = list(_submitted_until(company, period).values("pk", "submitted_at", "overall_score"))

    def row(assessment):
        return next((r for r in rows if r["pk"] == assessment.pk), None) if assessment else None

    return row(since.current), row(since.previous), rows


def _cap_summary(cap):
    """The bilingual "Capped at N because ..." of a stored cap record, or None."""
    return dict(cap["summary"]) if cap and cap.get("summary") else None


def health_section(company, period: ReportPeriod):
    current, previous, rows = _current_and_previous(company, period)
    if current is None:
        return None
    scores = dict(
        for_company(company, Assessment)
        .filter(pk__in=[current["pk"]] + ([previous["pk"]] if previous else []))
        .values_list("pk", "scores")
    )
    current_scores = scores[current["pk"]] or {}
    previous_areas = {}
    if previous:
        previous_areas = {
            area["key"]: area["score"]
            for area in (scores[previous["pk"]] or {}).get("areas", [])
            if area.get("applicable", True)
        }
    by_quarter = {}
    for row in rows:  # oldest first, so the last check of each quarter wins
        by_quarter[quarter_of(timezone.localtime(row["submitted_at"]).date())] = row
    trend = [
        {"quarter": quarter, "score": by_quarter[quarter]["overall_score"]}
        if quarter in by_quarter
        else {"quarter": quarter, "score": None}
        for quarter in period.previous_quarters(4)
    ]
    overall = current_scores.get("overall", current["overall_score"])
    previous_overall = previous["overall_score"] if previous else None
    number = for_company(company, Assessment).values_list("number", flat=True).get(pk=current["pk"])
    return {
        "overall": overall,
        "previous_overall": previous_overall,
        "change": overall - previous_overall if previous_overall is not None else None,
        # A critical gap that capped the score (playbooks.score_records); absent in old records.
        "cap": _cap_summary(current_scores.get("cap")),
        "overall_uncapped": current_scores.get("overall_uncapped"),
        "assessment_number": number,
        "submitted_on": _iso(timezone.localtime(current["submitted_at"]).date()),
        "areas": [
            {
                "key": area["key"],
                "title": area["title"],
                "score": area["score"],
                "previous_score": previous_areas.get(area["key"]),
                "applicable": area.get("applicable", True),
                "deduction_count": len(area.get("deductions", [])),
                "cap": _cap_summary(area.get("cap")),
            }
            for area in current_scores.get("areas", [])
        ],
        "trend": trend,
    }


def _fix_keys_by_question(question_keys):
    """Action template keys per question, from the content catalogue (ActionItem.key)."""
    from ipguard.playbooks.content_store import current_content

    content = current_content()
    return {
        key: [template.key for template in content.question(key).actions]
        for key in question_keys
        if content.has_question(key)
    }


def current_action_items(items):
    """Each action once, in its current state: of the items sharing a plan key (a fix done, then
    raised again by a later health check), only the newest counts, so no action is reported
    both done and due. Items without a key (added by hand) are each their own action."""
    latest = {}
    for item in sorted(items, key=lambda item: (item.created_at, item.pk)):
        latest[item.key or f"#{item.pk}"] = item
    return list(latest.values())


def _action_row(item):
    return {
        "title": item.title,
        "tier": item.tier,
        "status": item.status,
        "owner": str(item.owner) if item.owner else "",
        "due_date": _iso(item.due_date),
        "completed_on": _iso(timezone.localtime(item.completed_at).date())
        if item.completed_at
        else None,
    }


def risks_section(company, period: ReportPeriod):
    current, _previous, _rows = _current_and_previous(company, period)
    if current is None:
        return None
    scores = for_company(company, Assessment).values_list("scores", flat=True).get(pk=current["pk"])
    areas = [area for area in (scores or {}).get("areas", []) if area.get("applicable", True)]
    total_weight = sum(area.get("weight", 1) for area in areas) or 1
    deductions = [
        {
            **deduction,
            "area_title": area["title"],
            # What the answer costs the overall score: its area's loss times the area's share.
            "overall_points_lost": round(
                deduction["points_lost"] * area.get("weight", 1) / total_weight, 1
            ),
        }
        for area in areas
        for deduction in area.get("deductions", [])
        if deduction.get("points_lost", 0) > 0
    ]
    deductions.sort(key=lambda d: (-d["overall_points_lost"], -d["points_lost"], d["question_key"]))
    if not deductions:
        return None
    fix_keys = _fix_keys_by_question([d["question_key"] for d in deductions])
    all_keys = {key for keys in fix_keys.values() for key in keys}
    current = current_action_items(
        for_company(company, ActionItem).filter(key__in=all_keys).select_related("owner")
    )
    items_by_key = {item.key: item for item in current}
    risks, fixed = [], []
    for deduction in deductions:
        fixes = [
            _action_row(items_by_key[key])
            for key in fix_keys.get(deduction["question_key"], [])
            if key in items_by_key
        ]
        risk = {
            "question_key": deduction["question_key"],
            "area_title": deduction["area_title"],
            "question_text": deduction["question_text"],
            "answer_text": deduction["answer_text"],
            "explanation": deduction["explanation"],
            "points_lost": deduction["points_lost"],
            "overall_points_lost": deduction["overall_points_lost"],
            "unanswered": deduction.get("unanswered", False),
            "source": deduction.get("source", ""),
            "fixes": fixes,
        }
        # A risk whose every fix is done is fixed, whatever the answer said when it was given:
        # it is reported as fixed, never as a top risk, until a new check finds it again.
        if fixes and all(fix["status"] == ActionStatus.DONE for fix in fixes):
            fixed.append(risk)
        elif len(risks) < TOP_RISKS:
            risks.append(risk)
    if not risks and not fixed:
        return None
    return {"risks": risks, "fixed": fixed[:TOP_RISKS], "total_deductions": len(deductions)}


def _empty_counts():
    return {"open": 0, "done_this_quarter": 0, "overdue": 0, "due_soon": 0}


def actions_section(company, period: ReportPeriod):
    items = sorted(
        current_action_items(for_company(company, ActionItem).select_related("owner")),
        key=lambda item: (item.due_date, item.pk),
    )
    if not items:
        return None
    as_of = period.as_of
    soon_until = as_of + timedelta(days=DUE_SOON_DAYS)
    zone = timezone.get_current_timezone()
    quarter_from, quarter_until = period.starts_at(zone), period.as_of_ends_at(zone)
    done, overdue, due_soon = [], [], []
    by_tier = {tier.value: _empty_counts() for tier in Tier}
    by_owner = defaultdict(_empty_counts)
    for item in items:
        owner = str(item.owner) if item.owner else ""
        buckets = []
        is_open = item.status in OPEN_ACTION_STATUSES
        if is_open:
            buckets.append("open")
            if item.due_date < as_of:
                buckets.append("overdue")
                overdue.append(item)
            elif item.due_date <= soon_until:
                buckets.append("due_soon")
                due_soon.append(item)
        elif (
            item.status == ActionStatus.DONE
            and item.completed_at
            and quarter_from <= item.completed_at < quarter_until
        ):
            buckets.append("done_this_quarter")
            done.append(item)
        for bucket in buckets:
            by_tier.setdefault(item.tier, _empty_counts())[bucket] += 1
            by_owner[owner][bucket] += 1
    done.sort(key=lambda item: item.completed_at, reverse=True)
    return {
        "as_of": as_of.isoformat(),
        "due_soon_until": soon_until.isoformat(),
        "totals": {
            "all": len(items),
            "open": sum(counts["open"] for counts in by_tier.values()),
            "done_this_quarter": len(done),
            "overdue": len(overdue),
            "due_soon": len(due_soon),
        },
        "by_tier": [{"tier": tier, **counts} for tier, counts in by_tier.items()],
        "by_owner": [
            {"owner": owner, **counts}
            for owner, counts in sorted(by_owner.items(), key=lambda pair: (pair[0] == "", pair[0]))
            if any(counts.values())
        ],
        "overdue": [_action_row(item) for item in overdue[:ACTION_LIST_LIMIT]],
        "due_soon": [_action_row(item) for item in due_soon[:ACTION_LIST_LIMIT]],
        "done": [_action_row(item) for item in done[:ACTION_LIST_LIMIT]],
        "list_limit": ACTION_LIST_LIMIT,
    }


def portfolio_section(company, period: ReportPeriod):
    filings = for_company(company, Filing).filter(
        archived_at__isnull=True, asset__archived_at__isnull=True
    )
    counts = list(
        filings.values("office", "status").annotate(n=Count("pk")).order_by("office", "status")
    )
    until = add_months(period.as_of, DEADLINE_MONTHS)
    deadlines = list(
        for_company(company, Deadline)
        .filter(
            status=DeadlineStatus.OPEN,
            due_date__gte=period.as_of,
            due_date__lte=until,
            filing__archived_at__isnull=True,
        )
        .select_related("filing__asset")
        .order_by("due_date", "pk")
    )
    if not counts and not deadlines:
        return None
    offices = defaultdict(dict)
    statuses = []
    for row in counts:
        offices[row["office"]][row["status"]] = row["n"]
        if row["status"] not in statuses:
            statuses.append(row["status"])
    return {
        "by_office": [
            {"office": office, "counts": by_status, "total": sum(by_status.values())}
            for office, by_status in offices.items()
        ],
        "statuses": statuses,
        "total_filings": sum(row["n"] for row in counts),
        "deadlines_until": until.isoformat(),
        "deadlines": [_deadline_row(deadline) for deadline in deadlines],
    }


def _extension_source(deadline):
    rule = extension_rule(deadline.kind, deadline.filing.office)
    return rule.source if rule else ""


def _deadline_row(deadline):
    return {
        "due_date": deadline.due_date.isoformat(),
        "grace_ends": _iso(deadline.grace_ends),
        # The grace_ends of an opposition window is the limit of an extension on request.
        "extension_source": _extension_source(deadline),
        "label": deadline.label,
        "sequence": deadline.sequence,
        "asset": deadline.filing.asset.name,
        "right": deadline.filing.asset.right,
        "office": deadline.filing.office,
        "number": deadline.filing.number,
    }


def lapsing_section(company, period: ReportPeriod):
    """Every open statutory deadline past its due date on `as_of`, or on its very last day.

    Each row carries its lapse state (ipguard.portfolio.lapse) and the day the right is lost:
    the day after the last day (the end of grace, else the due date). For CN annuities the
    patent then ends as of the original due date (ip-rules.md §2, S30, S31), but the office
    accepts the fee until the end of grace, so the last day to act is what a reader needs.
    The lost tomorrow come first, then by last day; the already lapsed last.
    """
    as_of = period.as_of
    deadlines = (
        live_deadlines(company)
        .filter(status=DeadlineStatus.OPEN, due_date__lte=as_of)
        .select_related("filing__asset")
        .order_by("due_date", "pk")
    )
    rows = []
    for deadline in deadlines:
        if extension_rule(deadline.kind, deadline.filing.office):
            continue  # an opposition window's extension on request is no grace: nothing lapses
        state = lapse_state(due=deadline.due_date, grace_ends=deadline.grace_ends, today=as_of)
        if state.state == Lapse.UPCOMING:  # due today with a grace period still to come
            continue
        rows.append(
            {
                **_deadline_row(deadline),
                "state": state.state.value,
                "last_day": state.last_day.isoformat(),
                "lost_on": (state.last_day + timedelta(days=1)).isoformat(),
                "days_left": state.days_left,
            }
        )
    if not rows:
        return None
    rows.sort(key=lambda row: (row["state"] == Lapse.LAPSED, row["last_day"]))
    return {
        "as_of": as_of.isoformat(),
        "deadlines": rows,
        "last_day_count": sum(row["state"] == Lapse.LAST_DAY for row in rows),
        "grace_count": sum(row["state"] == Lapse.GRACE for row in rows),
        "lapsed_count": sum(row["state"] == Lapse.LAPSED for row in rows),
    }


def alliances_section(company, period: ReportPeriod):
    profile = for_company(company, AllianceProfile).first()
    if profile is None or not profile.recommendations:
        return None
    return {
        "updated_on": _iso(timezone.localtime(profile.updated_at).date()),
        "recommendations": [
            {
                "option": recommendation.get("option", ""),
                "title": recommendation.get("title", {}),
                "verdict": recommendation.get("verdict", ""),
                "reasons": list(recommendation.get("reasons", [])),
            }
            for recommendation in profile.recommendations
        ],
    }

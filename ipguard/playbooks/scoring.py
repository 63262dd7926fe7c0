"""Skip logic, area and overall scores, triggered actions and due dates: pure functions.

Answers are a plain dict keyed by question key: yes_no -> "yes" | "no" | "not_sure",
single_choice -> a choice value, multi_choice -> a list of choice values, number -> int,
date -> datetime.date. Missing keys, None, "" and [] mean "unanswered". An answer that does not fit
its question (an unknown choice value, a number outside min/max, a wrong type) is treated as
unanswered too, so an old draft never breaks scoring after the content changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ipguard.lib.dates import add_months
from ipguard.playbooks.content import (
    TIERS,
    ActionTemplate,
    Area,
    Condition,
    Content,
    FrozenDict,
    Question,
    Text,
)

__all__ = [
    "TIER_MONTHS",
    "URGENT_LIMIT",
    "AreaScore",
    "Cap",
    "Deduction",
    "HealthScore",
    "PlannedAction",
    "TriggeredAction",
    "action_plan",
    "add_months",
    "answer_value",
    "area_weight",
    "condition_holds",
    "due_date_for",
    "earned_fraction",
    "is_visible",
    "score_all",
    "score_area",
    "triggered_actions",
    "visible_questions",
]

# Default due date of each tier, counted from the day the plan is made (guide 002's must-do list).
TIER_MONTHS = {"urgent": 1, "strategic": 6, "long_term": 12}
# "Urgent" (1 month) is kept for the few riskiest items; a plan of twenty urgent items has none.
URGENT_LIMIT = 5


@dataclass(frozen=True)
class Cap:
    """A critical gap that limits a score: "capped at {limit} because {reason}"."""

    question_key: str
    area_key: str
    scope: str  # "area" or "overall"
    limit: int
    reason: Text

    @property
    def summary(self) -> Text:
        return FrozenDict(
            en=f"Capped at {self.limit} because {self.reason['en']}",
            zh_hans=f"因{self.reason['zh_hans']}，得分上限为 {self.limit} 分",
        )


def _binding(caps: tuple[Cap, ...], uncapped: int) -> Cap | None:
    """The lowest cap, if it actually lowered the score."""
    lowest = min(caps, key=lambda cap: (cap.limit, cap.question_key), default=None)
    return lowest if lowest is not None and lowest.limit < uncapped else None


@dataclass(frozen=True)
class Deduction:
    question_key: str
    answer: Any  # None when unanswered
    points_lost: float
    explanation: Text  # what is missing, without the points
    summary: Text  # the explanation with the points: "...: -12 points"
    unanswered: bool = False


@dataclass(frozen=True)
class AreaScore:
    area: Area
    score: int  # 0-100 after caps; 100 when nothing in the area applies
    earned: float
    possible: float
    deductions: tuple[Deduction, ...]  # largest first
    answered: int  # visible scored questions with an answer
    unanswered: int
    uncapped: int | None = None  # the score before caps (None = same as score)
    caps: tuple[Cap, ...] = ()  # every critical gap of the area, area-scope caps only
    weight: float | None = None  # the area's weight for this company's profile

    @property
    def cap(self) -> Cap | None:
        """The cap that lowered this area's score, if any."""
        return _binding(self.caps, self.uncapped if self.uncapped is not None else self.score)

    @property
    def area_key(self) -> str:
        return self.area.key

    @property
    def applicable(self) -> bool:
        """False when no scored question of the area is visible; such areas skip the overall."""
        return self.possible > 0


@dataclass(frozen=True)
class HealthScore:
    overall: int  # 0-100 after caps; applicable areas weighted by their profile weight
    areas: tuple[AreaScore, ...]
    uncapped: int | None = None  # the overall before caps
    caps: tuple[Cap, ...] = ()  # overall-scope caps of every critical gap, lowest first

    @property
    def cap(self) -> Cap | None:
        """The cap that lowered the overall score, if any."""
        return _binding(self.caps, self.uncapped if self.uncapped is not None else self.overall)

    def area(self, key: str) -> AreaScore:
        return next(score for score in self.areas if score.area.key == key)

    @property
    def deductions(self) -> tuple[Deduction, ...]:
        every = (d for score in self.areas for d in score.deductions)
        return tuple(sorted(every, key=lambda d: -d.points_lost))


@dataclass(frozen=True)
class TriggeredAction:
    template: ActionTemplate
    question_key: str


# ---- answers and conditions ----


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def answer_value(question: Question, answers: Mapping[str, Any]) -> Any:
    """The question's answer in canonical form, or None if unanswered or not valid for it."""
    value = answers.get(question.key)
    if _is_blank(value):
        return None
    kind = question.kind
    if kind in ("yes_no", "single_choice"):
        return value if isinstance(value, str) and value in question.choice_values else None
    if kind == "multi_choice":
        if not isinstance(value, list | tuple):
            return None
        picked = [v for v in question.choice_values if v in value]
        return picked or None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        too_low = question.min is not None and value < question.min
        too_high = question.max is not None and value > question.max
        return None if too_low or too_high else value
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def condition_holds(
    condition: Condition, answers: Mapping[str, Any], *, fraction: float | None = None
) -> bool:
    """Evaluate a condition; `fraction` is what the action's own question earned (score_below)."""
    op = condition.op
    if op == "all_of":
        return all(condition_holds(c, answers, fraction=fraction) for c in condition.conditions)
    if op == "any_of":
        return any(condition_holds(c, answers, fraction=fraction) for c in condition.conditions)
    if op == "score_below":
        return fraction is not None and fraction < condition.value
    # A hidden question counts as unanswered, however it was answered before it was hidden.
    hidden = condition.guard is not None and not condition_holds(condition.guard, answers)
    answer = None if hidden else answers.get(condition.question)
    if op == "answered":
        return _is_blank(answer) != condition.value
    if _is_blank(answer):
        return False
    expected = condition.value
    if isinstance(answer, list | tuple):  # multi_choice
        selected = set(answer)
        return {
            "in": selected <= set(expected),
            "not_in": not selected & set(expected),
            "contains": expected in selected,
            "not_contains": expected not in selected,
            "contains_any": bool(selected & set(expected)),
        }.get(op, False)
    if op in ("equals", "not_equals"):
        return (answer == expected) == (op == "equals")
    if op in ("in", "not_in"):
        return (answer in expected) == (op == "in")
    if op in ("gt", "gte", "lt", "lte"):
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        return {
            "gt": answer > expected,
            "gte": answer >= expected,
            "lt": answer < expected,
            "lte": answer <= expected,
        }[op]
    return False


def is_visible(question: Question, answers: Mapping[str, Any]) -> bool:
    """Skip logic: shown when it has no depends_on or its depends_on holds. Tests on hidden
    questions fail, so a question that depends only on hidden questions is hidden too."""
    return question.depends_on is None or condition_holds(question.depends_on, answers)


def visible_questions(
    content: Content, area_key: str, answers: Mapping[str, Any]
) -> list[Question]:
    return [q for q in content.questions_for(area_key) if is_visible(q, answers)]


# ---- scores ----


def earned_fraction(
    question: Question, answers: Mapping[str, Any], *, today: date | None = None
) -> float | None:
    """Share (0-1) of the question's points the answer earns; None if unanswered or unscored."""
    rule, value = question.scoring, answer_value(question, answers)
    if rule is None or value is None:
        return None
    if rule.method == "values":
        return rule.values[value]
    if rule.method == "sum":
        return min(1.0, sum(rule.values.get(v, 0.0) for v in value))
    if rule.method == "coverage":
        wanted = set(answers.get(rule.of) or ()) & set(question.choice_values)
        return len(wanted & set(value)) / len(wanted) if wanted else 1.0
    if rule.method == "at_least":
        return max((f for limit, f in rule.thresholds if value >= limit), default=0.0)
    if rule.method == "within_days":
        age = max(0, ((today or date.today()) - value).days)
        return next((f for limit, f in rule.thresholds if age <= limit), 0.0)
    raise ValueError(f"unknown scoring method {rule.method!r}")


def _percent(earned: float, possible: float) -> int:
    """Rounded half up, but 100 only when nothing is missing and 0 only when nothing is earned."""
    if possible <= 0:
        return 100
    score = math.floor(100 * earned / possible + 0.5)
    if earned < possible:
        score = min(score, 99)
    return max(score, 1) if earned > 0 else 0


def _points(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _deduction(question: Question, answer: Any, lost: float) -> Deduction:
    unanswered = answer is None
    if unanswered:
        explanation = {
            "en": f"Not answered yet: {question.text['en']}",
            "zh_hans": f"尚未回答：{question.text['zh_hans']}",
        }
    else:
        explanation = dict(question.shortfall)
    points = _points(lost)
    summary = {
        "en": f"{explanation['en']}: -{points} points",
        "zh_hans": f"{explanation['zh_hans']}：扣 {points} 分",
    }
    return Deduction(
        question_key=question.key,
        answer=answer,
        points_lost=round(lost, 2),
        explanation=FrozenDict(explanation),
        summary=FrozenDict(summary),
        unanswered=unanswered,
    )


def score_area(
    content: Content, area_key: str, answers: Mapping[str, Any], *, today: date | None = None
) -> AreaScore:
    """Score one area over its visible scored questions; unanswered ones earn nothing."""
    earned = possible = 0.0
    deductions, answered, unanswered = [], 0, 0
    for question in visible_questions(content, area_key, answers):
        if not question.is_scored:
            continue
        possible += question.weight
        fraction = earned_fraction(question, answers, today=today)
        if fraction is None:
            unanswered += 1
            fraction = 0.0
        else:
            answered += 1
        earned += question.weight * fraction
        lost = question.weight * (1 - fraction)
        if lost > 1e-9:
            deductions.append(_deduction(question, answer_value(question, answers), lost))
    deductions.sort(key=lambda d: -d.points_lost)
    uncapped = _percent(earned, possible)
    caps = tuple(c for c in critical_caps(content, area_key, answers) if c.scope == "area")
    return AreaScore(
        area=content.area(area_key),
        score=min([uncapped, *(cap.limit for cap in caps)]),
        earned=round(earned, 2),
        possible=round(possible, 2),
        deductions=tuple(deductions),
        answered=answered,
        unanswered=unanswered,
        uncapped=uncapped,
        caps=caps,
        weight=area_weight(content.area(area_key), answers),
    )


def critical_caps(content: Content, area_key: str, answers: Mapping[str, Any]) -> list[Cap]:
    """The caps of the area's visible questions whose answer is a critical gap.
    An unanswered question is not capped: it already earns nothing and is flagged as unanswered."""
    caps = []
    for question in visible_questions(content, area_key, answers):
        value = answer_value(question, answers) if question.critical else None
        lowest: dict[str, Cap] = {}  # per scope, the strictest rule this answer meets
        for rule in question.critical:
            if value is None or value not in rule.values:
                continue
            for scope, limit in (("area", rule.area_cap), ("overall", rule.overall_cap)):
                if limit is not None and (scope not in lowest or limit < lowest[scope].limit):
                    lowest[scope] = Cap(question.key, area_key, scope, limit, rule.reason)
        caps.extend(lowest.values())
    return caps


def area_weight(area: Area, answers: Mapping[str, Any]) -> float:
    """The area's weight for this company: its base weight plus every profile rule that holds."""
    return area.weight + sum(
        rule.add for rule in area.weight_rules if condition_holds(rule.when, answers)
    )


def score_all(
    content: Content, answers: Mapping[str, Any], *, today: date | None = None
) -> HealthScore:
    """Every area's score and the overall: the mean of the applicable areas' capped scores,
    weighted by the company's profile, then capped by every critical gap's overall cap."""
    areas = tuple(score_area(content, area.key, answers, today=today) for area in content.areas)
    applicable = [score for score in areas if score.applicable]
    total_weight = sum(score.weight for score in applicable)
    # An area's share is its capped score, so a capped area pulls the overall down as well.
    weighted = sum(
        score.weight * min(score.earned / score.possible, score.score / 100) for score in applicable
    )
    uncapped = _percent(weighted, total_weight) if applicable else 100
    caps = tuple(
        sorted(
            (c for area in content.areas for c in critical_caps(content, area.key, answers)
             if c.scope == "overall"),
            key=lambda cap: (cap.limit, cap.question_key),
        )
    )  # fmt: skip
    overall = min([uncapped, *(cap.limit for cap in caps)])
    return HealthScore(overall=overall, areas=areas, uncapped=uncapped, caps=caps)


# ---- actions and due dates ----


def triggered_actions(
    content: Content, answers: Mapping[str, Any], *, today: date | None = None
) -> list[TriggeredAction]:
    """Action templates whose `when` holds, for visible questions only, in questionnaire order."""
    triggered = []
    for question in content.questions:
        if not question.actions or not is_visible(question, answers):
            continue
        fraction = earned_fraction(question, answers, today=today)
        for template in question.actions:
            if condition_holds(template.when, answers, fraction=fraction):
                triggered.append(TriggeredAction(template=template, question_key=question.key))
    return triggered


@dataclass(frozen=True)
class PlannedAction:
    """A triggered action in the plan: its tier after the urgent limit, and its risk."""

    template: ActionTemplate
    question_key: str
    tier: str  # the template's tier, or "strategic" for an urgent item beyond URGENT_LIMIT
    risk: float  # points of the overall score its question costs; critical gaps rank first
    critical: bool

    @property
    def due_in_days(self) -> int | None:
        return self.template.due_in_days if self.tier == self.template.tier else None


def action_plan(
    content: Content, answers: Mapping[str, Any], *, today: date | None = None
) -> list[PlannedAction]:
    """The triggered actions ranked by risk, highest first. At most URGENT_LIMIT stay urgent
    (critical gaps first, then by risk); the other urgent ones become strategic (6 months)."""
    health = score_all(content, answers, today=today)
    total = sum(score.weight for score in health.areas if score.applicable) or 1.0
    lost, critical = {}, set()
    for score in health.areas:
        if not score.applicable:
            continue
        critical |= {cap.question_key for cap in critical_caps(content, score.area.key, answers)}
        for deduction in score.deductions:
            share = deduction.points_lost / score.possible * score.weight / total
            lost[deduction.question_key] = 100 * share
    ranked = sorted(
        triggered_actions(content, answers, today=today),
        key=lambda t: (t.question_key not in critical, -lost.get(t.question_key, 0.0)),
    )
    plan, urgent = [], 0
    for trigger in ranked:
        tier = trigger.template.tier
        if tier == "urgent":
            urgent += 1
            tier = "urgent" if urgent <= URGENT_LIMIT else "strategic"
        plan.append(
            PlannedAction(
                template=trigger.template,
                question_key=trigger.question_key,
                tier=tier,
                risk=round(lost.get(trigger.question_key, 0.0), 2),
                critical=trigger.question_key in critical,
            )
        )
    return plan


def due_date_for(tier: str, start_date: date, due_in_days: int | None = None) -> date:
    """urgent +1 month, strategic +6 months, long_term +12 months (clamped at month end),
    or exactly `due_in_days` after `start_date` when the template sets it."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r} (expected one of {', '.join(TIERS)})")
    if due_in_days is not None:
        return start_date + timedelta(days=due_in_days)
    return add_months(start_date, TIER_MONTHS[tier])

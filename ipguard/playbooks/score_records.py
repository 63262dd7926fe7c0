"""The scores of a submitted health check as stored JSON: what the result page, the dashboard and
the quarterly report read, so an old version shows what it said on the day it was submitted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipguard.playbooks.answers import answer_texts
from ipguard.playbooks.content import Content
from ipguard.playbooks.scoring import Cap, HealthScore


def health_score_record(content: Content, health: HealthScore, answers: Mapping[str, Any]) -> dict:
    """{"overall", "overall_uncapped", "cap", "critical_gaps", "content_versions",
    "areas": [{key, title, weight, score, uncapped_score, cap, ..., deductions}]}.

    `cap` (overall and per area) is the critical gap that lowered the score, or None; `weight` is
    the area's weight for this company's profile. Records stored before caps existed lack these
    keys: read them with .get().

    A deduction's `points_lost` is in points of its area's 0-100 score, so the reasons of one area
    add up to what the area lost.
    """
    areas = []
    for area_score in health.areas:
        possible = area_score.possible
        deductions = []
        for deduction in area_score.deductions:
            question = content.question(deduction.question_key)
            deductions.append(
                {
                    "question_key": deduction.question_key,
                    "question_text": dict(question.text),
                    "answer_text": answer_texts(question, answers.get(deduction.question_key)),
                    "points_lost": round(100 * deduction.points_lost / possible, 1)
                    if possible
                    else 0,
                    "explanation": dict(deduction.explanation),
                    "unanswered": deduction.unanswered,
                    "source": question.source,
                }
            )
        areas.append(
            {
                "key": area_score.area.key,
                "title": dict(area_score.area.title),
                "weight": area_score.weight,
                "score": area_score.score,
                "uncapped_score": area_score.uncapped,
                "cap": cap_record(area_score.cap),
                "applicable": area_score.applicable,
                "answered": area_score.answered,
                "unanswered": area_score.unanswered,
                "deductions": deductions,
            }
        )
    return {
        "overall": health.overall,
        "overall_uncapped": health.uncapped,
        "cap": cap_record(health.cap),
        "critical_gaps": [cap_record(cap) for cap in health.caps],
        "content_versions": content.versions,
        "areas": areas,
    }


def cap_record(cap: Cap | None) -> dict | None:
    """{"question_key", "area_key", "limit", "reason", "summary"}: texts in both languages;
    `summary` reads "Capped at 49 because ..." (None when no cap lowered the score)."""
    if cap is None:
        return None
    return {
        "question_key": cap.question_key,
        "area_key": cap.area_key,
        "limit": cap.limit,
        "reason": dict(cap.reason),
        "summary": dict(cap.summary),
    }

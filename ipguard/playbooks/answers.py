"""How stored answers read to a person, in both languages: pure functions over the content."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ipguard.playbooks.content import Question


def answer_texts(question: Question, value: Any) -> dict[str, str]:
    """An answer as {"en": ..., "zh_hans": ...}; empty strings when unanswered."""
    if value is None or value == "" or value == []:
        return {"en": "", "zh_hans": ""}
    if question.kind in ("yes_no", "single_choice", "multi_choice"):
        values = value if isinstance(value, list | tuple) else [value]
        labels = [question.choice(v).label if question.choice(v) else {} for v in values]
        return {
            language: separator.join(label.get(language) or str(v) for label, v in zip(
                labels, values, strict=True))
            for language, separator in (("en", ", "), ("zh_hans", "、"))
        }  # fmt: skip
    if isinstance(value, date):
        value = value.isoformat()
    return {"en": str(value), "zh_hans": str(value)}


def plain_answer(value: Any) -> str:
    """An answer to a question no longer in the content, shown as stored."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Question keys whose stored answer differs between two versions, in a stable order."""
    keys = set(before) | set(after)
    return sorted(key for key in keys if _normal(before.get(key)) != _normal(after.get(key)))


def _normal(value: Any) -> Any:
    if value in ("", [], None):
        return None
    if isinstance(value, list | tuple):
        return sorted(str(v) for v in value)
    return value

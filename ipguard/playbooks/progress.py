"""What the questionnaire pages show about a set of answers: progress per area, the review list,
and what changed between two submitted versions."""

from __future__ import annotations

from ipguard.lib.i18n import pick
from ipguard.playbooks import scoring
from ipguard.playbooks.answers import answer_texts, changed_keys, plain_answer
from ipguard.playbooks.content_store import question_texts


def area_progress(content, answers) -> list[dict]:
    """Per area: visible questions and how many of them have a (valid) answer."""
    rows = []
    for area in content.areas:
        visible = scoring.visible_questions(content, area.key, answers)
        answered = sum(1 for q in visible if scoring.answer_value(q, answers) is not None)
        rows.append(
            {"area": area, "title": pick(area.title), "visible": len(visible), "answered": answered}
        )
    return rows


def progress_totals(rows) -> dict:
    visible = sum(row["visible"] for row in rows)
    answered = sum(row["answered"] for row in rows)
    percent = round(100 * answered / visible) if visible else 100
    return {"visible": visible, "answered": answered, "percent": percent}


def answer_rows(content, answers, language) -> list[dict]:
    """The review page: each area with its visible questions and their answers."""
    sections = []
    for area in content.areas:
        rows = []
        for question in scoring.visible_questions(content, area.key, answers):
            value = scoring.answer_value(question, answers)
            rows.append(
                {
                    "key": question.key,
                    "question": pick(question.text, language),
                    "answer": pick(answer_texts(question, value), language),
                    "unanswered": value is None,
                }
            )
        sections.append({"key": area.key, "title": pick(area.title, language), "rows": rows})
    return sections


def changes_between(content, previous, current, language) -> dict:
    """Score and answer changes from one submitted version to the next."""
    before_areas = {area["key"]: area for area in previous.scores.get("areas", [])}
    areas = []
    for area in current.scores.get("areas", []):
        old = before_areas.get(area["key"])
        if old and old["score"] != area["score"]:
            areas.append(
                {"title": pick(area["title"], language), "before": old["score"],
                 "after": area["score"], "delta": area["score"] - old["score"]}
            )  # fmt: skip
    keys = changed_keys(previous.answers, current.answers)
    retired_texts = question_texts(k for k in keys if not content.has_question(k))
    answers = []
    for key in keys:
        before, after = previous.answers.get(key), current.answers.get(key)
        if content.has_question(key):
            question = content.question(key)
            text = pick(question.text, language)
            before_text = pick(answer_texts(question, before), language)
            after_text = pick(answer_texts(question, after), language)
        else:
            text = pick(retired_texts.get(key) or key, language)
            before_text, after_text = plain_answer(before), plain_answer(after)
        answers.append({"key": key, "question": text, "before": before_text, "after": after_text})
    return {
        "overall_delta": (current.overall_score or 0) - (previous.overall_score or 0),
        "areas": areas,
        "answers": answers,
    }

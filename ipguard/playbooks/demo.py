"""Demo data: a submitted health check a quarter ago and a retake now, so the dashboard, the
action plan and the trend have something true to show."""

import zlib
from datetime import timedelta

from django.utils import timezone

from ipguard.lib.fragments import company_data_changed
from ipguard.playbooks.content_store import current_content
from ipguard.playbooks.models import Assessment
from ipguard.playbooks.services import assessments

PROFILE_ANSWERS = {
    "export_markets": ["us", "eu", "southeast_asia"],
    "sells_online": "yes",
    "online_platforms": ["amazon", "aliexpress", "own_web_store"],
    "uses_generative_ai": "yes",
    "patent_count": 6,
    "revenue_band": "5m_50m_usd",
    "has_rd_projects": "yes",
    "attends_trade_shows_abroad": "yes",
    "uses_industry_standards": "no",
    "cn_mark_registered": "yes",
    "export_mark_coverage": "some_markets",
}
# Since the first check the company registered its mark in every export market and wrote an AI
# usage manual.
RETAKE_CHANGES = {"export_mark_coverage": "all_markets", "ai_usage_manual": "written_and_trained"}


def demo_answers(content, today):
    """A plausible half-done company: every question answered, about one answer in three weak."""
    answers = dict(PROFILE_ANSWERS)
    for question in content.questions:
        if question.key in answers:
            continue
        weak = zlib.crc32(question.key.encode()) % 3 == 0
        values = question.choice_values
        if question.kind == "yes_no":
            answers[question.key] = "no" if weak else "yes"
        elif question.kind == "single_choice":
            answers[question.key] = values[-1] if weak else values[0]
        elif question.kind == "multi_choice":
            answers[question.key] = list(values[:1] if weak else values[:2])
        elif question.kind == "number":
            answers[question.key] = question.min or 0 if weak else max(question.min or 0, 2)
        elif question.kind == "date":
            answers[question.key] = (today - timedelta(days=400 if weak else 60)).isoformat()
    return answers


def seed_demo(company, owner):
    if Assessment.objects.filter(company=company).exists():
        return
    quarter_ago = timezone.now() - timedelta(days=91)
    answers = demo_answers(current_content(), quarter_ago.date())
    first = _submit(company, owner, answers, today=quarter_ago.date())
    Assessment.objects.filter(pk=first.pk).update(submitted_at=quarter_ago)
    company_data_changed(company.pk)  # a queryset update sends no signal
    _submit(company, owner, RETAKE_CHANGES)


def _submit(company, owner, answers, today=None):
    draft = assessments.assessment_start(company=company, user=owner)
    assessments.assessment_save_answers(assessment=draft, answers=answers)
    return assessments.assessment_submit(assessment=draft, user=owner, today=today)

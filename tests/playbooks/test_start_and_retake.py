"""The health check's start page counts what it will ask, sign-up answers are not asked again,
a retake says why it opens on the review, and an area with nothing to ask says so (issue 16)."""

import re

import pytest
from django.urls import reverse

from ipguard.playbooks.content_store import current_content
from ipguard.playbooks.models import Assessment
from ipguard.playbooks.progress import area_progress, progress_totals
from ipguard.playbooks.services.assessments import scoring_answers

pytestmark = pytest.mark.django_db


def test_start_page_counts_the_areas_and_questions_the_wizard_shows(personas, owner_client):
    page = owner_client.get(reverse("playbooks:questionnaire")).content.decode()
    match = re.search(r"Up to (\d+) short questions in (\d+) areas;", page)
    assert match, page
    questions, areas = (int(n) for n in match.groups())

    owner_client.post(reverse("playbooks:questionnaire"))
    draft = Assessment.objects.get(company=personas.company, status="draft")
    content = current_content()
    totals = progress_totals(area_progress(content, scoring_answers(content, draft.answers)))
    assert areas == len(content.areas) == 8
    assert questions == len(content.questions) - totals["answered"]
    assert "2 answers are already filled in from your sign-up." in page


def test_sign_up_answers_are_filled_in(personas, owner_client):
    owner_client.post(reverse("playbooks:questionnaire"))
    draft = Assessment.objects.get(company=personas.company, status="draft")
    # CompanyFactory: export markets US and EU, revenue USD 5-50 million.
    assert draft.answers["export_markets"] == ["us", "eu"]
    assert draft.answers["revenue_band"] == "5m_50m_usd"
    profile = owner_client.get(reverse("playbooks:questionnaire_area", args=["profile"]))
    assert re.search(r'value="us"[^>]*checked|checked[^>]*value="us"', profile.content.decode())


def test_a_retake_with_everything_answered_says_why_it_opens_on_the_review(personas, owner_client):
    content = current_content()
    answers = {}
    for question in content.questions:
        if question.kind in ("yes_no",):
            answers[question.key] = "yes"
        elif question.kind == "single_choice":
            answers[question.key] = question.choices[0].value
        elif question.kind == "multi_choice":
            answers[question.key] = [question.choices[1].value]
        elif question.kind == "number":
            answers[question.key] = question.min or 1
        elif question.kind == "date":
            answers[question.key] = "2026-09-30"
    Assessment.objects.create(
        company=personas.company, number=1, status="submitted", answers=answers
    )
    response = owner_client.post(reverse("playbooks:questionnaire"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("playbooks:questionnaire_review")
    assert "so you start at the review" in response.content.decode()


def test_an_area_with_no_question_for_the_company_reads_does_not_apply(personas, owner_client):
    owner_client.post(reverse("playbooks:questionnaire"))
    page = owner_client.get(reverse("playbooks:questionnaire_area", args=["profile"]))
    html = page.content.decode()
    # Patents and AI compliance ask nothing until the profile says patents or AI are used.
    assert not re.search(r">\s*0/0\s*<", html)
    assert "no questions" in html


def test_start_page_sentences_run_on_in_chinese_and_are_spaced_in_english(personas, client):
    """Chinese sentences end in "。" and take no space after it; English ones take one."""
    from tests.factories import member

    client.force_login(member(personas.company, "editor", email="zh@acme.test", language="zh-hans"))
    page = client.get(reverse("playbooks:questionnaire")).content.decode()
    intro = re.search(r"<p>(最多.*?)</p>", page, re.S).group(1)
    assert "跳过。已根据" in intro and "个答案。答案会" in intro, intro
    assert not re.search(r"[。；]\s", intro), intro

    english = re.search(r"<p>(Up to.*?)</p>", personas.client_for(personas.owner).get(
        reverse("playbooks:questionnaire")).content.decode(), re.S).group(1)  # fmt: skip
    assert "are skipped. 2 answers are already filled in from your sign-up. Your answers" in english


def test_join_sentences():
    from ipguard.lib.text import join_sentences

    assert join_sentences(["One.", "", "Two."]) == "One. Two."
    assert join_sentences(["第一句。", "第二句。", "Third."]) == "第一句。第二句。Third."

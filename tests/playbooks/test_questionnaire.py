"""The health-check wizard end to end through Django's test client."""

import pytest
from django.urls import reverse

from ipguard.actions.models import ActionItem
from ipguard.playbooks.models import Assessment

pytestmark = pytest.mark.django_db

PROFILE = reverse("playbooks:questionnaire_area", args=["profile"])
TRADEMARKS = reverse("playbooks:questionnaire_area", args=["trademarks"])


def _post_area(client, area_key, answers, *, button="next", shown=None):
    data = {"shown": shown or list(answers), button: ""}
    data.update(answers)
    return client.post(reverse("playbooks:questionnaire_area", args=[area_key]), data)


def _start(client):
    response = client.post(reverse("playbooks:questionnaire"))
    assert response.status_code == 302
    return response


def test_start_goes_to_the_first_area_and_answers_survive_leaving(personas, owner_client):
    response = _start(owner_client)
    assert response["Location"] == PROFILE

    response = _post_area(
        owner_client,
        "profile",
        {"export_markets": ["us", "eu"], "sells_online": "yes", "patent_count": "3"},
        button="leave",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    draft = Assessment.objects.get(company=personas.company, status="draft")
    assert draft.answers["export_markets"] == ["us", "eu"]
    assert draft.answers["patent_count"] == 3

    # Coming back resumes the draft on the first area that still has open questions.
    response = owner_client.get(reverse("playbooks:questionnaire"))
    assert response["Location"] == PROFILE
    page = owner_client.get(PROFILE).content.decode()
    assert 'value="eu" checked' in page or 'checked value="eu"' in page or "checked" in page
    assert Assessment.objects.filter(company=personas.company).count() == 1


def test_skip_logic_hides_madrid_for_non_exporters_and_platforms_for_offline_sellers(
    owner_client,
):
    _start(owner_client)
    _post_area(owner_client, "profile", {"export_markets": ["none"], "sells_online": "no"})
    profile = owner_client.get(PROFILE).content.decode()
    assert 'name="online_platforms"' not in profile
    trademarks = owner_client.get(TRADEMARKS).content.decode()
    assert 'name="export_mark_coverage"' not in trademarks

    _post_area(owner_client, "profile", {"export_markets": ["us"], "sells_online": "yes"})
    assert 'name="online_platforms"' in owner_client.get(PROFILE).content.decode()
    assert 'name="export_mark_coverage"' in owner_client.get(TRADEMARKS).content.decode()


def test_an_invalid_answer_is_shown_on_its_field_and_the_valid_ones_are_kept(
    personas, owner_client
):
    _start(owner_client)
    response = _post_area(owner_client, "profile", {"patent_count": "-4", "sells_online": "yes"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "greater than or equal to 0" in page
    draft = Assessment.objects.get(company=personas.company, status="draft")
    assert draft.answers["sells_online"] == "yes"
    assert "patent_count" not in draft.answers


def test_htmx_autosave_returns_the_form_fragment(personas, owner_client):
    _start(owner_client)
    response = owner_client.post(
        PROFILE,
        {"shown": ["sells_online"], "sells_online": "yes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'name="online_platforms"' in response.content  # newly visible question appears
    assert Assessment.objects.get(company=personas.company).answers["sells_online"] == "yes"


def _answer_everything_badly(client):
    _start(client)
    _post_area(
        client,
        "profile",
        {"export_markets": ["us", "eu"], "sells_online": "yes", "online_platforms": ["amazon"]},
    )
    _post_area(client, "trademarks", {"cn_mark_registered": "no"})


def test_review_then_submit_scores_explains_and_plans(personas, owner_client):
    _answer_everything_badly(owner_client)
    review = owner_client.get(reverse("playbooks:questionnaire_review"))
    assert review.status_code == 200
    assert "Not answered" in review.content.decode()

    response = owner_client.post(reverse("playbooks:questionnaire_submit"))
    assessment = Assessment.objects.get(company=personas.company)
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.status == "submitted"
    assert 0 <= assessment.overall_score < 100
    trademarks = next(a for a in assessment.scores["areas"] if a["key"] == "trademarks")
    assert trademarks["score"] < 100
    lost = {d["question_key"]: d for d in trademarks["deductions"]}
    assert lost["cn_mark_registered"]["answer_text"]["en"] == "No"
    assert lost["cn_mark_registered"]["points_lost"] > 0

    result = owner_client.get(assessment.get_absolute_url()).content.decode()
    assert "Main brand not registered in China" in result
    assert "<svg" in result

    item = ActionItem.objects.get(company=personas.company, key="register_main_mark_cn")
    assert item.tier == "urgent"
    assert 28 <= (item.due_date - assessment.submitted_at.date()).days <= 31
    assert item.assessment == assessment


def test_a_retake_starts_from_the_last_answers_shows_changes_and_never_duplicates(
    personas, owner_client
):
    _answer_everything_badly(owner_client)
    owner_client.post(reverse("playbooks:questionnaire_submit"))
    first = Assessment.objects.get(company=personas.company)
    open_before = set(
        ActionItem.objects.filter(company=personas.company, status="todo").values_list(
            "key", flat=True
        )
    )
    assert "register_main_mark_cn" in open_before

    _start(owner_client)
    draft = Assessment.objects.get(company=personas.company, status="draft")
    assert draft.answers == first.answers
    _post_area(owner_client, "trademarks", {"cn_mark_registered": "yes"})
    owner_client.post(reverse("playbooks:questionnaire_submit"))
    second = Assessment.objects.get(company=personas.company, number=first.number + 1)

    items = ActionItem.objects.filter(company=personas.company)
    keys = list(items.filter(status__in=["todo", "in_progress"]).values_list("key", flat=True))
    assert len(keys) == len(set(keys)), "a re-take duplicated an open item"
    closed = items.get(key="register_main_mark_cn")
    assert closed.status == "done"
    assert closed.comments.filter(is_system=True).exists()

    result = owner_client.get(second.get_absolute_url()).content.decode()
    assert f"What changed since #{first.number}" in result
    assert "registered as a trademark in China" in result
    assert Assessment.objects.filter(company=personas.company, status="submitted").count() == 2
    history = owner_client.get(reverse("playbooks:assessment_history")).content.decode()
    assert second.get_absolute_url() in history and first.get_absolute_url() in history


def test_viewers_read_the_answers_but_cannot_change_them(personas, owner_client, viewer_client):
    _answer_everything_badly(owner_client)
    page = viewer_client.get(TRADEMARKS)
    assert page.status_code == 200
    assert b"Only owners and editors can change them" in page.content
    assert b"disabled" in page.content
    assert _post_area(viewer_client, "trademarks", {"cn_mark_registered": "yes"}).status_code == 403
    assert viewer_client.post(reverse("playbooks:questionnaire_submit")).status_code == 403
    draft = Assessment.objects.get(company=personas.company)
    assert draft.answers["cn_mark_registered"] == "no"


def test_the_result_reads_in_chinese(personas, owner_client):
    _answer_everything_badly(owner_client)
    owner_client.post(reverse("playbooks:questionnaire_submit"))
    assessment = Assessment.objects.get(company=personas.company)
    owner_client.post(reverse("core:language_switch"), {"language": "zh-hans"})
    page = owner_client.get(assessment.get_absolute_url()).content.decode()
    assert "商标" in page
    assert "主品牌尚未在国内注册" in page


def test_another_companys_result_is_404(personas, owner_client):
    other = personas.client_for(personas.outsider)
    _answer_everything_badly(other)
    other.post(reverse("playbooks:questionnaire_submit"))
    theirs = Assessment.objects.get(company=personas.other_company)
    assert owner_client.get(theirs.get_absolute_url()).status_code == 404
    assert not Assessment.objects.filter(company=personas.company).exists()

"""A score that cannot hide a critical gap: caps, profile weights, the urgent limit (issue 12).

The bands below are what an IP attorney would expect of each company, not numbers read off the
code: an exporter with no trademark in its export markets is not healthy (ip-rules §1: a Chinese
registration has no effect abroad), nor is a company without any registered mark.
"""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ipguard.playbooks.content import (
    CONTENT_DIR,
    ContentError,
    content_from_documents,
    load_content,
)
from ipguard.playbooks.demo import demo_answers
from ipguard.playbooks.scoring import (
    URGENT_LIMIT,
    action_plan,
    area_weight,
    earned_fraction,
    is_visible,
    score_all,
)

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def real():
    return load_content(CONTENT_DIR)


def _best(question, answers):
    rule = question.scoring
    if rule.method == "values":
        return max(question.choice_values, key=lambda v: rule.values[v])
    if rule.method == "sum":
        return list(rule.values)
    if rule.method == "coverage":
        return [v for v in question.choice_values if v in (answers.get(rule.of) or [])] or [
            question.choice_values[0]
        ]
    if rule.method == "at_least":
        return int(rule.thresholds[-1][0])
    return TODAY


def _company(content, profile, **weak):
    """Every visible scored question at its best answer, except the `weak` ones."""
    answers = dict(profile) | weak
    for _round in range(3):  # answers can reveal further questions
        for question in content.questions:
            if question.is_scored and question.key not in answers and is_visible(question, answers):
                answers[question.key] = _best(question, answers)
    return answers


EXPORTER = {
    "export_markets": ["us", "eu"],
    "sells_online": "yes",
    "online_platforms": ["amazon", "own_web_store"],
    "uses_generative_ai": "yes",
    "runs_open_models": "no",
    "patent_count": 4,
    "revenue_band": "5m_50m_usd",
    "has_rd_projects": "yes",
    "attends_trade_shows_abroad": "yes",
    "uses_industry_standards": "no",
}
HOME_ONLY = EXPORTER | {
    "export_markets": ["none"],
    "sells_online": "no",
    "online_platforms": [],
    "attends_trade_shows_abroad": "no",
    "patent_count": 0,
}

PROFILES = [
    # (name, profile, weak answers, lowest overall, highest overall)
    ("strong exporter", EXPORTER, {}, 81, 100),
    ("strong exporter, no virtual-goods marks", EXPORTER, {"virtual_goods_marks": "no"}, 81, 99),
    ("exporter, no mark in the US or EU", EXPORTER, {"export_mark_coverage": "none"}, 0, 59),
    ("exporter, unsure about export marks", EXPORTER, {"export_mark_coverage": "not_sure"}, 0, 59),
    ("exporter, marks in some markets", EXPORTER, {"export_mark_coverage": "some_markets"}, 50, 79),
    (
        "no mark at all",
        EXPORTER,
        {"cn_mark_registered": "no", "export_mark_coverage": "none"},
        0,
        49,
    ),
    ("home seller, no Chinese mark", HOME_ONLY, {"cn_mark_registered": "no"}, 0, 49),
    ("strong home seller", HOME_ONLY, {}, 81, 100),
    (
        "patents filed abroad without CNIPA review",
        EXPORTER,
        {"patent_filing_routes": "direct_national", "foreign_filing_security_review": "never"},
        0,
        74,
    ),
    ("AI content published unlabelled", EXPORTER, {"ai_content_labelled": "no"}, 0, 79),
    (
        "weak everywhere but registered at home and abroad",
        EXPORTER,
        {
            "trademark_watch": "no",
            "fto_timing": "never",
            "warning_letter_readiness": "no",
            "ip_owner_named": "no",
            "design_originals_kept": "no",
            "takedown_routine": "no",
        },
        40,
        79,
    ),
]


@pytest.mark.parametrize(
    ("profile", "weak", "low", "high"),
    [case[1:] for case in PROFILES],
    ids=[case[0] for case in PROFILES],
)
def test_company_profiles_land_in_their_score_bands(real, profile, weak, low, high):
    health = score_all(real, _company(real, profile, **weak), today=TODAY)
    assert low <= health.overall <= high, health.overall


def test_the_exporter_without_export_marks_no_longer_scores_as_healthy(real):
    # Before issue 12 this company scored 94/100.
    health = score_all(real, _company(real, EXPORTER, export_mark_coverage="none"), today=TODAY)
    assert health.uncapped >= 85 > 59 >= health.overall
    cap = health.cap
    assert (cap.question_key, cap.limit) == ("export_mark_coverage", 59)
    assert cap.summary["en"].startswith("Capped at 59 because your brand is not registered")
    assert (
        cap.summary["zh_hans"].endswith("得分上限为 59 分") and "出口市场" in cap.summary["zh_hans"]
    )
    trademarks = health.area("trademarks")
    assert trademarks.score == 40 and trademarks.cap.limit == 40
    assert trademarks.uncapped > trademarks.score


def test_a_cap_that_does_not_bind_is_listed_but_not_blamed(real):
    answers = _company(real, EXPORTER, cn_mark_registered="no", export_mark_coverage="none")
    health = score_all(real, answers, today=TODAY)
    assert [cap.limit for cap in health.caps] == [49, 59]  # both gaps listed, strictest first
    assert health.cap.question_key == "cn_mark_registered"
    strong = score_all(real, _company(real, EXPORTER), today=TODAY)
    assert strong.caps == () and strong.cap is None and strong.overall == strong.uncapped


def test_area_weights_follow_the_company_profile(real):
    trademarks, enforcement, patents = (
        real.area(key) for key in ("trademarks", "enforcement", "patents")
    )
    assert area_weight(trademarks, EXPORTER) > area_weight(trademarks, HOME_ONLY)
    assert area_weight(enforcement, EXPORTER) > area_weight(enforcement, HOME_ONLY)
    assert area_weight(patents, EXPORTER) > area_weight(patents, HOME_ONLY)
    assert area_weight(trademarks, HOME_ONLY) == trademarks.weight  # no rule holds


def test_urgent_is_kept_for_a_handful_of_the_riskiest_items(real):
    worst = dict(EXPORTER)
    for question in real.questions:
        if question.is_scored and is_visible(question, worst):
            rule = question.scoring
            if rule.method == "values":
                worst[question.key] = min(question.choice_values, key=lambda v: rule.values[v])
    worst |= {"cn_mark_registered": "no", "export_mark_coverage": "none"}
    plan = action_plan(real, worst, today=TODAY)
    templates_urgent = [p for p in plan if p.template.tier == "urgent"]
    assert len(templates_urgent) > URGENT_LIMIT  # the content alone would make many urgent
    urgent = [p for p in plan if p.tier == "urgent"]
    assert len(urgent) == URGENT_LIMIT
    assert {"register_main_mark_cn", "file_madrid_registration"} <= {p.template.key for p in urgent}
    critical = [p for p in plan if p.critical]
    assert plan[: len(critical)] == critical  # critical gaps first
    rest = [p.risk for p in plan[len(critical) :]]
    assert rest == sorted(rest, reverse=True)  # then by risk
    demoted = [p for p in templates_urgent if p.tier != "urgent"]
    assert demoted and all(p.tier == "strategic" for p in demoted)


def test_the_demo_company_is_half_done_and_says_so(real):
    health = score_all(real, demo_answers(real, TODAY), today=TODAY)
    assert 20 <= health.overall <= 80


# ---- the content's critical rules are checked when loaded ----

_AREA = """
version: 1
area:
  key: brand
  order: 1
  weight: 1
  title: {{en: Brand, zh_hans: 品牌}}
  intro: {{en: Brand., zh_hans: 品牌。}}
  {weight_rules}
questions:
  - key: exports
    kind: yes_no
    weight: 0
    text: {{en: "Export?", zh_hans: 出口？}}
    why: {{en: Scope., zh_hans: 范围。}}
    source: test
  - key: mark
    kind: single_choice
    weight: 5
    text: {{en: "Mark?", zh_hans: 商标？}}
    why: {{en: Base., zh_hans: 基础。}}
    source: test
    choices:
      - {{value: all, label: {{en: All, zh_hans: 全部}}}}
      - {{value: some, label: {{en: Some, zh_hans: 部分}}}}
      - {{value: none, label: {{en: None, zh_hans: 无}}}}
    scoring: {{all: 1.0, some: 0.5, none: 0.0}}
    shortfall: {{en: No mark, zh_hans: 无商标}}
    critical:
      - when: {critical_when}
        area_cap: 30
        reason: {{en: no mark, zh_hans: 没有商标}}
"""


def _load(critical_when="{in: [none]}", weight_rules=""):
    text = _AREA.format(critical_when=critical_when, weight_rules=weight_rules)
    return content_from_documents([("brand.yaml", text)])


def test_a_critical_rule_must_also_cover_every_worse_answer():
    assert _load().question("mark").critical[0].values == {"none"}
    with pytest.raises(ContentError, match=r"must be critical too: \['none'\]"):
        _load("{equals: some}")


def test_profile_weights_may_only_test_unscored_questions():
    rules = "weight_rules: [{when: {question: exports, equals: yes}, add: 2}]"
    assert area_weight(_load(weight_rules=rules).area("brand"), {"exports": "yes"}) == 3
    with pytest.raises(ContentError, match="only test unscored"):
        _load(weight_rules="weight_rules: [{when: {question: mark, equals: all}, add: 2}]")


# ---- properties ----


def _answer_strategy(question):
    values = question.choice_values
    if question.kind in ("yes_no", "single_choice"):
        return st.sampled_from(values)
    if question.kind == "multi_choice":
        return st.lists(st.sampled_from(values), unique=True, max_size=len(values))
    if question.kind == "number":
        low = question.min or 0
        return st.integers(low, low + 30)
    return st.dates(TODAY - timedelta(days=900), TODAY)


def _better(question, value, data):
    """A strictly better answer than `value` for a scored question, or None."""
    rule = question.scoring
    if rule.method == "values":
        better = [v for v in question.choice_values if rule.values[v] > rule.values[value]]
        return data.draw(st.sampled_from(better)) if better else None
    if question.kind == "multi_choice":
        missing = [v for v in question.choice_values if v not in (value or [])]
        return [*(value or []), data.draw(st.sampled_from(missing))] if missing else None
    if question.kind == "number":
        return value + data.draw(st.integers(1, 10))
    return value + timedelta(days=data.draw(st.integers(1, 300))) if value < TODAY else None


_REAL = load_content(CONTENT_DIR)


def _scores(answers):
    health = score_all(_REAL, answers, today=TODAY)
    return health.overall, {area.area.key: area.score for area in health.areas}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_improving_any_answer_never_lowers_a_score(data):
    answers = {q.key: data.draw(_answer_strategy(q), label=q.key) for q in _REAL.questions}
    visible = [q for q in _REAL.questions if q.is_scored and is_visible(q, answers)]
    assume(visible)
    question = data.draw(st.sampled_from(visible), label="improved")
    better = _better(question, answers[question.key], data)
    assume(better is not None)
    improved = answers | {question.key: better}
    before_fraction = earned_fraction(question, answers, today=TODAY)
    after_fraction = earned_fraction(question, improved, today=TODAY)
    # None: the answer does not count (e.g. the question does not apply); no "better" to compare.
    assume(before_fraction is not None and after_fraction is not None)
    assume(after_fraction > before_fraction)
    shown_before = {q.key for q in _REAL.questions if is_visible(q, answers)}
    shown_after = {q.key for q in _REAL.questions if is_visible(q, improved)}
    assume(shown_before <= shown_after)
    for key in shown_after - shown_before:  # questions it reveals are answered at their best
        improved[key] = (
            _best(_REAL.question(key), improved)
            if _REAL.question(key).is_scored
            else (improved[key])
        )
    overall, areas = _scores(answers)
    better_overall, better_areas = _scores(improved)
    assert better_overall >= overall
    for key, score in areas.items():
        assert better_areas[key] >= score, key


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_capped_score_never_exceeds_its_caps_or_its_uncapped_score(data):
    answers = {q.key: data.draw(_answer_strategy(q), label=q.key) for q in _REAL.questions}
    health = score_all(_REAL, answers, today=TODAY)
    assert health.overall <= health.uncapped
    assert all(health.overall <= cap.limit for cap in health.caps)
    assert (health.cap is None) == (health.overall == health.uncapped)
    for area in health.areas:
        assert area.score <= area.uncapped
        assert all(area.score <= cap.limit for cap in area.caps)


# ---- through the service and the result page ----


@pytest.mark.django_db
def test_the_result_page_says_what_capped_the_score_in_both_languages(personas, owner_client):
    from django.urls import reverse

    from ipguard.actions.models import ActionItem
    from ipguard.playbooks.models import Assessment
    from ipguard.playbooks.services.assessments import (
        assessment_save_answers,
        assessment_start,
        assessment_submit,
    )

    answers = _company(_REAL, EXPORTER, export_mark_coverage="none")
    answers = {k: v.isoformat() if isinstance(v, date) else v for k, v in answers.items()}
    draft = assessment_start(company=personas.company, user=personas.owner)
    assessment_save_answers(assessment=draft, answers=answers)
    assessment = assessment_submit(assessment=draft, user=personas.owner, today=TODAY)

    assert assessment.overall_score == 59
    record = Assessment.objects.get(pk=assessment.pk).scores
    assert record["cap"]["limit"] == 59 and record["overall_uncapped"] >= 85
    assert record["cap"]["summary"]["en"].startswith("Capped at 59 because")
    trademarks = next(a for a in record["areas"] if a["key"] == "trademarks")
    assert trademarks["cap"]["limit"] == 40 and trademarks["uncapped_score"] > 40
    assert trademarks["weight"] == 6  # 3, +2 for an exporter, +1 for an online seller

    page = owner_client.get(assessment.get_absolute_url()).content.decode()
    assert "Capped at 59 because your brand is not registered in your export markets" in page
    assert "Capped at 40 because" in page and "Critical gaps" in page
    owner_client.post(reverse("core:language_switch"), {"language": "zh-hans"})
    page = owner_client.get(assessment.get_absolute_url()).content.decode()
    assert "得分上限为 59 分" in page and "关键缺口" in page

    urgent = ActionItem.objects.filter(company=personas.company, tier="urgent")
    assert 1 <= urgent.count() <= URGENT_LIMIT
    assert urgent.filter(key="file_madrid_registration").exists()

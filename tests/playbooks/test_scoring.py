"""Skip logic, scores, deductions, triggered actions and due dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipguard.playbooks.content import CONTENT_DIR, load_content
from ipguard.playbooks.scoring import (
    TIER_MONTHS,
    answer_value,
    due_date_for,
    earned_fraction,
    is_visible,
    score_all,
    score_area,
    triggered_actions,
    visible_questions,
)

TODAY = date(2025, 6, 30)

# A small hand-made content: numbers chosen so every score can be worked out by hand.
BRAND = """
version: 1
area:
  key: brand
  order: 1
  weight: 3
  title: {en: Brand, zh_hans: 品牌}
  intro: {en: Your brand., zh_hans: 您的品牌。}
questions:
  - key: markets
    kind: multi_choice
    weight: 0
    text: {en: "Markets?", zh_hans: 市场？}
    why: {en: Scope., zh_hans: 范围。}
    source: test
    choices:
      - {value: none, label: {en: None, zh_hans: 无}}
      - {value: us, label: {en: US, zh_hans: 美国}}
      - {value: eu, label: {en: EU, zh_hans: 欧盟}}
  - key: online
    kind: yes_no
    weight: 0
    text: {en: "Online?", zh_hans: 线上？}
    why: {en: Scope., zh_hans: 范围。}
    source: test
  - key: platforms
    kind: multi_choice
    weight: 0
    depends_on: {question: online, equals: yes}
    text: {en: "Platforms?", zh_hans: 平台？}
    why: {en: Scope., zh_hans: 范围。}
    source: test
    choices:
      - {value: amazon, label: {en: Amazon, zh_hans: 亚马逊}}
      - {value: temu, label: {en: Temu, zh_hans: Temu}}
      - {value: own_store, label: {en: Own store, zh_hans: 独立站}}
  - key: madrid
    kind: yes_no
    weight: 12
    depends_on: {question: markets, not_in: [none]}
    text: {en: "Madrid registration?", zh_hans: 马德里注册？}
    why: {en: Abroad., zh_hans: 海外。}
    source: test
    scoring: {yes: 1, not_sure: 0.25, no: 0}
    shortfall: {en: No Madrid registration for your export markets, zh_hans: 出口市场没有马德里注册}
    actions:
      - key: file_madrid
        tier: urgent
        when: {in: [no, not_sure]}
        title: {en: File Madrid, zh_hans: 提交马德里申请}
        why: {en: Protection., zh_hans: 保护。}
        steps: {en: [File.], zh_hans: [申请。]}
        source: test
  - key: filed
    kind: multi_choice
    weight: 8
    depends_on: {question: platforms, contains_any: [amazon, temu]}
    text: {en: "Filed where?", zh_hans: 在哪里备案？}
    why: {en: Takedowns., zh_hans: 下架。}
    source: test
    choices:
      - {value: amazon, label: {en: Amazon, zh_hans: 亚马逊}}
      - {value: temu, label: {en: Temu, zh_hans: Temu}}
    scoring: {coverage_of: platforms}
    shortfall: {en: Not filed on every platform, zh_hans: 部分平台未备案}
    actions:
      - key: file_on_platforms
        tier: urgent
        when: {score_below: 1}
        title: {en: File on platforms, zh_hans: 平台备案}
        why: {en: Takedowns., zh_hans: 下架。}
        steps: {en: [File.], zh_hans: [备案。]}
        source: test
  - key: staff
    kind: number
    weight: 4
    depends_on: {question: markets, not_in: [none]}
    min: 0
    max: 50
    text: {en: "IP staff?", zh_hans: 知识产权人员？}
    why: {en: People., zh_hans: 人员。}
    source: test
    scoring: {at_least: {1: 0.5, 2: 1.0}}
    shortfall: {en: Too few IP staff, zh_hans: 人员不足}
    actions:
      - key: train_staff
        tier: strategic
        when: {lt: 2}
        title: {en: Train staff, zh_hans: 培训人员}
        why: {en: People., zh_hans: 人员。}
        steps: {en: [Train.], zh_hans: [培训。]}
        source: test
"""

PEOPLE = """
version: 1
area:
  key: people
  order: 2
  weight: 1
  title: {en: People, zh_hans: 人员}
  intro: {en: Your people., zh_hans: 您的人员。}
questions:
  - key: reviewed
    kind: date
    weight: 10
    text: {en: "Last review?", zh_hans: 上次检视？}
    why: {en: Freshness., zh_hans: 时效。}
    source: test
    scoring: {within_days: {100: 1.0, 400: 0.5}}
    shortfall: {en: Review out of date, zh_hans: 检视已过时}
    actions:
      - key: review_now
        tier: urgent
        when: {score_below: 0.6}
        title: {en: Review now, zh_hans: 立即检视}
        why: {en: Freshness., zh_hans: 时效。}
        steps: {en: [Review.], zh_hans: [检视。]}
        source: test
  - key: owner
    kind: single_choice
    weight: 6
    text: {en: "IP owner?", zh_hans: 负责人？}
    why: {en: Ownership., zh_hans: 归属。}
    source: test
    choices:
      - {value: named, label: {en: Named, zh_hans: 已指定}}
      - {value: nobody, label: {en: Nobody, zh_hans: 无人}}
    scoring: {named: 1, nobody: 0}
    shortfall: {en: Nobody owns IP, zh_hans: 无人负责}
    actions:
      - key: name_owner
        tier: long_term
        due_in_days: 730
        when: {equals: nobody}
        title: {en: Name an owner, zh_hans: 指定负责人}
        why: {en: Ownership., zh_hans: 归属。}
        steps: {en: [Name.], zh_hans: [指定。]}
        source: test
"""

TINY = """
version: 1
area:
  key: tiny
  order: 3
  weight: 1
  title: {en: Tiny, zh_hans: 微小}
  intro: {en: Rounding., zh_hans: 取整。}
questions:
  - key: big
    kind: yes_no
    weight: 1000
    text: {en: "Big?", zh_hans: 大？}
    why: {en: Big., zh_hans: 大。}
    source: test
    scoring: {yes: 1, not_sure: 0, no: 0}
    shortfall: {en: Big missing, zh_hans: 缺大项}
    actions: []
  - key: small
    kind: yes_no
    weight: 1
    text: {en: "Small?", zh_hans: 小？}
    why: {en: Small., zh_hans: 小。}
    source: test
    scoring: {yes: 1, not_sure: 0, no: 0}
    shortfall: {en: Small missing, zh_hans: 缺小项}
"""


@pytest.fixture(scope="module")
def real():
    return load_content(CONTENT_DIR)


@pytest.fixture
def small(tmp_path):
    for name, text in [("brand.yaml", BRAND), ("people.yaml", PEOPLE), ("tiny.yaml", TINY)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_content(tmp_path)


def _visible_keys(content, area_key, answers):
    return [question.key for question in visible_questions(content, area_key, answers)]


# ---- skip logic on the real content ----


def test_a_company_that_exports_nowhere_is_not_asked_about_madrid(real):
    madrid = real.question("export_mark_coverage")
    assert not is_visible(madrid, {"export_markets": ["none"]})
    assert not is_visible(madrid, {})  # not answered yet: wait for the profile
    assert is_visible(madrid, {"export_markets": ["us", "eu"]})
    abroad = ["local_counsel", "customs_recordal", "lot_network_decision"]
    home_only = _visible_keys(real, "enforcement", {"export_markets": ["none"]})
    assert not set(abroad) & set(home_only)


def test_platform_questions_appear_only_for_online_sellers(real):
    offline = {"sells_online": "no", "online_platforms": ["amazon"]}  # stale platform answer
    online = {"sells_online": "yes", "online_platforms": ["amazon", "own_web_store"]}
    assert not is_visible(real.question("online_platforms"), offline)
    assert "platform_ip_filing" not in _visible_keys(real, "enforcement", offline)
    assert "takedown_routine" not in _visible_keys(real, "enforcement", offline)
    assert {"platform_ip_filing", "online_copy_monitoring", "takedown_routine"} <= set(
        _visible_keys(real, "enforcement", online)
    )
    own_store_only = {"sells_online": "yes", "online_platforms": ["own_web_store"]}
    assert "platform_ip_filing" not in _visible_keys(real, "enforcement", own_store_only)


def test_ai_licence_questions_appear_only_for_generative_ai_users(real):
    assert _visible_keys(real, "ai_compliance", {"uses_generative_ai": "no"}) == []
    users = _visible_keys(real, "ai_compliance", {"uses_generative_ai": "yes"})
    assert "ai_tool_licences" in users and "open_model_licences" not in users
    with_models = {"uses_generative_ai": "yes", "runs_open_models": "yes"}
    assert "open_model_licences" in _visible_keys(real, "ai_compliance", with_models)


def test_a_question_whose_dependency_is_hidden_is_hidden_too(real):
    licences = real.question("open_model_licences")
    # runs_open_models was answered "yes", but is hidden once the company stops using AI.
    assert not is_visible(licences, {"uses_generative_ai": "no", "runs_open_models": "yes"})
    refresh = real.question("fto_refresh")
    assert not is_visible(refresh, {"has_rd_projects": "no", "fto_timing": "at_project_start"})
    assert is_visible(refresh, {"has_rd_projects": "yes", "fto_timing": "at_project_start"})


def test_any_of_shows_a_question_when_one_visible_branch_holds(real):
    platform = real.question("evidence_platform_recognised")
    via_trademarks = {"has_rd_projects": "no", "core_trademark_evidence": "yes"}
    via_stale_hidden_answer = {"has_rd_projects": "no", "dual_track_evidence": "both"}
    assert is_visible(platform, via_trademarks)
    assert not is_visible(platform, via_stale_hidden_answer)


# ---- scores on the hand-made content ----


def test_area_score_arithmetic_and_readable_deductions(small):
    answers = {
        "markets": ["us"],
        "madrid": "not_sure",  # 12 * 0.25 = 3 earned, 9 lost
        "online": "yes",
        "platforms": ["amazon", "temu", "own_store"],
        "filed": ["amazon"],  # amazon of (amazon, temu): 4 of 8
        "staff": 1,  # 0.5 * 4 = 2 earned
    }
    score = score_area(small, "brand", answers)
    assert (score.earned, score.possible, score.score) == (9.0, 24.0, 38)  # 37.5 rounds up
    assert [(d.question_key, d.points_lost) for d in score.deductions] == [
        ("madrid", 9.0),
        ("filed", 4.0),
        ("staff", 2.0),
    ]
    madrid = score.deductions[0]
    assert madrid.answer == "not_sure" and not madrid.unanswered
    assert madrid.summary["en"] == "No Madrid registration for your export markets: -9 points"
    assert madrid.summary["zh_hans"] == "出口市场没有马德里注册：扣 9 分"
    assert madrid.explanation["en"] == "No Madrid registration for your export markets"


def test_unanswered_visible_questions_lose_points_and_are_flagged(small):
    score = score_area(small, "brand", {"markets": ["us"], "madrid": "yes"})
    assert (score.earned, score.possible, score.score) == (12.0, 16.0, 75)
    (staff,) = score.deductions
    assert staff.question_key == "staff" and staff.unanswered and staff.answer is None
    assert staff.points_lost == 4.0
    assert staff.summary["en"] == "Not answered yet: IP staff?: -4 points"
    assert (score.answered, score.unanswered) == (1, 1)


def test_hidden_questions_do_not_count_even_with_a_stale_answer(small):
    answers = {"markets": ["none"], "madrid": "no", "staff": 0}  # madrid and staff are hidden
    answers |= {"online": "yes", "platforms": ["amazon"], "filed": ["amazon"]}
    score = score_area(small, "brand", answers)
    assert (score.earned, score.possible, score.score, score.deductions) == (8.0, 8.0, 100, ())


def test_answers_that_do_not_fit_the_question_count_as_unanswered(small):
    assert answer_value(small.question("staff"), {"staff": 51}) is None  # above max
    assert answer_value(small.question("staff"), {"staff": True}) is None
    assert answer_value(small.question("madrid"), {"madrid": "maybe"}) is None
    assert answer_value(small.question("platforms"), {"platforms": ["amazon", "gone"]}) == [
        "amazon"
    ]
    score = score_area(small, "brand", {"markets": ["us"], "madrid": "perhaps", "staff": 2})
    assert score.deductions[0].unanswered and score.deductions[0].points_lost == 12


def test_dates_score_by_age_on_a_fixed_day(small):
    reviewed = small.question("reviewed")
    fraction = [
        earned_fraction(reviewed, {"reviewed": TODAY - timedelta(days=days)}, today=TODAY)
        for days in (0, 100, 101, 400, 401, -30)
    ]
    assert fraction == [1.0, 1.0, 0.5, 0.5, 0.0, 1.0]  # a future date counts as today


def test_an_area_with_nothing_visible_scores_100_and_stays_out_of_the_overall(small):
    answers = {"markets": ["none"], "online": "no", "reviewed": TODAY, "owner": "nobody"}
    brand = score_area(small, "brand", {"markets": ["none"], "online": "no"})
    assert (brand.score, brand.possible, brand.applicable) == (100, 0, False)
    health = score_all(small, answers, today=TODAY)
    # Only "people" (10 of 16 = 62.5, rounded half up) and the unanswered "tiny" area count.
    assert health.area("people").score == 63
    assert health.area("tiny").score == 0
    assert health.overall == 31  # (1 * 10/16 + 1 * 0) / 2 = 0.3125; brand's weight 3 is left out


def test_overall_is_weighted_by_area_weight(small):
    answers = {
        "markets": ["us"],
        "madrid": "yes",
        "online": "no",
        "staff": 2,  # brand: 16 of 16, weight 3
        "reviewed": TODAY - timedelta(days=200),
        "owner": "nobody",  # people: 5 of 16, weight 1
        "big": "yes",
        "small": "yes",  # tiny: 1001 of 1001, weight 1
    }
    health = score_all(small, answers, today=TODAY)
    assert [area.score for area in health.areas] == [100, 31, 100]
    assert health.overall == 86  # (3 * 1 + 1 * 5/16 + 1 * 1) / 5 = 0.8625
    assert [d.question_key for d in health.deductions] == ["owner", "reviewed"]


def test_scores_never_round_to_100_with_points_missing_or_to_0_with_points_earned(small):
    nearly = score_area(small, "tiny", {"big": "yes", "small": "no"})
    barely = score_area(small, "tiny", {"big": "no", "small": "yes"})
    assert (nearly.score, barely.score) == (99, 1)


# ---- triggered actions ----


def test_actions_follow_the_answers_and_only_for_visible_questions(small):
    answers = {
        "markets": ["us"],
        "madrid": "no",
        "online": "yes",
        "platforms": ["amazon", "temu"],
        "filed": ["amazon"],
        "staff": 1,
        "reviewed": TODAY - timedelta(days=300),
        "owner": "nobody",
    }
    triggered = triggered_actions(small, answers, today=TODAY)
    assert [(t.template.key, t.question_key) for t in triggered] == [
        ("file_madrid", "madrid"),
        ("file_on_platforms", "filed"),
        ("train_staff", "staff"),
        ("review_now", "reviewed"),
        ("name_owner", "owner"),
    ]
    fixed = {**answers, "markets": ["none"], "filed": ["amazon", "temu"], "staff": 2}
    fixed |= {"reviewed": TODAY, "owner": "named"}
    assert triggered_actions(small, fixed, today=TODAY) == []  # madrid hidden: its "no" is stale


def test_unanswered_questions_trigger_no_action(small):
    keys = [t.template.key for t in triggered_actions(small, {"markets": ["us"], "online": "yes"})]
    assert keys == []


def _everything_visible_profile():
    return {
        "export_markets": ["us", "eu"],
        "sells_online": "yes",
        "online_platforms": ["amazon", "temu", "own_web_store"],
        "uses_generative_ai": "yes",
        "runs_open_models": "yes",
        "patent_count": 20,
        "revenue_band": "50m_500m_usd",
        "has_rd_projects": "yes",
        "attends_trade_shows_abroad": "yes",
        "uses_industry_standards": "yes",
    }


def _best_answer(question, answers):
    rule = question.scoring
    if rule.method == "values":
        return max(rule.values, key=rule.values.get)
    if rule.method == "sum":
        return list(rule.values)
    if rule.method == "coverage":
        return [v for v in question.choice_values if v in answers[rule.of]]
    if rule.method == "at_least":
        return int(rule.thresholds[-1][0])
    return TODAY


def _worst_answer(question, answers):
    rule = question.scoring
    if rule.method == "values":
        return min(rule.values, key=rule.values.get)
    if rule.method in ("sum", "coverage"):
        return [v for v in question.choice_values if v not in answers.get(rule.of, [])][:1]
    if rule.method == "at_least":
        return question.min or 0
    return TODAY - timedelta(days=3650)


def _answer_everything(content, pick):
    answers = _everything_visible_profile()
    for question in content.questions:
        if question.is_scored and is_visible(question, answers):
            answers[question.key] = pick(question, answers)
    return answers


def test_a_perfect_company_scores_100_and_gets_no_actions(real):
    answers = _answer_everything(real, _best_answer)
    health = score_all(real, answers, today=TODAY)
    assert health.overall == 100
    assert all(area.score == 100 for area in health.areas)
    assert triggered_actions(real, answers, today=TODAY) == []


def test_every_shortfall_of_the_real_content_leads_to_an_action(real):
    answers = _answer_everything(real, _worst_answer)
    triggered = {t.question_key for t in triggered_actions(real, answers, today=TODAY)}
    lost = {d.question_key for d in score_all(real, answers, today=TODAY).deductions}
    assert lost and lost <= triggered
    health = score_all(real, answers, today=TODAY)
    assert health.overall == 0
    assert "file_ip_on_platforms" in {
        t.template.key for t in triggered_actions(real, answers, today=TODAY)
    }


# ---- due dates ----


@pytest.mark.parametrize(
    ("tier", "start", "due"),
    [
        ("urgent", date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        ("urgent", date(2023, 1, 31), date(2023, 2, 28)),
        ("urgent", date(2024, 12, 15), date(2025, 1, 15)),  # across the year end
        ("strategic", date(2023, 8, 31), date(2024, 2, 29)),
        ("strategic", date(2022, 8, 31), date(2023, 2, 28)),
        ("strategic", date(2025, 3, 31), date(2025, 9, 30)),
        ("long_term", date(2024, 2, 29), date(2025, 2, 28)),
        ("long_term", date(2023, 2, 28), date(2024, 2, 28)),
    ],
)
def test_due_dates_clamp_at_month_ends(tier, start, due):
    assert due_date_for(tier, start) == due


def test_an_explicit_number_of_days_overrides_the_tier():
    assert due_date_for("long_term", date(2024, 1, 1), 730) == date(2025, 12, 31)
    assert due_date_for("long_term", date(2024, 1, 1), 365) == date(2024, 12, 31)


def test_an_unknown_tier_is_refused():
    with pytest.raises(ValueError, match="unknown tier 'someday'"):
        due_date_for("someday", date(2024, 1, 1))


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    tier=st.sampled_from(sorted(TIER_MONTHS)),
)
def test_due_dates_land_the_right_number_of_months_later(start, tier):
    due = due_date_for(tier, start)
    months = (due.year - start.year) * 12 + due.month - start.month
    assert months == TIER_MONTHS[tier]
    assert due.day == start.day or (due.day < start.day and (due + timedelta(days=1)).day == 1)


def test_platform_filing_is_scored_against_the_platforms_you_sell_on(real):
    answers = {
        "sells_online": "yes",
        "online_platforms": ["amazon", "temu", "own_web_store"],  # no IP programme on own store
        "platform_ip_filing": ["amazon"],
    }
    filing = real.question("platform_ip_filing")
    assert earned_fraction(filing, answers) == 0.5
    keys = [t.template.key for t in triggered_actions(real, answers)]
    assert "file_ip_on_platforms" in keys
    covered = answers | {"platform_ip_filing": ["amazon", "temu"]}
    assert earned_fraction(filing, covered) == 1.0
    assert "file_ip_on_platforms" not in [t.template.key for t in triggered_actions(real, covered)]


def test_the_ai_area_does_not_apply_to_a_company_without_generative_ai(real):
    health = score_all(real, {"uses_generative_ai": "no"}, today=TODAY)
    ai = health.area("ai_compliance")
    assert (ai.score, ai.applicable, ai.deductions) == (100, False, ())

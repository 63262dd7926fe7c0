"""The checklist content: the real files load and are complete; broken files fail precisely."""

import copy
import pickle
import re

import pytest
import yaml

from ipguard.playbooks.alliance import REVENUE_BANDS, AllianceFacts, recommend
from ipguard.playbooks.content import (
    CONTENT_DIR,
    KINDS,
    LANGUAGES,
    TIERS,
    ContentError,
    load_content,
)
from ipguard.playbooks.incidents import load_incidents
from ipguard.playbooks.scoring import is_visible

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT_DIR)


def _texts_of(content):
    """(where, bilingual text) for every user-facing text of the content."""
    for area in content.areas:
        yield f"area {area.key} title", area.title
        yield f"area {area.key} intro", area.intro
    for question in content.questions:
        yield f"{question.key} text", question.text
        yield f"{question.key} why", question.why
        if question.shortfall is not None:
            yield f"{question.key} shortfall", question.shortfall
        for choice in question.choices:
            yield f"{question.key} choice {choice.value}", choice.label
        for action in question.actions:
            yield f"action {action.key} title", action.title
            yield f"action {action.key} why", action.why


# ---- the real content ----


def test_the_real_content_loads_with_enough_areas_and_questions(content):
    assert len(content.questions) >= 40
    assert {"trademarks", "patents", "evidence", "ai_compliance", "enforcement", "alliances"} | {
        "governance"
    } <= {area.key for area in content.areas}
    assert len([area for area in content.areas if area.key != "profile"]) >= 7
    assert [area.order for area in content.areas] == sorted(area.order for area in content.areas)
    assert content.areas[0].key == "profile"  # profile questions come first: others depend on them


def test_every_text_has_english_and_natural_chinese(content):
    for where, text in _texts_of(content):
        assert set(text) == set(LANGUAGES), where
        assert text["en"].strip() and text["zh_hans"].strip(), where
        assert CJK.search(text["zh_hans"]) or text["zh_hans"] == text["en"], where
        assert not CJK.search(text["en"]), where


def test_every_action_has_the_same_number_of_concrete_steps_in_both_languages(content):
    assert len(content.actions) >= 40
    for action in content.actions:
        assert action.tier in TIERS
        assert len(action.steps["en"]) == len(action.steps["zh_hans"]) >= 2, action.key
        assert all(CJK.search(step) for step in action.steps["zh_hans"]), action.key
        assert action.source.strip()


def test_keys_are_unique_and_every_question_is_well_formed(content):
    question_keys = [question.key for question in content.questions]
    action_keys = [action.key for action in content.actions]
    assert len(set(question_keys)) == len(question_keys)
    assert len(set(action_keys)) == len(action_keys)
    for question in content.questions:
        assert question.kind in KINDS
        assert question.source.strip()
        assert content.question(question.key) is question
        if question.kind in ("single_choice", "multi_choice"):
            assert len(question.choices) >= 2
        if question.is_scored:
            assert question.shortfall is not None and question.scoring is not None
            assert question.actions, f"{question.key} loses points but suggests no action"


def test_company_profile_questions_drive_the_skip_logic(content):
    kinds = {
        "export_markets": "multi_choice",
        "sells_online": "yes_no",
        "online_platforms": "multi_choice",
        "uses_generative_ai": "yes_no",
        "patent_count": "number",
        "revenue_band": "single_choice",
    }
    for key, kind in kinds.items():
        assert content.question(key).kind == kind
        assert content.question(key).area_key == "profile"
        assert not content.question(key).is_scored
    markets = content.question("export_markets").choice_values
    assert markets == ("none", "us", "eu", "uk", "jp", "kr", "southeast_asia", "other")
    platforms = set(content.question("online_platforms").choice_values)
    assert {"amazon", "aliexpress", "tmall_taobao", "shopee", "temu", "own_web_store"} <= platforms
    assert content.question("revenue_band").choice_values == REVENUE_BANDS
    madrid = content.question("export_mark_coverage").depends_on
    assert (madrid.op, madrid.question, madrid.value) == ("not_in", "export_markets", ("none",))


def test_the_guides_must_do_list_keeps_its_urgency(content):
    tiers = {action.key: action.tier for action in content.actions}
    urgent = [
        "audit_website_copyright",  # copyright status of the website
        "review_ai_marketing_images",  # ... and of AI promotional images
        "file_ip_on_platforms",  # IP filing on major e-commerce platforms
        "deposit_trademark_use_evidence",  # blockchain evidence for core trademarks
    ]
    strategic = ["write_ai_usage_manual", "review_patent_pools", "train_tech_ip_staff"]
    long_term = [
        "register_virtual_goods_marks",
        "set_up_invention_management",
        "schedule_quarterly_health_checks",
    ]
    assert [tiers[key] for key in urgent] == ["urgent"] * 4
    assert [tiers[key] for key in strategic] == ["strategic"] * 3
    assert [tiers[key] for key in long_term] == ["long_term"] * 3


def test_the_guides_are_all_covered(content):
    sources = " ".join(question.source for question in content.questions)
    for needle in [
        "002 basic package",
        "002 enhanced package",
        "002 must-do list, urgent",
        "002 must-do list, strategic",
        "002 must-do list, long term",
        "001 FTO at project start",
        "001 competitor patent watch",
        "001 trade-show",
        "001 warning letters",
        "001 local law firms",
        "000 LOT Network",
        "ip-rules §5",
    ]:
        assert needle in sources, needle


def test_content_is_read_only_but_can_be_cached_and_copied(content):
    question = content.question("export_mark_coverage")
    with pytest.raises(TypeError):
        question.text["en"] = "changed"
    assert pickle.loads(pickle.dumps(content)).question("export_mark_coverage") == question
    assert copy.deepcopy(question.actions[0]).steps == question.actions[0].steps


# ---- broken files ----


def _area(key="brand", order=1):
    return {
        "version": 1,
        "area": {
            "key": key,
            "order": order,
            "weight": 1,
            "title": {"en": "Brand", "zh_hans": "品牌"},
            "intro": {"en": "About the brand.", "zh_hans": "关于品牌。"},
        },
        "questions": [
            {
                "key": f"{key}_sells",
                "kind": "yes_no",
                "weight": 0,
                "text": {"en": "Do you sell?", "zh_hans": "是否销售？"},
                "why": {"en": "Because.", "zh_hans": "因为。"},
                "source": "test",
            },
            {
                "key": f"{key}_registered",
                "kind": "yes_no",
                "weight": 5,
                "depends_on": {"question": f"{key}_sells", "equals": "yes"},
                "text": {"en": "Registered?", "zh_hans": "是否注册？"},
                "why": {"en": "Because.", "zh_hans": "因为。"},
                "source": "test",
                "scoring": {"yes": 1, "not_sure": 0.25, "no": 0},
                "shortfall": {"en": "Not registered", "zh_hans": "未注册"},
                "actions": [
                    {
                        "key": f"{key}_register",
                        "tier": "urgent",
                        "when": {"in": ["no", "not_sure"]},
                        "title": {"en": "Register", "zh_hans": "注册"},
                        "why": {"en": "Protection.", "zh_hans": "保护。"},
                        "steps": {"en": ["File it."], "zh_hans": ["提交申请。"]},
                        "source": "test",
                    }
                ],
            },
        ],
    }


def _write(directory, name, data):
    (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _load_error(directory):
    with pytest.raises(ContentError) as raised:
        load_content(directory)
    return str(raised.value)


def test_a_small_valid_directory_loads(tmp_path):
    _write(tmp_path, "brand.yaml", _area())
    loaded = load_content(tmp_path)
    assert [q.key for q in loaded.questions_for("brand")] == ["brand_sells", "brand_registered"]
    assert loaded.question("brand_registered").actions[0].key == "brand_register"


def _missing_translation(data):
    del data["questions"][1]["text"]["zh_hans"]


def _unknown_kind(data):
    data["questions"][1]["kind"] = "slider"


def _unknown_dependency(data):
    data["questions"][1]["depends_on"] = {"question": "nope", "equals": "yes"}


def _later_dependency(data):
    data["questions"][0]["depends_on"] = {"question": "brand_registered", "equals": "yes"}


def _choices_missing(data):
    data["questions"][0]["kind"] = "single_choice"


def _unknown_tier(data):
    data["questions"][1]["actions"][0]["tier"] = "someday"


def _bad_weight(data):
    data["questions"][1]["weight"] = -3


def _scoring_unknown_value(data):
    data["questions"][1]["scoring"]["maybe"] = 0.5


def _scoring_missing_value(data):
    del data["questions"][1]["scoring"]["not_sure"]


def _invalid_condition(data):
    data["questions"][1]["depends_on"] = {"question": "brand_sells", "contains": "yes"}


def _bad_condition_value(data):
    data["questions"][1]["depends_on"] = {"question": "brand_sells", "equals": "maybe"}


def _due_in_days_outside_tier(data):
    data["questions"][1]["actions"][0]["due_in_days"] = 400


def _steps_differ(data):
    data["questions"][1]["actions"][0]["steps"]["en"].append("Then renew it.")


def _shortfall_missing(data):
    del data["questions"][1]["shortfall"]


def _typo_in_field(data):
    data["questions"][1]["weigth"] = 5


@pytest.mark.parametrize(
    ("breakage", "entry", "problem"),
    [
        (_missing_translation, "question 'brand_registered'", "missing its zh_hans translation"),
        (_unknown_kind, "question 'brand_registered'", "unknown kind 'slider'"),
        (_unknown_dependency, "question 'brand_registered'", "unknown question 'nope'"),
        (_later_dependency, "question 'brand_sells'", "which is asked later"),
        (_choices_missing, "question 'brand_sells'", "need a list of at least 2 choices"),
        (_unknown_tier, "action 'brand_register'", "unknown tier 'someday'"),
        (_bad_weight, "question 'brand_registered'", "weight must be a number >= 0"),
        (_scoring_unknown_value, "question 'brand_registered'", "unknown choice value 'maybe'"),
        (_scoring_missing_value, "question 'brand_registered'", "no fraction for not_sure"),
        (_invalid_condition, "question 'brand_registered'", "'contains' does not work on yes_no"),
        (_bad_condition_value, "question 'brand_registered'", "'maybe' is not an answer"),
        (_due_in_days_outside_tier, "action 'brand_register'", "due_in_days must be"),
        (_steps_differ, "action 'brand_register'", "differ in length between languages"),
        (_typo_in_field, "question 'brand_registered'", "unknown field 'weigth'"),
        (_shortfall_missing, "question 'brand_registered'", "needs a shortfall text"),
    ],
)
def test_a_broken_file_names_the_file_the_entry_and_the_problem(tmp_path, breakage, entry, problem):
    data = _area()
    breakage(data)
    _write(tmp_path, "broken.yaml", data)
    message = _load_error(tmp_path)
    line = next((line for line in message.splitlines() if problem in line), None)
    assert line is not None, message
    assert line.startswith("broken.yaml: ") and entry in line


def test_a_duplicate_key_in_another_file_names_both_files(tmp_path):
    _write(tmp_path, "a_brand.yaml", _area())
    second = _area(key="people", order=2)
    second["questions"][1]["key"] = "brand_registered"
    _write(tmp_path, "b_people.yaml", second)
    message = _load_error(tmp_path)
    assert "b_people.yaml: question 'brand_registered': duplicate key (also in a_brand.yaml)" in (
        message
    )


def test_a_key_repeated_inside_one_yaml_mapping_is_caught(tmp_path):
    text = yaml.safe_dump(_area(), allow_unicode=True).replace(
        "  weight: 1\n", "  weight: 1\n  weight: 2\n", 1
    )
    (tmp_path / "twice.yaml").write_text(text, encoding="utf-8")
    message = _load_error(tmp_path)
    assert message.startswith("twice.yaml: file: cannot be read as YAML")
    assert "key 'weight' appears twice" in message


def test_nothing_is_half_loaded_and_every_problem_is_reported(tmp_path):
    _write(tmp_path, "a_good.yaml", _area())
    bad = _area(key="people", order=2)
    _missing_translation(bad)
    _unknown_tier(bad)
    _write(tmp_path, "b_bad.yaml", bad)
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path)
    problems = raised.value.problems
    assert len(problems) == 2
    assert all(problem.startswith("b_bad.yaml: ") for problem in problems)


def test_a_dependency_on_a_broken_question_says_so(tmp_path):
    data = _area()
    data["questions"][0]["kind"] = "slider"
    _write(tmp_path, "broken.yaml", data)
    message = _load_error(tmp_path)
    assert "question 'brand_sells': unknown kind 'slider'" in message
    assert "refers to question 'brand_sells', which has errors of its own" in message


def test_bare_yes_and_no_are_answers_not_booleans(tmp_path):
    text = yaml.safe_dump(_area(), allow_unicode=True)
    assert "equals: 'yes'" in text
    (tmp_path / "bare.yaml").write_text(text.replace("'yes'", "yes"), encoding="utf-8")
    loaded = load_content(tmp_path)
    assert loaded.question("brand_registered").depends_on.value == "yes"


def test_an_empty_directory_is_an_error(tmp_path):
    assert "no area files" in _load_error(tmp_path)


# ---- corrected statements (issue 12; ip-rules §5 and §7) ----


def _all_words(content, language):
    """Every sentence a user can read in `language`: questions, actions, incidents, advisor."""
    parts = [text[language] for _where, text in _texts_of(content)]
    for action in content.actions:
        parts.extend(action.steps[language])
    for playbook in load_incidents():
        parts += [playbook.title[language], playbook.summary[language]]
        for step in playbook.steps:
            parts += [step.title[language], step.why[language], *step.steps[language]]
    for facts in [
        {"patent_count": 9, "plans_to_sell_or_license_patents": True, "revenue_band": band}
        | {"trade_restriction_exposure": True, "past_pae_assertion": pae}
        | {"in_standardised_tech": True}
        for band in REVENUE_BANDS
        for pae in (False, True)
    ]:
        for rec in recommend(AllianceFacts(**facts)):
            parts += [t[language] for t in (rec.title, *rec.reasons, *rec.pros, *rec.cons)]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def words(content):
    return {language: _all_words(content, language) for language in LANGUAGES}


@pytest.mark.parametrize(
    ("en", "zh_hans"),
    [
        # CN Patent Law Art 19 (ip-rules §7): confidentiality review before filing abroad.
        ("must pass CNIPA's confidentiality review before it is filed abroad", "保密审查"),
        ("filing the PCT application at CNIPA counts as requesting it", "视为同时提出保密审查请求"),
        (
            "request CNIPA's confidentiality review before filing abroad",
            "先请求国家知识产权局保密审查",
        ),
        # LOT Network, current agreement (ip-rules §5, S75).
        ("ends up with a patent-assertion entity", "落入专利主张实体"),
        (
            "sales and licences to operating companies are unaffected",
            "向实业公司出售或许可专利不受影响",
        ),
        ("The original 2014 agreement triggered on any transfer", "2014年的原始协议"),
        ("fees were waived for companies under USD 5 million revenue", "营收500万美元以下"),
        # Trademark classes (CN TM Law Art 4, 49; ip-rules §7).
        ("cover is decided per similar-goods subgroup", "按类似群划分"),
        ("refuses applications filed without intent to use", "不以使用为目的的申请予以驳回"),
        ("can be cancelled (Art 49; 5 years in the EU and UK)", "欧盟和英国为五年"),
        # AI content (ip-rules §7, CAC regulations; Regulation (EU) 2024/1689).
        ("Interim Measures for Generative AI Services (15 August 2023)", "2023年8月15日"),
        ("Deep Synthesis Provisions (10 January 2023)", "2023年1月10日"),
        ("in force since 1 September 2025", "2025年9月1日起施行"),
        ("never be removed", "绝不能删除"),
        ("Art 50 of the AI Act", "第50条"),
        ("from 2 August 2026", "2026年8月2日"),
        ("Stable Diffusion 1.x and 2.x use CreativeML OpenRAIL-M", "Stable Diffusion 1.x和2.x"),
        ("Stability AI Community Licence", "Stability AI社区许可证"),
        ("below USD 1 million annual revenue", "100万美元以下"),
        # Tesla's pledge page (ip-rules §7).
        ("in good faith", "善意"),
        ("not tied to a charging standard", "与充电标准无关"),
        # Evidence (ip-rules §4).
        ("company's own hash chain", "自己的哈希链"),
        ("only when a timestamp authority is configured", "配置了时间戳服务机构"),
        ("does not carry over", "并不适用于外国法院"),
        ("preliminary evidence that the work is yours", "初步证明"),
        # Figures that change carry their date (ip-rules §5 S56-S69; guide 002).
        ("4.9 million patent assets in January 2025", "2025年1月"),
        ("historically about USD 1,500-20,000 a year", "历来约每年1500至20000美元"),
        ("as reported in 2023-2024, Qi was USD 0.20-0.85 per unit", "据2023至2024年的报道"),
        ("Avanci 5G for vehicles from 2023: USD 32", "自2023年起每辆车32美元"),
        ("about CNY 2,999 a year in 2025", "2025年年费约2999元"),
    ],
)
def test_corrected_statements_are_there_in_both_languages(words, en, zh_hans):
    assert en in words["en"]
    assert zh_hans in words["zh_hans"]


@pytest.mark.parametrize(
    "wrong",
    [
        "legally",  # an open class cannot always be taken "legally" (Art 4 bad faith)
        "first-hand proof",  # CPCC certificate: preliminary evidence only
        "passes to a non-member",  # LOT's 2014 rule, not the current one
        "passes to a non-member, you already",
        "conditions tied to its charging standard",
        "a company of your size can claim",  # no source for a size-based trademark reduction
        "smaller firms may pay reduced fees",
        "Extend your Chinese trademark cover across the 45 classes",
    ],
)
def test_wrong_statements_are_gone(words, wrong):
    assert wrong not in words["en"]


@pytest.mark.parametrize(
    "wrong", ["“合法”使用", "小微企业还可以申请费用减免", "转让给非成员的专利"]
)
def test_wrong_chinese_statements_are_gone(words, wrong):
    assert wrong not in words["zh_hans"]


def test_a_targeted_class_strategy_scores_at_least_as_well_as_filing_everything(content):
    values = content.question("cn_class_coverage").scoring.values
    assert values["needed_subgroups"] >= values["all_classes"]
    assert values["needed_subgroups"] == 1.0


def test_filing_patents_abroad_asks_for_the_confidentiality_review(content):
    review = content.question("foreign_filing_security_review")
    assert review.depends_on.question == "patent_filing_routes"
    assert set(review.depends_on.value) == {"pct_and_national", "direct_national"}
    assert "Patent Law Art 19" in review.source
    assert {a.key for a in review.actions} == {"request_confidentiality_review"}


# ---- guidance that was missing (issue 12) ----


@pytest.mark.parametrize(
    ("en", "zh_hans"),
    [
        ("WIPO's Arbitration and Mediation Center", "WIPO仲裁与调解中心"),
        ("prepare a UDRP complaint", "UDRP投诉"),
        ("registered and used in bad faith", "注册和使用出于恶意"),
        ("An algorithm as such is not patentable", "单纯的算法本身不能获得专利"),
        ("Inventive step is judged on the technical effect", "创造性看的是技术效果"),
        ("disclose the model, its training data", "充分公开模型、训练数据"),
        ("WIPO's Hague System", "海牙体系"),
        ("from about CNY 100 million", "约1亿元人民币"),
        ("3 consecutive years can be cancelled on request", "连续三年不使用的商标可被他人申请撤销"),
        ("in the EU and the UK (including Madrid designations there) after 5 years", "五年"),
    ],
)
def test_missing_guidance_is_there_in_both_languages(words, en, zh_hans):
    assert en in words["en"]
    assert zh_hans in words["zh_hans"]


def test_the_new_questions_are_asked_of_the_companies_they_concern(content):
    exporter = {"export_markets": ["us"], "has_rd_projects": "yes", "patent_count": 2}
    for key in ("design_filing_routes", "ai_invention_drafting", "dispute_routes_known"):
        assert is_visible(content.question(key), exporter), key
    home_only = {"export_markets": ["none"], "sells_online": "no", "has_rd_projects": "yes"}
    assert not is_visible(content.question("design_filing_routes"), home_only)
    assert not is_visible(content.question("dispute_routes_known"), home_only)
    team = content.question("dedicated_ip_team")
    # Guide 002: from about CNY 100 million (about USD 14 million), inside the USD 5-50M band.
    assert is_visible(team, {"revenue_band": "5m_50m_usd"})
    assert not is_visible(team, {"revenue_band": "under_5m_usd"})
    assert is_visible(content.question("non_use_vulnerability"), {"cn_mark_registered": "yes"})
    store = next(p for p in load_incidents() if p.key == "online_store_copied")
    takedown = next(step for step in store.steps if step.key == "store_copy_takedown")
    assert "UDRP" in takedown.source and "WIPO AMC" in takedown.source

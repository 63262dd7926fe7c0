"""Incident playbooks: the four incidents load, their steps are dated, broken files fail."""

import re
from datetime import date

import pytest
import yaml

from ipguard.playbooks.content import ContentError
from ipguard.playbooks.incidents import INCIDENTS_PATH, incident_steps, load_incidents

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def playbooks():
    return {playbook.key: playbook for playbook in load_incidents(INCIDENTS_PATH)}


def test_the_four_incidents_of_the_guides_are_there(playbooks):
    assert list(playbooks) == [
        "counterfeits_abroad",
        "ai_image_claim",
        "online_store_copied",
        "warning_letter",
    ]
    for playbook in playbooks.values():
        assert len(playbook.steps) >= 5
        assert playbook.steps[0].due_in_days == 0  # something to do on the day itself
        for text in (playbook.title, playbook.summary):
            assert text["en"] and CJK.search(text["zh_hans"])
        for step in playbook.steps:
            assert step.source.strip()
            assert len(step.steps["en"]) == len(step.steps["zh_hans"]) >= 2
            assert CJK.search(step.title["zh_hans"]) and CJK.search(step.why["zh_hans"])


def test_steps_are_dated_from_the_day_the_incident_is_opened(playbooks):
    dated = incident_steps(playbooks["warning_letter"], date(2024, 2, 28))
    assert [(step.key, due) for step, due in dated] == [
        ("letter_log", date(2024, 2, 28)),
        ("letter_check_right", date(2024, 3, 1)),  # 2024 has a 29 February
        ("letter_counsel_view", date(2024, 3, 4)),
        ("letter_choose_strategy", date(2024, 3, 9)),
        ("letter_reply", date(2024, 3, 13)),
        ("letter_lessons", date(2024, 3, 29)),
    ]
    counterfeit = incident_steps(playbooks["counterfeits_abroad"], date(2025, 12, 20))
    assert counterfeit[-1][1] == date(2026, 1, 19)


def test_due_dates_never_go_backwards_and_steps_sit_in_the_urgent_tier(playbooks):
    for playbook in playbooks.values():
        dues = [due for _step, due in incident_steps(playbook, date(2025, 1, 31))]
        assert dues == sorted(dues)
        assert all(step.tier == "urgent" for step in playbook.steps)  # all within a month


def _file(tmp_path, change):
    data = yaml.safe_load(INCIDENTS_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "incidents.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _swap_first_two_steps(data):
    steps = data["playbooks"][0]["steps"]
    steps[0], steps[1] = steps[1], steps[0]


def _repeat_step_key(data):
    data["playbooks"][1]["steps"][1]["key"] = data["playbooks"][0]["steps"][0]["key"]


def _drop_translation(data):
    del data["playbooks"][3]["steps"][2]["why"]["zh_hans"]


def _negative_day(data):
    data["playbooks"][2]["steps"][0]["due_in_days"] = -1


@pytest.mark.parametrize(
    ("change", "entry", "problem"),
    [
        (
            _swap_first_two_steps,
            "playbook 'counterfeits_abroad' > step 'counterfeit_fix_evidence'",
            "due_in_days 0 comes before the previous step's 2: steps must be in date order",
        ),
        (
            _repeat_step_key,
            "playbook 'ai_image_claim' > step 'counterfeit_fix_evidence'",
            "duplicate step key",
        ),
        (
            _drop_translation,
            "playbook 'warning_letter' > step 'letter_counsel_view'",
            "why is missing its zh_hans translation",
        ),
        (
            _negative_day,
            "playbook 'online_store_copied' > step 'store_copy_evidence'",
            "due_in_days must be a whole number between 0 and 1095",
        ),
    ],
)
def test_a_broken_playbook_file_names_the_file_the_step_and_the_problem(
    tmp_path, change, entry, problem
):
    with pytest.raises(ContentError) as raised:
        load_incidents(_file(tmp_path, change))
    assert f"incidents.yaml: {entry}: {problem}" in str(raised.value)

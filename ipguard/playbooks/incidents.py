"""Incident playbooks: dated steps for guide 002's "ultimate test" incidents and a warning letter.

`load_incidents(path)` reads content/incidents.yaml, checks it like the area files (ContentError,
"<file>: <entry>: <what is wrong>", all or nothing), and `incident_steps` dates each step from the
day the incident was opened. No Django imports here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ipguard.playbooks.content import (
    CONTENT_DIR,
    INCIDENTS_FILE,
    ContentError,
    EntryCheck,
    Problems,
    Steps,
    Text,
    read_yaml,
)

__all__ = [
    "INCIDENTS_PATH",
    "ContentError",
    "IncidentPlaybook",
    "IncidentStep",
    "incident_steps",
    "load_incidents",
]

INCIDENTS_PATH = CONTENT_DIR / INCIDENTS_FILE
MAX_DUE_IN_DAYS = 1095  # three years, the longest horizon of the action plan

_PLAYBOOK_FIELDS = {"key", "title", "summary", "source", "steps"}
_STEP_FIELDS = {"key", "title", "why", "steps", "due_in_days", "source"}


@dataclass(frozen=True)
class IncidentStep:
    key: str
    title: Text
    why: Text  # why this step matters now (named like ActionTemplate.why)
    steps: Steps  # what to do, per language
    due_in_days: int  # from the day the incident is opened
    source: str

    @property
    def tier(self) -> str:
        """The action-plan tier matching the step's due date (1 month, 6 months, longer)."""
        if self.due_in_days <= 31:
            return "urgent"
        return "strategic" if self.due_in_days <= 184 else "long_term"


@dataclass(frozen=True)
class IncidentPlaybook:
    key: str
    title: Text
    summary: Text
    source: str
    steps: tuple[IncidentStep, ...]
    version: int = 1


def incident_steps(playbook: IncidentPlaybook, opened_on: date) -> list[tuple[IncidentStep, date]]:
    """Each step with its due date, in playbook order (due dates never go backwards)."""
    return [(step, opened_on + timedelta(days=step.due_in_days)) for step in playbook.steps]


def load_incidents(path: Path | str = INCIDENTS_PATH) -> tuple[IncidentPlaybook, ...]:
    """Every playbook in the file, checked; raises ContentError naming each problem."""
    path = Path(path)
    problems = Problems()
    data = read_yaml(path, problems)
    problems.raise_if_any()
    check = EntryCheck(problems, path.name, "file")
    if not check.fields(data, {"version", "playbooks"}):
        problems.raise_if_any()
    version = check.integer(data["version"], "version", 1)
    if not isinstance(data["playbooks"], list) or not data["playbooks"]:
        check.error("playbooks must be a non-empty list")
        problems.raise_if_any()
    playbooks, playbook_keys, step_keys = [], set(), set()
    for position, raw in enumerate(data["playbooks"]):
        label = f"playbook {raw.get('key')!r}" if isinstance(raw, dict) else f"playbook #{position}"
        playbook = _parse_playbook(EntryCheck(problems, path.name, label), raw, version, step_keys)
        if playbook is None:
            continue
        if playbook.key in playbook_keys:
            problems.add(path.name, label, "duplicate key")
        playbook_keys.add(playbook.key)
        playbooks.append(playbook)
    problems.raise_if_any()
    return tuple(playbooks)


def _parse_playbook(check: EntryCheck, raw, version, step_keys: set[str]):
    if not check.fields(raw, _PLAYBOOK_FIELDS):
        return None
    problems_before = len(check.problems.messages)
    key = check.key(raw["key"])
    title = check.text(raw["title"], "title")
    summary = check.text(raw["summary"], "summary")
    source = check.string(raw["source"], "source")
    steps: list[IncidentStep] = []
    if not isinstance(raw["steps"], list) or not raw["steps"]:
        check.error("steps must be a non-empty list")
    else:
        for position, raw_step in enumerate(raw["steps"]):
            step_label = raw_step.get("key") if isinstance(raw_step, dict) else f"#{position}"
            step_check = EntryCheck(
                check.problems, check.file, f"{check.entry} > step {step_label!r}"
            )
            step = _parse_step(step_check, raw_step)
            if step is None:
                continue
            if step.key in step_keys:
                step_check.error("duplicate step key (step keys are unique across all playbooks)")
            if steps and step.due_in_days < steps[-1].due_in_days:
                step_check.error(
                    f"due_in_days {step.due_in_days} comes before the previous step's "
                    f"{steps[-1].due_in_days}: steps must be in date order"
                )
            step_keys.add(step.key)
            steps.append(step)
    if len(check.problems.messages) > problems_before or version is None:
        return None
    return IncidentPlaybook(key, title, summary, source, tuple(steps), version)


def _parse_step(check: EntryCheck, raw) -> IncidentStep | None:
    if not check.fields(raw, _STEP_FIELDS):
        return None
    parts = (
        check.key(raw["key"]),
        check.text(raw["title"], "title"),
        check.text(raw["why"], "why"),
        check.steps(raw["steps"]),
        check.integer(raw["due_in_days"], "due_in_days", 0, MAX_DUE_IN_DAYS),
        check.string(raw["source"], "source"),
    )
    return None if None in parts else IncidentStep(*parts)

"""Checklist content: versioned, bilingual YAML files (one per area) read into frozen dataclasses.

`load_content(directory)` reads every area file in `directory` (each `*.yaml` except
incidents.yaml and alliance_advisor.yaml), checks all of it and returns a complete `Content`, or
raises `ContentError` that lists every problem as "<file>: <entry>: <what is wrong>". Nothing is
returned half-loaded.

Conditions (`depends_on` of a question, `when` of an action) are YAML mappings:
  {question: KEY, equals: V} or not_equals: V      yes_no, single_choice or number questions
  {question: KEY, in: [V, ...]} or not_in: [...]   on multi_choice, `in` means every selected value
                                                   is listed and `not_in` means none of them is
  {question: KEY, contains: V}, not_contains: V, contains_any: [V, ...]     multi_choice only
  {question: KEY, gt|gte|lt|lte: N}                number only
  {question: KEY, answered: true|false}
  {any_of: [COND, ...]} or {all_of: [COND, ...]}   nest freely
  {score_below: F}     only in `when`: the answer earned less than fraction F of the points
Every test but `answered: false` fails while its question is unanswered, and a question that is
hidden counts as unanswered: so a question that depends only on hidden questions is hidden too,
while `any_of` still shows it when another branch holds. `depends_on` may only name questions asked
earlier (areas by `order`, then file order) and may not use `answered: false`. Inside `when`,
`question` may be left out: it is the action's own question, and no other may be named. Bare
yes/no/on/off are read as strings (YAML 1.2 style), so `equals: yes` means the answer "yes".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

CONTENT_DIR = Path(__file__).with_name("content")
INCIDENTS_FILE = "incidents.yaml"
ADVISOR_FILE = "alliance_advisor.yaml"  # the alliance advisor's texts (alliance.py)
NOT_AREA_FILES = (INCIDENTS_FILE, ADVISOR_FILE)
LANGUAGES = ("en", "zh_hans")
KINDS = ("yes_no", "single_choice", "multi_choice", "number", "date")
CHOICE_KINDS = ("single_choice", "multi_choice")
YES_NO_VALUES = ("yes", "no", "not_sure")
TIERS = ("urgent", "strategic", "long_term")
# How far `due_in_days` may move an action's due date, per tier (1 month, 6 months, 1-3 years).
DUE_IN_DAYS_LIMITS = {"urgent": (1, 31), "strategic": (1, 184), "long_term": (365, 1095)}
COMPARISON_OPS = (
    "equals", "not_equals", "in", "not_in", "contains", "not_contains", "contains_any",
    "gt", "gte", "lt", "lte", "answered", "score_below",
)  # fmt: skip
COMPOSITE_OPS = ("any_of", "all_of")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")

Text = Mapping[str, str]
Steps = Mapping[str, tuple[str, ...]]

_YES_NO_LABELS = {
    "yes": {"en": "Yes", "zh_hans": "是"},
    "no": {"en": "No", "zh_hans": "否"},
    "not_sure": {"en": "Not sure", "zh_hans": "不确定"},
}


class FrozenDict(dict):
    """A dict that cannot be changed. Texts are shared by every request that uses the content;
    as a real dict it still works with json, pickle, copy and dataclasses.asdict."""

    __slots__ = ()

    def _read_only(self, *args, **kwargs):
        raise TypeError("content is read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self):
        return (FrozenDict, (dict(self),))


class ContentError(Exception):
    """The content is invalid; `problems` lists each one as "<file>: <entry>: <what is wrong>"."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Condition:
    op: str
    question: str | None = None
    value: Any = None
    conditions: tuple[Condition, ...] = ()
    # The depends_on of `question`: while it fails, that question is hidden, so this test fails.
    guard: Condition | None = field(default=None, repr=False, compare=False)

    @property
    def question_keys(self) -> frozenset[str]:
        if self.op in COMPOSITE_OPS:
            return frozenset().union(*(c.question_keys for c in self.conditions))
        return frozenset() if self.question is None else frozenset({self.question})


@dataclass(frozen=True)
class ScoringRule:
    """How an answer turns into a fraction of the question's points.

    method "values" (yes_no, single_choice): `values[answer]`.
    method "sum" (multi_choice): sum of `values` of the selected choices, capped at 1.
    method "coverage" (multi_choice): share of the values selected in question `of` that are also
        selected here (values this question does not offer are left out; nothing to cover = 1).
    method "at_least" (number): fraction of the highest threshold <= answer, else 0.
    method "within_days" (date): fraction of the smallest threshold >= the answer's age, else 0.
    """

    method: str
    values: Mapping[str, float] = field(default_factory=FrozenDict)
    thresholds: tuple[tuple[float, float], ...] = ()
    of: str | None = None


@dataclass(frozen=True)
class ActionTemplate:
    key: str
    question_key: str
    tier: str
    title: Text
    why: Text
    steps: Steps
    source: str
    when: Condition
    due_in_days: int | None = None


@dataclass(frozen=True)
class CriticalRule:
    """A gap so serious that no other answer may hide it: while the question's answer is one of
    `values`, its area scores at most `area_cap` and the overall at most `overall_cap`."""

    values: frozenset[str]
    reason: Text  # completes "capped at N because ..."
    area_cap: int | None = None
    overall_cap: int | None = None


@dataclass(frozen=True)
class WeightRule:
    """Extra area weight while a profile condition holds (an exporter's trademarks matter more)."""

    when: Condition
    add: float


@dataclass(frozen=True)
class Question:
    key: str
    area_key: str
    order: int
    kind: str
    text: Text
    why: Text
    source: str
    weight: float
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    depends_on: Condition | None = None
    scoring: ScoringRule | None = None
    shortfall: Text | None = None
    actions: tuple[ActionTemplate, ...] = ()
    critical: tuple[CriticalRule, ...] = ()
    definition: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_scored(self) -> bool:
        return self.weight > 0

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.value == value), None)


@dataclass(frozen=True)
class Area:
    key: str
    title: Text
    intro: Text
    order: int
    weight: float
    version: int
    source_file: str
    question_keys: tuple[str, ...] = ()
    weight_rules: tuple[WeightRule, ...] = ()


@dataclass(frozen=True)
class Content:
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    fingerprint: str = ""
    _areas: Mapping[str, Area] = field(init=False, repr=False, compare=False)
    _questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_areas", {area.key: area for area in self.areas})
        object.__setattr__(self, "_questions", {q.key: q for q in self.questions})

    def area(self, key: str) -> Area:
        return self._areas[key]

    def question(self, key: str) -> Question:
        return self._questions[key]

    def has_question(self, key: str) -> bool:
        return key in self._questions

    def questions_for(self, area_key: str) -> tuple[Question, ...]:
        return tuple(self._questions[key] for key in self._areas[area_key].question_keys)

    @property
    def actions(self) -> tuple[ActionTemplate, ...]:
        return tuple(action for question in self.questions for action in question.actions)

    @property
    def versions(self) -> dict[str, int]:
        return {area.key: area.version for area in self.areas}


# ---- reading and checking (also used by incidents.py) ----


class _ContentLoader(yaml.SafeLoader):
    """safe_load, but only true/false are booleans and a repeated mapping key is an error."""


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping_without_repeats(loader, node, deep=False):
    seen = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_ContentLoader.add_constructor("tag:yaml.org,2002:map", _mapping_without_repeats)


class Problems:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, file: str, entry: str, message: str) -> None:
        self.messages.append(f"{file}: {entry}: {message}")

    def raise_if_any(self) -> None:
        if self.messages:
            raise ContentError(self.messages)


def read_yaml(path: Path, problems: Problems) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(path.name, "file", f"cannot be read: {error}")
        return None
    return parse_yaml(path.name, text, problems)


def parse_yaml(name: str, text: str, problems: Problems) -> Any:
    try:
        return yaml.load(text, Loader=_ContentLoader)  # noqa: S506
    except yaml.YAMLError as error:
        problems.add(name, "file", f"cannot be read as YAML: {error}".replace("\n", " "))
        return None


class EntryCheck:
    """Checks the fields of one entry; each failed check records a problem and returns None."""

    def __init__(self, problems: Problems, file: str, entry: str):
        self.problems, self.file, self.entry = problems, file, entry

    def error(self, message: str) -> None:
        self.problems.add(self.file, self.entry, message)

    def fields(self, data: Any, required: set[str], optional: set[str] = frozenset()) -> bool:
        if not isinstance(data, dict):
            self.error(f"must be a mapping, not {type(data).__name__}")
            return False
        for name in sorted(set(data) - required - set(optional), key=str):
            self.error(f"unknown field {name!r}")
        for name in sorted(required - set(data)):
            self.error(f"missing field {name!r}")
        return required <= set(data)

    def key(self, value: Any, name: str = "key") -> str | None:
        if isinstance(value, str) and KEY_PATTERN.match(value):
            return value
        self.error(f"{name} {value!r} must be a slug (lower-case letters, digits, _)")
        return None

    def string(self, value: Any, name: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.error(f"{name} must be a non-empty string")
        return None

    def integer(self, value: Any, name: str, low: int, high: int | None = None) -> int | None:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if is_int and value >= low and (high is None or value <= high):
            return value
        limit = f"between {low} and {high}" if high is not None else f">= {low}"
        self.error(f"{name} must be a whole number {limit}, not {value!r}")
        return None

    def fraction(self, value: Any, name: str) -> float | None:
        if _is_number(value) and 0 <= value <= 1:
            return float(value)
        self.error(f"{name} must be a number from 0 to 1, not {value!r}")
        return None

    def text(self, value: Any, name: str) -> Text | None:
        if not isinstance(value, dict):
            self.error(f"{name} must have texts for {' and '.join(LANGUAGES)}")
            return None
        ok = True
        for language in sorted(set(value) - set(LANGUAGES), key=str):
            self.error(f"{name} has unknown language {language!r}")
            ok = False
        for language in LANGUAGES:
            if not (isinstance(value.get(language), str) and value[language].strip()):
                self.error(f"{name} is missing its {language} translation")
                ok = False
        return FrozenDict({lang: value[lang].strip() for lang in LANGUAGES}) if ok else None

    def steps(self, value: Any, name: str = "steps") -> Steps | None:
        if not (isinstance(value, dict) and set(value) == set(LANGUAGES)):
            self.error(f"{name} must be lists of steps under exactly {' and '.join(LANGUAGES)}")
            return None
        lists = {}
        for language in LANGUAGES:
            items = value[language]
            if not (
                isinstance(items, list)
                and items
                and all(isinstance(item, str) and item.strip() for item in items)
            ):
                self.error(f"{name}.{language} must be a non-empty list of non-empty strings")
                return None
            lists[language] = tuple(item.strip() for item in items)
        counts = {language: len(items) for language, items in lists.items()}
        if len(set(counts.values())) > 1:
            self.error(f"{name} differ in length between languages: {counts}")
            return None
        return FrozenDict(lists)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# ---- the area files ----


class _Ref(NamedTuple):
    """What a condition needs to know about the question it names."""

    key: str
    kind: str
    values: tuple[str, ...]
    scored: bool
    guard: Condition | None = None


_AREA_FIELDS = {"key", "title", "intro", "order", "weight"}
_AREA_OPTIONAL = {"weight_rules"}
_QUESTION_REQUIRED = {"key", "kind", "text", "why", "source", "weight"}
_QUESTION_OPTIONAL = {
    "choices", "min", "max", "depends_on", "scoring", "shortfall", "actions", "critical",
}  # fmt: skip
_ACTION_REQUIRED = {"key", "tier", "title", "why", "steps", "source", "when"}


def load_content(directory: Path | str = CONTENT_DIR) -> Content:
    """Every area file of `directory`, checked; raises ContentError naming each problem."""
    directory = Path(directory)
    paths = sorted(p for p in directory.glob("*.yaml") if p.name not in NOT_AREA_FILES)
    if not paths:
        raise ContentError([f"{directory}: directory: no area files (*.yaml) found"])
    problems = Problems()
    texts = []
    for path in paths:
        try:
            texts.append((path.name, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            problems.add(path.name, "file", f"cannot be read: {error}")
    return content_from_documents(texts, problems)


def content_from_documents(
    texts: list[tuple[str, str]], problems: Problems | None = None
) -> Content:
    """The same checks as `load_content`, over (file name, YAML text) pairs, e.g. stored ones."""
    problems = problems or Problems()
    documents = []
    for name, text in texts:
        data = parse_yaml(name, text, problems)
        header = None if data is None else _area_document(name, data, problems)
        if header is not None:
            documents.append(header)
    documents.sort(key=lambda doc: doc[1]["order"])
    _check_area_uniqueness(documents, problems)

    all_keys: dict[str, str] = {}  # question key -> file that first defines it
    for file, _area, questions in documents:
        for entry in questions:
            key = entry.get("key") if isinstance(entry, dict) else None
            if isinstance(key, str) and key in all_keys:
                problems.add(file, f"question {key!r}", f"duplicate key (also in {all_keys[key]})")
            elif isinstance(key, str):
                all_keys[key] = file

    seen: dict[str, _Ref | None] = {}  # questions read so far; None = too broken to refer to
    action_files: dict[str, str] = {}
    areas, questions = [], []
    for file, area, entries in documents:
        area_questions = []
        raw_weight_rules = area.pop("weight_rules")
        for position, entry in enumerate(entries):
            label = f"question {entry.get('key')!r}" if isinstance(entry, dict) else f"#{position}"
            check = EntryCheck(problems, file, label)
            question = _parse_question(check, entry, area["key"], position, all_keys, seen)
            if question is None:
                key = entry.get("key") if isinstance(entry, dict) else None
                if isinstance(key, str):
                    seen.setdefault(key, None)  # dependents are told it is broken
                continue
            for action in question.actions:
                if action.key in action_files:
                    other = action_files[action.key]
                    problems.add(file, f"action {action.key!r}", f"duplicate key (also in {other})")
                action_files.setdefault(action.key, file)
            area_questions.append(question)
        questions.extend(area_questions)
        area["question_keys"] = tuple(q.key for q in area_questions)
        areas.append((file, area, raw_weight_rules))
    areas = [
        Area(**area, weight_rules=_parse_weight_rules(problems, file, raw, all_keys, seen))
        for file, area, raw in areas
    ]
    problems.raise_if_any()
    digest = hashlib.sha256()
    for name, text in sorted(texts):
        digest.update(name.encode() + b"\0" + text.encode())
    return Content(areas=tuple(areas), questions=tuple(questions), fingerprint=digest.hexdigest())


def _area_document(name: str, data: Any, problems: Problems):
    check = EntryCheck(problems, name, "file")
    if not check.fields(data, {"version", "area", "questions"}):
        return None
    version = check.integer(data["version"], "version", 1)
    area_check = EntryCheck(problems, name, "area")
    raw = data["area"]
    if not area_check.fields(raw, _AREA_FIELDS, _AREA_OPTIONAL):
        return None
    area = {
        "key": area_check.key(raw["key"]),
        "title": area_check.text(raw["title"], "title"),
        "intro": area_check.text(raw["intro"], "intro"),
        "order": area_check.integer(raw["order"], "order", 0),
        "weight": raw["weight"] if _is_number(raw["weight"]) and raw["weight"] > 0 else None,
        "version": version,
        "source_file": name,
    }
    weight_rules = raw.get("weight_rules", [])
    if area["weight"] is None:
        area_check.error(f"weight must be a number above 0, not {raw['weight']!r}")
    if not isinstance(data["questions"], list) or not data["questions"]:
        check.error("questions must be a non-empty list")
        return None
    if any(value is None for value in area.values()):
        return None
    area["weight_rules"] = weight_rules  # raw; checked once every question is known
    return name, area, data["questions"]


def _check_area_uniqueness(documents, problems: Problems) -> None:
    by_key, by_order = {}, {}
    for file, area, _questions in documents:
        key, order = area["key"], area["order"]
        if key in by_key:
            problems.add(file, "area", f"key {key!r} is also used by {by_key[key]}")
        if order in by_order:
            problems.add(file, "area", f"order {order} is also used by {by_order[order]}")
        by_key.setdefault(key, file)
        by_order.setdefault(order, file)


def _parse_question(check, data, area_key, position, all_keys, seen) -> Question | None:
    if not check.fields(data, _QUESTION_REQUIRED, _QUESTION_OPTIONAL):
        return None
    problems_before = len(check.problems.messages)
    key, kind, weight = check.key(data["key"]), data["kind"], data["weight"]
    if kind not in KINDS:
        check.error(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        return None
    if not (_is_number(weight) and weight >= 0):
        check.error(f"weight must be a number >= 0, not {weight!r}")
        return None
    choices = _parse_choices(check, kind, data.get("choices"))
    if key is None or choices is None:
        return None
    ref = _Ref(key, kind, tuple(choice.value for choice in choices), weight > 0)
    low, high = _parse_limits(check, kind, data)
    depends_on = None
    if "depends_on" in data:
        depends_on = _parse_condition(check, data["depends_on"], "depends_on", all_keys, seen)
    scoring = _parse_scoring(check, ref, data.get("scoring"), seen)
    shortfall = check.text(data["shortfall"], "shortfall") if "shortfall" in data else None
    if weight > 0 and "shortfall" not in data:
        check.error("a scored question (weight > 0) needs a shortfall text")
    if weight == 0 and ("scoring" in data or "shortfall" in data):
        check.error("scoring and shortfall need a weight above 0")
    raw_actions = data.get("actions", [])
    if not isinstance(raw_actions, list):
        check.error("actions must be a list")
        raw_actions = []
    actions = tuple(_parse_action(check, raw, ref) for raw in raw_actions)
    critical = _parse_critical(check, data.get("critical", []), ref, scoring)
    text, why = check.text(data["text"], "text"), check.text(data["why"], "why")
    source = check.string(data["source"], "source")
    if key not in seen:  # a duplicate key keeps the first definition
        seen[key] = ref._replace(guard=depends_on)
    if len(check.problems.messages) > problems_before:
        return None
    return Question(
        key=key, area_key=area_key, order=position, kind=kind, text=text, why=why,
        source=source, weight=weight, choices=choices, min=low, max=high,
        depends_on=depends_on, scoring=scoring if weight > 0 else None,
        shortfall=shortfall, actions=actions, critical=critical, definition=data,
    )  # fmt: skip


def _parse_choices(check, kind, raw) -> tuple[Choice, ...] | None:
    if kind == "yes_no":
        if raw is not None:
            check.error("yes_no questions have fixed choices (yes, no, not_sure); remove 'choices'")
            return None
        labels = _YES_NO_LABELS
        return tuple(Choice(v, FrozenDict(labels[v])) for v in YES_NO_VALUES)
    if kind not in CHOICE_KINDS:
        if raw is not None:
            check.error(f"choices are only allowed on choice questions, not on {kind}")
            return None
        return ()
    if not isinstance(raw, list) or len(raw) < 2:
        check.error(f"{kind} questions need a list of at least 2 choices")
        return None
    choices, values = [], set()
    for index, item in enumerate(raw):
        if not check.fields(item, {"value", "label"}):
            return None
        value = check.key(item["value"], f"choice #{index + 1} value")
        label = check.text(item["label"], f"label of choice {item['value']!r}")
        if value in values:
            check.error(f"choice value {value!r} appears twice")
        if value is None or label is None or value in values:
            return None
        values.add(value)
        choices.append(Choice(value, label))
    return tuple(choices)


def _parse_limits(check, kind, data) -> tuple[int | None, int | None]:
    if kind != "number":
        for name in ("min", "max"):
            if name in data:
                check.error(f"{name} is only allowed on number questions")
        return None, None
    low = check.integer(data["min"], "min", -(10**12)) if "min" in data else None
    high = check.integer(data["max"], "max", -(10**12)) if "max" in data else None
    if low is not None and high is not None and low > high:
        check.error(f"min {low} is above max {high}")
    return low, high


def _parse_scoring(check, ref: _Ref, raw, seen) -> ScoringRule | None:
    if not ref.scored:
        return ScoringRule("none")
    if not isinstance(raw, dict) or not raw:
        check.error("a scored question (weight > 0) needs a scoring rule")
        return None
    if ref.kind in ("yes_no", "single_choice"):
        values = _fractions(check, raw, ref)
        missing = [v for v in ref.values if v not in raw]
        if missing:
            check.error(f"scoring gives no fraction for {', '.join(missing)}")
        return ScoringRule("values", FrozenDict(values)) if values and not missing else None
    if ref.kind == "multi_choice":
        if set(raw) == {"sum"} and isinstance(raw["sum"], dict) and raw["sum"]:
            values = _fractions(check, raw["sum"], ref)
            return ScoringRule("sum", FrozenDict(values)) if values else None
        if set(raw) == {"coverage_of"}:
            other = seen.get(raw["coverage_of"])
            if other is None or other.kind != "multi_choice":
                named = raw["coverage_of"]
                check.error(f"coverage_of needs an earlier multi_choice question, not {named!r}")
                return None
            if not set(other.values) & set(ref.values):
                check.error(f"coverage_of {other.key!r}: the two questions share no choice value")
                return None
            return ScoringRule("coverage", of=other.key)
        check.error("multi_choice scoring must be {sum: {value: fraction}} or {coverage_of: key}")
        return None
    name = "at_least" if ref.kind == "number" else "within_days"
    if set(raw) != {name} or not isinstance(raw[name], dict) or not raw[name]:
        check.error(f"{ref.kind} scoring must be {{{name}: {{threshold: fraction, ...}}}}")
        return None
    steps = []
    for threshold, fraction in raw[name].items():
        if not _is_number(threshold) or (name == "within_days" and threshold < 0):
            check.error(f"scoring threshold {threshold!r} must be a number")
            return None
        if check.fraction(fraction, f"scoring fraction for {threshold}") is None:
            return None
        steps.append((float(threshold), float(fraction)))
    return ScoringRule(name, thresholds=tuple(sorted(steps)))


def _fractions(check, raw: dict, ref: _Ref) -> dict[str, float] | None:
    fractions = {}
    for value, fraction in raw.items():
        if value not in ref.values:
            check.error(f"scoring names unknown choice value {value!r}")
            return None
        fractions[value] = check.fraction(fraction, f"scoring fraction for {value!r}")
    return None if None in fractions.values() else fractions


def _parse_action(check: EntryCheck, raw, own: _Ref) -> ActionTemplate | None:
    label = f"action {raw.get('key')!r}" if isinstance(raw, dict) else "action"
    check = EntryCheck(check.problems, check.file, f"{check.entry} > {label}")
    if not check.fields(raw, _ACTION_REQUIRED, {"due_in_days"}):
        return None
    tier, due_in_days = raw["tier"], raw.get("due_in_days")
    if tier not in TIERS:
        check.error(f"unknown tier {tier!r} (expected one of {', '.join(TIERS)})")
        return None
    if due_in_days is not None:
        due_in_days = check.integer(due_in_days, "due_in_days", *DUE_IN_DAYS_LIMITS[tier])
    parts = {
        "key": check.key(raw["key"]),
        "title": check.text(raw["title"], "title"),
        "why": check.text(raw["why"], "why"),
        "steps": check.steps(raw["steps"]),
        "source": check.string(raw["source"], "source"),
        "when": _parse_condition(check, raw["when"], "when", {}, {own.key: own}, own=own),
    }
    if None in parts.values() or ("due_in_days" in raw and due_in_days is None):
        return None
    return ActionTemplate(question_key=own.key, tier=tier, due_in_days=due_in_days, **parts)


def _parse_condition(check, raw, name, all_keys, seen, own: _Ref | None = None):
    if not isinstance(raw, dict) or not raw:
        check.error(f"{name} must be a condition mapping, not {raw!r}")
        return None
    composite = [op for op in COMPOSITE_OPS if op in raw]
    if composite:
        op = composite[0]
        if set(raw) != {op} or not isinstance(raw[op], list) or not raw[op]:
            check.error(f"{name}: {op} must be the only field and hold a non-empty list")
            return None
        parts = [_parse_condition(check, p, f"{name}.{op}", all_keys, seen, own) for p in raw[op]]
        return None if None in parts else Condition(op, conditions=tuple(parts))
    ops = [key for key in raw if key != "question"]
    if len(ops) != 1 or ops[0] not in COMPARISON_OPS:
        known = ", ".join(COMPARISON_OPS + COMPOSITE_OPS)
        check.error(f"{name}: needs exactly one test out of {known}; got {ops}")
        return None
    op, value = ops[0], raw[ops[0]]
    target = raw.get("question", own.key if own else None)
    if own is not None and target != own.key:
        check.error(f"{name}: may only test its own question {own.key!r}, not {target!r}")
        return None
    if seen.get(target) is None:
        if target in seen:
            problem = f"refers to question {target!r}, which has errors of its own"
        elif target in all_keys:
            problem = f"refers to question {target!r}, which is asked later (it must come first)"
        else:
            problem = f"refers to unknown question {target!r}"
        check.error(f"{name}: {problem}")
        return None
    problem = _comparison_problem(op, value, seen[target], in_when=own is not None)
    if problem:
        check.error(f"{name}: {problem}")
        return None
    if op in ("in", "not_in", "contains_any"):
        value = tuple(value)
    return Condition(op, question=target, value=value, guard=seen[target].guard)


def _comparison_problem(op: str, value: Any, ref: _Ref, *, in_when: bool) -> str | None:
    def answer_problem(candidate):
        if ref.kind == "number":
            return None if _is_number(candidate) else f"{candidate!r} is not a number"
        if candidate in ref.values:
            return None
        expected = ", ".join(ref.values)
        return f"{candidate!r} is not an answer of {ref.key!r} (expected one of {expected})"

    kinds = {
        "equals": ("yes_no", "single_choice", "number"),
        "not_equals": ("yes_no", "single_choice", "number"),
        "in": ("yes_no", "single_choice", "multi_choice"),
        "not_in": ("yes_no", "single_choice", "multi_choice"),
        "contains": ("multi_choice",), "not_contains": ("multi_choice",),
        "contains_any": ("multi_choice",),
        "gt": ("number",), "gte": ("number",), "lt": ("number",), "lte": ("number",),
    }  # fmt: skip
    if op == "answered":
        if not isinstance(value, bool):
            return "answered must be true or false"
        if value is False and not in_when:
            return (
                "answered: false is not allowed in depends_on (it would show a question "
                "because the one it depends on is hidden)"
            )
        return None
    if op == "score_below":
        if not in_when or not ref.scored:
            return "score_below only works in the `when` of an action on a scored question"
        if _is_number(value) and 0 < value <= 1:
            return None
        return "score_below needs a fraction in (0, 1]"
    if ref.kind not in kinds[op]:
        return f"{op!r} does not work on {ref.kind} question {ref.key!r}"
    if op in ("in", "not_in", "contains_any"):
        if not isinstance(value, list) or not value:
            return f"{op} needs a non-empty list of answers"
        return next((p for p in map(answer_problem, value) if p), None)
    return answer_problem(value)


# ---- critical gaps and profile weights ----

_CRITICAL_FIELDS = {"when", "reason"}
_CRITICAL_OPTIONAL = {"area_cap", "overall_cap"}


def _own_values(condition: Condition, values: tuple[str, ...]) -> frozenset[str] | None:
    """The answers of a yes_no/single_choice question for which `condition` (on it) holds."""
    if condition.op in COMPOSITE_OPS:
        parts = [_own_values(c, values) for c in condition.conditions]
        if None in parts:
            return None
        combine = frozenset.union if condition.op == "any_of" else frozenset.intersection
        return combine(*parts)
    tests = {
        "equals": lambda v: v == condition.value,
        "not_equals": lambda v: v != condition.value,
        "in": lambda v: v in condition.value,
        "not_in": lambda v: v not in condition.value,
    }
    if condition.op not in tests:
        return None
    return frozenset(v for v in values if tests[condition.op](v))


def _parse_critical(check, raw, ref: _Ref, scoring) -> tuple[CriticalRule, ...]:
    """Critical gaps of a scored yes_no/single_choice question. A worse answer (a lower scoring
    fraction) must be at least as critical, so improving an answer never adds a cap."""
    if raw == []:
        return ()
    if not ref.scored or ref.kind not in ("yes_no", "single_choice"):
        check.error("critical only works on scored yes_no and single_choice questions")
        return ()
    if not isinstance(raw, list):
        check.error("critical must be a list")
        return ()
    rules = []
    for index, item in enumerate(raw):
        entry = EntryCheck(check.problems, check.file, f"{check.entry} > critical #{index + 1}")
        if not entry.fields(item, _CRITICAL_FIELDS, _CRITICAL_OPTIONAL):
            continue
        caps = {name: item.get(name) for name in ("area_cap", "overall_cap")}
        if all(value is None for value in caps.values()):
            entry.error("needs area_cap, overall_cap or both")
            continue
        caps = {
            name: None if value is None else entry.integer(value, name, 0, 99)
            for name, value in caps.items()
        }
        reason = entry.text(item["reason"], "reason")
        when = _parse_condition(entry, item["when"], "when", {}, {ref.key: ref}, own=ref)
        values = None if when is None else _own_values(when, ref.values)
        if when is not None and not values:
            entry.error("when must pick answers with equals, not_equals, in or not_in")
            continue
        if None in (reason, values) or any(
            caps[name] is None and item.get(name) is not None for name in caps
        ):
            continue
        if scoring is not None and scoring.method == "values":
            worst = max(scoring.values[v] for v in values)
            milder = sorted(v for v in ref.values if scoring.values[v] <= worst and v not in values)
            if milder:
                entry.error(
                    f"answers scoring no better than a critical one must be critical too: {milder}"
                )
                continue
        rules.append(CriticalRule(values=values, reason=reason, **caps))
    return tuple(rules)


def _parse_weight_rules(problems, file, raw, all_keys, seen) -> tuple[WeightRule, ...]:
    check = EntryCheck(problems, file, "area weight_rules")
    if not isinstance(raw, list):
        check.error("must be a list of {when: condition, add: number}")
        return ()
    rules = []
    for item in raw:
        if not check.fields(item, {"when", "add"}):
            continue
        when = _parse_condition(check, item["when"], "when", all_keys, seen)
        add = item["add"]
        if not (_is_number(add) and add > 0):
            check.error(f"add must be a number above 0, not {add!r}")
            continue
        if when is None:
            continue
        scored = sorted(k for k in when.question_keys if seen[k].scored)
        if scored:
            # Weights follow the company's profile; a scored answer moving a weight could make
            # a better answer lower the overall score.
            check.error(f"when may only test unscored (profile) questions, not {scored}")
            continue
        rules.append(WeightRule(when=when, add=float(add)))
    return tuple(rules)

"""The checklist content the app serves: the catalogue in the database, loaded from the YAML files.

`playbooks_load` checks every content file first (a broken file changes nothing), then brings the
catalogue in line in one transaction: texts and definitions updated, new areas and questions added,
removed ones marked retired. Answers live on assessments keyed by question key and are never
touched, so a retired question's old answers keep their text through its retired row.

`current_content()` rebuilds the `Content` from the stored area documents, so a page never sees a
file that the loader has not checked. The result is cached per process and rebuilt when the
catalogue's fingerprint changes (one small query per call).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ipguard.playbooks.alliance import load_advisor_texts
from ipguard.playbooks.content import (
    ADVISOR_FILE,
    CONTENT_DIR,
    INCIDENTS_FILE,
    Content,
    content_from_documents,
    load_content,
)
from ipguard.playbooks.incidents import IncidentPlaybook, load_incidents
from ipguard.playbooks.models import ContentArea, ContentQuestion


@dataclass
class LoadSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0
    incident_playbooks: int = 0

    def lines(self) -> list[str]:
        return [
            f"added: {len(self.added)} ({', '.join(self.added) or '-'})",
            f"updated: {len(self.updated)} ({', '.join(self.updated) or '-'})",
            f"retired: {len(self.retired)} ({', '.join(self.retired) or '-'})",
            f"unchanged: {self.unchanged}",
            f"incident playbooks: {self.incident_playbooks}",
        ]


def playbooks_load(*, directory: Path | str = CONTENT_DIR) -> LoadSummary:
    """Check the content files and sync the catalogue; raises ContentError before any write."""
    directory = Path(directory)
    content = load_content(directory)
    incidents_path = directory / INCIDENTS_FILE
    incidents = load_incidents(incidents_path) if incidents_path.exists() else ()
    if (directory / ADVISOR_FILE).exists():
        load_advisor_texts(directory / ADVISOR_FILE)  # checked like the rest; read from the file
    # The checked files' texts are what the catalogue keeps and what pages are built from.
    documents = {
        area.source_file: (directory / area.source_file).read_text(encoding="utf-8")
        for area in content.areas
    }

    summary = LoadSummary(incident_playbooks=len(incidents))
    now = timezone.now()
    with transaction.atomic():
        areas = {area.key: area for area in ContentArea.objects.select_for_update()}
        for area in content.areas:
            stored = areas.get(area.key)
            values = {
                "order": area.order,
                "weight": area.weight,
                "title": dict(area.title),
                "intro": dict(area.intro),
                "version": area.version,
                "definition": {"file": area.source_file, "yaml": documents[area.source_file]},
                "retired_at": None,
            }
            areas[area.key] = _upsert(ContentArea, stored, {"key": area.key, **values}, summary)
        for key, stored in areas.items():
            if key not in {area.key for area in content.areas} and stored.retired_at is None:
                stored.retired_at = now
                stored.save(update_fields=["retired_at", "updated_at"])
                summary.retired.append(f"area {key}")

        questions = {q.key: q for q in ContentQuestion.objects.select_for_update()}
        for position, question in enumerate(content.questions):
            values = {
                "area_id": areas[question.area_key].pk,
                "order": position,
                "kind": question.kind,
                "text": dict(question.text),
                # As JSON stores it (numeric keys become strings), so a re-run compares equal.
                "definition": json.loads(json.dumps(question.definition, default=str)),
                "retired_at": None,
            }
            _upsert(ContentQuestion, questions.get(question.key), {"key": question.key, **values},
                    summary)  # fmt: skip
        live = {question.key for question in content.questions}
        for key, stored in questions.items():
            if key not in live and stored.retired_at is None:
                stored.retired_at = now
                stored.save(update_fields=["retired_at", "updated_at"])
                summary.retired.append(key)
    _clear_cache()
    return summary


def _upsert(model, stored, values, summary):
    label = values["key"] if model is ContentQuestion else f"area {values['key']}"
    if stored is None:
        summary.added.append(label)
        return model.objects.create(**values)
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    if not changed:
        summary.unchanged += 1
        return stored
    for name in changed:
        setattr(stored, name, values[name])
    stored.save()
    summary.updated.append(label)
    return stored


_cache_lock = threading.Lock()
_cached: dict[str, Content] = {}


def _clear_cache() -> None:
    with _cache_lock:
        _cached.clear()


def current_content() -> Content:
    """The content as last loaded into the catalogue (loaded from the files on first use)."""
    rows = list(
        ContentArea.objects.filter(retired_at__isnull=True)
        .order_by("key")
        .values_list("key", "version", "updated_at")
    )
    if not rows:
        playbooks_load()
        return current_content()
    signature = repr(rows)
    with _cache_lock:
        content = _cached.get(signature)
    if content is None:
        stored = ContentArea.objects.filter(retired_at__isnull=True).values_list(
            "definition", flat=True
        )
        content = content_from_documents(
            [(definition["file"], definition["yaml"]) for definition in stored]
        )
        with _cache_lock:
            _cached.clear()
            _cached[signature] = content
    return content


def question_texts(keys) -> dict[str, dict]:
    """Texts of questions by key, retired ones included (for showing old answers)."""
    return dict(ContentQuestion.objects.filter(key__in=list(keys)).values_list("key", "text"))


@lru_cache(maxsize=1)
def incident_playbooks() -> tuple[IncidentPlaybook, ...]:
    return load_incidents()

"""A database migrated with the action plan inside playbooks moves forward with its rows."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD_LAYOUT = [("actions", None), ("playbooks", "0002_assessments"), ("evidence", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_action_items_and_comments_survive_the_move_to_the_actions_app():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        old = _migrate(OLD_LAYOUT)
        company = old.get_model("accounts", "Company").objects.create(name="Old layout Ltd")
        item = old.get_model("playbooks", "ActionItem").objects.create(
            company=company,
            title={"en": "Register the mark"},
            tier="urgent",
            due_date=datetime.date(2027, 1, 1),
        )
        comments = old.get_model("playbooks", "ActionComment").objects
        comments.create(action=item, body="kept")
        # System comments were stored worded in the writer's language.
        comments.create(action=item, is_system=True, body="状态已更改为“已完成”。")
        comments.create(action=item, is_system=True, body="owner → nobody; due date → 2027-02-01")
        comments.create(action=item, is_system=True, body="Something no code stands for.")
        old.get_model("evidence", "EvidenceRecord")  # the old state still knows the record

        new = _migrate(latest)
        moved = new.get_model("actions", "ActionItem").objects.get(pk=item.pk)
        assert moved.title == {"en": "Register the mark"}
        stored = [(c.is_system, c.code, c.params, c.body) for c in moved.comments.order_by("pk")]
        assert stored == [
            (False, "", {}, "kept"),
            (True, "status_changed", {"status": "done"}, ""),
            (True, "updated", {"owner": None, "date": "2027-02-01"}, ""),
            (True, "", {}, "Something no code stands for."),
        ]
        evidence_fk = new.get_model("evidence", "EvidenceRecord")._meta.get_field("action")
        assert evidence_fk.related_model._meta.label == "actions.ActionItem"
    finally:
        _migrate(latest)

"""History is stored as a code and its parameters and worded in each reader's language."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ipguard.portfolio.models import DeadlineEvent
from tests.factories import ActionItemFactory, deadline_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def chinese_editor_and_english_owner(personas):
    personas.editor.language = "zh-hans"
    personas.editor.save(update_fields=["language"])
    personas.owner.language = "en"
    personas.owner.save(update_fields=["language"])
    return personas.client_for(personas.editor), personas.client_for(personas.owner)


def test_a_chinese_editors_action_changes_read_in_english_to_an_english_reader(
    personas, chinese_editor_and_english_owner
):
    chinese, english = chinese_editor_and_english_owner
    action = ActionItemFactory(company=personas.company)
    status_url = reverse("actions:action_status", args=[action.pk])
    assert chinese.post(status_url, {"status": "done"}).status_code == 302
    new_due = (date.today() + timedelta(days=60)).isoformat()
    edit_url = reverse("actions:action_edit", args=[action.pk])
    assert chinese.post(edit_url, {"owner": "", "due_date": new_due}).status_code == 302

    detail = reverse("actions:action_detail", args=[action.pk])
    page = english.get(detail).content.decode()
    assert "Status changed to Done." in page
    assert f"due date → {new_due}" in page
    assert "状态" not in page and "截止日期" not in page
    chinese_page = chinese.get(detail).content.decode()
    assert "状态已更改为“已完成”。" in chinese_page and f"截止日期 → {new_due}" in chinese_page


def test_a_chinese_editors_deadline_change_reads_in_english_to_an_english_reader(
    personas, chinese_editor_and_english_owner
):
    chinese, english = chinese_editor_and_english_owner
    deadline = deadline_of(personas.company)
    deadline.status = "open"  # whatever the factory's dates made it
    deadline.save(update_fields=["status"])
    url = reverse("portfolio:deadline_status", args=[deadline.pk])
    assert chinese.post(url, {"action": "done"}).status_code == 302
    event = deadline.events.last()
    assert (event.code, event.params, event.body) == ("status_changed", {"status": "done"}, "")

    page = english.get(reverse("portfolio:deadline_detail", args=[deadline.pk])).content.decode()
    assert "Status changed to Done." in page and "状态" not in page


def test_stored_deadline_texts_become_codes_and_unknown_ones_stay():
    migration = importlib.import_module("ipguard.portfolio.migrations.0005_history_as_codes")
    from tests.factories import CompanyFactory

    deadline = deadline_of(CompanyFactory())
    rows = {
        body: DeadlineEvent.objects.create(filing=deadline.filing, key=deadline.key, body=body)
        for body in [
            "已暂缓提醒至 2027-01-01。",
            "状态已改为已完成。",
            "Removed “Trademark renewal” (due 2031-05-01, Dismissed): its rule no longer "
            "applies to the filing's dates.",
            "已删除“商标续展”（截止日 2031-05-01，待处理）：按该申请现在的日期，此规则已不适用。",
            "A note someone typed.",
        ]
    }
    migration.events_to_codes(apps, None)

    stored = {body: DeadlineEvent.objects.get(pk=row.pk) for body, row in rows.items()}
    coded = [(e.code, e.params, e.body) for e in stored.values()]
    assert coded == [
        ("snoozed", {"day": "2027-01-01"}, ""),
        ("status_changed", {"status": "done"}, ""),
        ("removed", {"label": "Trademark renewal", "due": "2031-05-01", "status": "dismissed"}, ""),
        ("removed", {"label": "Trademark renewal", "due": "2031-05-01", "status": "open"}, ""),
        ("", {}, "A note someone typed."),
    ]
    with translation.override("en"):
        texts = [event.text() for event in stored.values()]
    assert texts[0] == "Snoozed until 2027-01-01."
    assert texts[3] == (
        "Removed “Trademark renewal” (due 2031-05-01, Open): its rule no longer applies to the "
        "filing's dates."
    )
    assert texts[4] == "A note someone typed."

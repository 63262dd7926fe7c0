"""The reminder on the last day of grace says the right is lost tomorrow (issue 16).

A deadline due Thursday 2030-03-14 whose six-month grace (CN Trademark Law Art 40, ip-rules.md
CN row) would end on Saturday 2030-09-14 and is moved to Monday 2030-09-16.
"""

from datetime import date

import pytest
import time_machine
from django.core import mail

from ipguard.reminders.models import SentReminder
from ipguard.reminders.schedule import current_slot, regular_slot
from tests.reminders.builders import make_deadline
from tests.reminders.test_delivery import run_tasks_inline, sweep  # noqa: F401 - fixture

DUE = date(2030, 3, 14)
LAST_DAY = date(2030, 9, 16)
OFFSETS = (60, 30, 7, 1, 0)


def test_the_last_day_of_grace_has_a_slot_of_its_own():
    slot = regular_slot(due=DUE, today=LAST_DAY, offsets=OFFSETS, last_day=LAST_DAY)
    assert (slot.key, slot.falls_on, slot.overdue) == ("last_day", LAST_DAY, True)
    # The day before and the day after follow the weekly overdue rhythm.
    before = regular_slot(due=DUE, today=date(2030, 9, 15), offsets=OFFSETS, last_day=LAST_DAY)
    after = regular_slot(due=DUE, today=date(2030, 9, 17), offsets=OFFSETS, last_day=LAST_DAY)
    assert before.key.startswith("overdue:") and after.key.startswith("overdue:")
    # Without a grace period the due day's own reminder stands.
    assert regular_slot(due=DUE, today=DUE, offsets=OFFSETS, last_day=DUE).key == "before:0"
    # A snooze ending on the last day still lets the last-day reminder out.
    snoozed = current_slot(
        due=DUE, today=LAST_DAY, offsets=OFFSETS, snoozed_until=LAST_DAY, last_day=LAST_DAY
    )
    assert snoozed.key == "last_day"


@pytest.mark.django_db
@pytest.mark.usefixtures("run_tasks_inline")
@pytest.mark.parametrize(
    ("language", "subject", "banner"),
    [
        (
            "en",
            "[IPGuard] Renewal · SUNRISE · CN 12345678: last day, lost tomorrow if not paid today",
            "Last day: lost tomorrow if not paid today",
        ),
        (
            "zh-hans",
            "[IPGuard] “Renewal · SUNRISE · CN 12345678”：最后一天，今天不缴费，明天即失去权利",
            "最后一天：今天不缴费，明天即失去权利",
        ),
    ],
)
def test_the_last_day_email_says_lost_tomorrow_in_the_readers_language(
    personas, django_capture_on_commit_callbacks, language, subject, banner
):
    personas.editor.language = language
    personas.editor.save(update_fields=["language"])
    make_deadline(personas.company, due_date=DUE, owner=personas.editor, grace_ends=LAST_DAY)
    with time_machine.travel("2030-09-16 01:00:00+00:00", tick=False):
        sweep(django_capture_on_commit_callbacks)
    editor_mail = next(m for m in mail.outbox if m.to == ["editor@acme.test"])
    assert editor_mail.subject == subject
    assert banner in editor_mail.alternatives[0][0]
    row = SentReminder.objects.get(slot="last_day", recipient=personas.editor)
    assert row.slot_label() == "Last day of grace"  # the log, read in English here


@pytest.mark.django_db
@pytest.mark.usefixtures("run_tasks_inline")
def test_in_grace_the_email_counts_the_days_left(personas, django_capture_on_commit_callbacks):
    make_deadline(personas.company, due_date=DUE, owner=personas.editor, grace_ends=LAST_DAY)
    # 2030-03-15 is the first overdue slot: 185 days of grace left.
    with time_machine.travel("2030-03-15 01:00:00+00:00", tick=False):
        sweep(django_capture_on_commit_callbacks)
    editor_mail = next(m for m in mail.outbox if m.to == ["editor@acme.test"])
    assert editor_mail.subject == (
        "[IPGuard] Renewal · SUNRISE · CN 12345678 is in its grace period: "
        "185 days left to pay with a surcharge"
    )

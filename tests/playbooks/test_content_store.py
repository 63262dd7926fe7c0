"""Loading content into the catalogue: re-runs update, add and retire, never lose answers."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from ipguard.playbooks.content import CONTENT_DIR
from ipguard.playbooks.content_store import current_content, playbooks_load
from ipguard.playbooks.models import ContentArea, ContentQuestion
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_command_loads_every_area_and_a_rerun_changes_nothing(capsys):
    call_command("load_playbooks")
    first = capsys.readouterr().out
    assert "Playbook content loaded." in first
    assert ContentArea.objects.filter(retired_at__isnull=True).count() >= 7
    assert ContentQuestion.objects.filter(retired_at__isnull=True).count() >= 40

    call_command("load_playbooks")
    again = capsys.readouterr().out
    assert "added: 0" in again and "updated: 0" in again and "retired: 0" in again


def test_reloading_updates_texts_adds_new_questions_and_retires_removed_ones(content_copy):
    playbooks_load(directory=content_copy)
    answered = AssessmentFactory(answers={"cn_mark_registered": "yes", "tm_watch": "no"})

    trademarks = content_copy / "trademarks.yaml"
    _replace(
        trademarks,
        "Is your main brand registered as a trademark in China",
        "Is your core brand registered as a trademark in mainland China",
    )
    # Remove the first question of the governance file by renaming its key: the old key retires
    # and the new one is added.
    _replace(content_copy / "governance.yaml", "key: tech_savvy_ip_staff", "key: ip_staff_trained")
    summary = playbooks_load(directory=content_copy)

    assert "cn_mark_registered" in summary.updated
    assert "ip_staff_trained" in summary.added
    assert "tech_savvy_ip_staff" in summary.retired
    retired = ContentQuestion.objects.get(key="tech_savvy_ip_staff")
    assert retired.retired_at is not None
    assert "core brand" in ContentQuestion.objects.get(key="cn_mark_registered").text["en"]

    content = current_content()
    assert "core brand" in content.question("cn_mark_registered").text["en"]
    assert not content.has_question("tech_savvy_ip_staff")
    answered.refresh_from_db()
    assert answered.answers == {"cn_mark_registered": "yes", "tm_watch": "no"}


def test_a_broken_file_fails_with_its_name_and_loads_nothing(content_copy):
    playbooks_load(directory=content_copy)
    before = list(ContentQuestion.objects.order_by("key").values_list("key", "text", "retired_at"))

    _replace(
        content_copy / "trademarks.yaml",
        "Is your main brand registered as a trademark in China",
        "Is your core brand registered",
    )
    _replace(content_copy / "patents.yaml", "kind: yes_no", "kind: essay")
    with pytest.raises(CommandError) as error:
        call_command("load_playbooks", directory=str(content_copy))
    message = str(error.value)
    assert "nothing was loaded" in message
    assert "patents.yaml" in message and "essay" in message

    after = list(ContentQuestion.objects.order_by("key").values_list("key", "text", "retired_at"))
    assert after == before
    assert "main brand" in current_content().question("cn_mark_registered").text["en"]


def test_pages_load_the_catalogue_on_first_use():
    assert not ContentArea.objects.exists()
    content = current_content()
    assert len(content.areas) >= 7
    assert ContentArea.objects.count() == len(content.areas)

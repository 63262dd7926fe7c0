import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ipguard.evidence.models import EvidenceEntry
from ipguard.evidence.verification import vault_verify
from tests.evidence.conftest import sha256, stored_files

pytestmark = pytest.mark.django_db

FILES = [
    ("logo.svg", b"<svg>sunrise logo</svg>"),
    ("lamp-front.dwg", b"AC1032 lamp front view" * 20),
    ("lamp-side.dwg", b"AC1032 lamp side view" * 20),
    ("packaging.pdf", b"%PDF-1.7 box artwork"),
]


@pytest.fixture
def vault(record_files, media):
    """Four entries in three records."""
    record_files(FILES[:1], title="Logo")
    record_files(FILES[1:3], title="Lamp drawings")
    record_files(FILES[3:], title="Packaging")
    return {entry.position: entry for entry in EvidenceEntry.objects.all()}


def run_command(*args):
    from io import StringIO

    out = StringIO()
    call_command("verify_evidence", *args, stdout=out)
    return out.getvalue()


def test_an_untouched_vault_is_intact(personas, vault, viewer_client):
    result = vault_verify(personas.company)
    assert (result.intact, result.checked, result.total) == (True, 4, 4)

    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "Intact." in page and "4 entries checked" in page
    output = run_command("--company", str(personas.company.pk))
    assert output.startswith(f"Acme Lighting (id {personas.company.pk}): intact, 4 entries")


def test_a_changed_stored_file_is_caught_and_named(personas, vault, media, viewer_client):
    path = media / vault[2].storage_name
    path.write_bytes(b"AC1032 a redrawn lamp")

    result = vault_verify(personas.company)
    assert (result.intact, result.first_break.position) == (False, 2)
    assert result.first_break.reason == "file_changed"
    assert sha256(b"AC1032 a redrawn lamp") in result.first_break.message
    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "Broken at entry 2" in page and "the stored file has changed" in page
    with pytest.raises(CommandError, match="1 evidence chain"):
        run_command()


def test_a_deleted_stored_file_is_caught(personas, vault, media):
    (media / vault[4].storage_name).unlink()

    found = vault_verify(personas.company).first_break
    assert (found.position, found.reason) == (4, "file_missing")


def test_changed_entry_metadata_is_caught(personas, vault, viewer_client):
    backdated = {**vault[3].metadata, "created_on": "2019-01-01"}
    EvidenceEntry.objects.filter(pk=vault[3].pk).update(metadata=backdated)

    found = vault_verify(personas.company).first_break
    assert (found.position, found.reason) == (3, "entry_changed")
    assert 'Entry 3 ("lamp-side.dwg") was changed' in found.message
    page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "the entry was changed after it was recorded" in page


def test_swapped_chain_order_is_caught(personas, vault):
    # Swap the positions of entries 2 and 3 (through a spare value: positions are unique).
    EvidenceEntry.objects.filter(pk=vault[2].pk).update(position=99)
    EvidenceEntry.objects.filter(pk=vault[3].pk).update(position=2)
    EvidenceEntry.objects.filter(pk=vault[2].pk).update(position=3)

    found = vault_verify(personas.company).first_break
    assert (found.position, found.reason) == (3, "order_changed")
    assert "out of order" in found.message


def test_a_removed_entry_is_caught(personas, vault):
    EvidenceEntry.objects.filter(pk=vault[2].pk).delete()

    found = vault_verify(personas.company).first_break
    assert (found.position, found.reason) == (2, "entry_missing")
    with pytest.raises(CommandError):
        run_command("--company", str(personas.company.pk))


def test_a_removed_last_entry_is_caught_by_the_recorded_head(personas, vault):
    EvidenceEntry.objects.filter(pk=vault[4].pk).delete()

    result = vault_verify(personas.company)
    assert (result.first_break.position, result.first_break.reason) == (5 - 1, "entry_missing")
    assert result.checked == 3


def test_the_command_names_the_break(personas, vault, media):
    (media / vault[1].storage_name).write_bytes(b"<svg>another logo</svg>")
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_evidence", stdout=out)
    assert 'BROKEN at entry 1 (file_changed): The file for entry 1 ("logo.svg")' in out.getvalue()


def test_the_command_refuses_an_unknown_company(db):
    with pytest.raises(CommandError, match="no company with id 999999"):
        run_command("--company", "999999")


def test_the_next_upload_is_refused_on_a_damaged_head(personas, vault, editor_client, media):
    EvidenceEntry.objects.filter(pk=vault[4].pk).delete()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        reverse("evidence:record_create"),
        {"title": "More", "files": [SimpleUploadedFile("more.png", b"png")]},
    )
    assert response.status_code == 302 and response["Location"] == reverse("evidence:verify")
    assert EvidenceEntry.objects.count() == 3
    assert len(stored_files(media)) == 4  # the refused upload's file was removed again


def test_the_dashboard_shows_the_vault(personas, vault, viewer_client):
    page = viewer_client.get(reverse("core:dashboard")).content.decode()
    assert "3 records in the vault." in page and "Latest: Packaging." in page


def test_the_pages_speak_chinese(personas, vault, viewer_client):
    viewer_client.cookies["django_language"] = "zh-hans"

    vault_page = viewer_client.get(reverse("evidence:vault")).content.decode()
    assert "证据库" in vault_page and "尚未配置可信时间戳机构" in vault_page
    verify_page = viewer_client.get(reverse("evidence:verify")).content.decode()
    assert "已核验 4 个条目" in verify_page

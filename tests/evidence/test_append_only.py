import pytest
from django.db.models import RestrictedError

from ipguard.evidence.models import EvidenceEntry, EvidenceRecord

pytestmark = pytest.mark.django_db


def test_a_recorded_entry_cannot_be_deleted_on_its_own(record_files):
    record = record_files([("a.png", b"png")])

    with pytest.raises(RestrictedError):
        record.delete()
    assert EvidenceEntry.objects.count() == 1


def test_a_corrected_record_cannot_be_deleted(record_files):
    old = record_files([("a.png", b"png")])
    record_files([("b.png", b"png, fixed")], corrects=old)

    with pytest.raises(RestrictedError):
        EvidenceRecord.objects.filter(pk=old.pk).delete()


def test_deleting_a_company_takes_its_vault_with_it(personas, record_files):
    old = record_files([("a.png", b"png")])
    record_files([("b.png", b"png, fixed")], corrects=old)

    personas.company.delete()
    assert not EvidenceRecord.objects.exists() and not EvidenceEntry.objects.exists()

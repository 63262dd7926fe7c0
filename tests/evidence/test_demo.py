import io

import pytest
from django.core.management import call_command
from django.test import TestCase

from ipguard.accounts.models import Company
from ipguard.evidence.models import EvidenceEntry, EvidenceRecord
from ipguard.evidence.verification import vault_verify

pytestmark = pytest.mark.django_db


def test_the_demo_vault_has_records_and_verifies(media):
    with TestCase.captureOnCommitCallbacks(execute=True):  # files move into place on commit
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())  # a re-run adds nothing

    company = Company.objects.get(name="Sunrise Lighting Co., Ltd.")
    assert EvidenceRecord.objects.filter(company=company).count() == 2
    assert EvidenceEntry.objects.filter(company=company).count() == 3
    assert vault_verify(company).intact

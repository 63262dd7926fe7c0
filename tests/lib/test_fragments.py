"""versions_bumped_once: a transaction that writes a lot bumps each company's version once."""

import pytest
from django.db import transaction

from ipguard.lib.fragments import company_data_changed, versions_bumped_once
from ipguard.portfolio.services import filings_import
from tests.factories import AssetFactory, CompanyFactory, FilingFactory

pytestmark = pytest.mark.django_db


def _version(company):
    company.refresh_from_db(fields=["data_version"])
    return company.data_version


def test_writes_in_a_batch_bump_each_company_once_at_its_end():
    company, other = CompanyFactory(), CompanyFactory()
    before, other_before = _version(company), _version(other)
    with transaction.atomic():
        with versions_bumped_once():
            asset = AssetFactory(company=company)
            FilingFactory(asset=asset)  # through its asset: a company found by a read
            AssetFactory(company=other)
            company_data_changed(company.pk)
            assert (_version(company), _version(other)) == (before, other_before)
        assert (_version(company), _version(other)) == (before + 1, other_before + 1)


def test_a_failed_batch_leaves_nothing_to_bump():
    company = CompanyFactory()
    before = _version(company)
    with pytest.raises(ValueError), transaction.atomic(), versions_bumped_once():
        AssetFactory(company=company)
        raise ValueError("a bad row")
    assert _version(company) == before
    AssetFactory(company=company)  # outside a batch, every write bumps at once
    assert _version(company) == before + 1


@pytest.mark.django_db(transaction=True)  # no test transaction around it
def test_a_batch_needs_a_transaction():
    with pytest.raises(RuntimeError, match="needs a transaction"), versions_bumped_once():
        pass


def test_an_import_bumps_its_company_once(personas):
    before = _version(personas.company)
    rows = [
        {
            "asset": f"LUMEN {n}", "right": "trademark", "mark_type": "word",
            "nice_classes": [11], "owner_email": "", "office": "CN", "number": f"5100{n}",
            "route": "", "status": "filed", "designated_countries": [],
            "filing_date": "2025-03-03",
        }
        for n in range(3)
    ]  # fmt: skip
    assert filings_import(company=personas.company, rows=rows) == (3, 3)
    assert _version(personas.company) == before + 1


def test_a_batch_whose_transaction_is_marked_for_rollback_bumps_nothing():
    company = CompanyFactory()
    before = _version(company)
    with transaction.atomic(), versions_bumped_once():
        AssetFactory(company=company)
        transaction.set_rollback(True)  # as an import refusing its whole file does
    assert _version(company) == before

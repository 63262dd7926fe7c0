"""An action item asks for a deposit of critical records left without one (ip-rules.md s.4)."""

import datetime
import io

import pytest
from django.urls import reverse

from ipguard.actions.models import ActionItem
from ipguard.evidence.deposit_actions import deposit_actions_sync, deposit_policy_set
from ipguard.evidence.deposits import external_deposit_create
from ipguard.evidence.models import DepositPolicy, ExternalDeposit
from ipguard.evidence.services import IncomingFile
from ipguard.evidence.tasks import deposit_actions_sweep
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


RECORDED = datetime.datetime(2026, 9, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def design_record(personas, record_files):
    asset = AssetFactory(company=personas.company, right="design", name="L-300 lamp")
    return record_files([("l300.dwg", b"lamp")], title="L-300 drawings", asset=asset, now=RECORDED)


def _deposit(personas, entry, target="file", given=None):
    return external_deposit_create(
        company=personas.company,
        user=personas.editor,
        entry=entry,
        target=target,
        kind=ExternalDeposit.Kind.JUDICIAL_BLOCKCHAIN,
        platform="Hangzhou Internet Court",
        certificate_number="HZ-9",
        deposited_at=RECORDED,
        platform_hash=given or entry.file_sha256,
        certificate=IncomingFile(name="c.pdf", stream=io.BytesIO(b"%PDF c"), size=6),
    )


def _policy(personas, kinds=("design",), days=30):
    return DepositPolicy.objects.create(
        company=personas.company, critical_asset_kinds=list(kinds), deposit_within_days=days
    )


def test_a_critical_record_without_a_deposit_gets_one_item_after_the_period(
    personas, design_record
):
    _policy(personas, days=30)
    # 30 days after 2026-09-01 10:00 is 2026-10-01 10:00: not yet at 09:59, due at 10:00.
    before = datetime.datetime(2026, 10, 1, 9, 59, tzinfo=datetime.UTC)
    at = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
    assert deposit_actions_sync(company=personas.company, now=before)["opened"] == []

    (item,) = deposit_actions_sync(
        company=personas.company, now=at, today=datetime.date(2026, 10, 1)
    )["opened"]
    assert item.origin == "evidence" and item.is_open
    assert item.title["en"] == ("Deposit “L-300 drawings” with a judicial blockchain or a notary")
    assert "司法区块链" in item.title["zh_hans"]
    assert item.due_date == datetime.date(2026, 11, 1)  # urgent tier: one month
    # Running again (or the daily sweep) never opens a second one.
    assert deposit_actions_sync(company=personas.company, now=at)["opened"] == []
    assert deposit_actions_sweep() == 1
    assert ActionItem.objects.filter(company=personas.company, origin="evidence").count() == 1


def test_records_of_other_kinds_or_other_companies_are_left_alone(personas, record_files):
    _policy(personas, kinds=("design",))
    brand = AssetFactory(company=personas.company, right="trademark")
    record_files([("logo.svg", b"<svg/>")], asset=brand, now=RECORDED)
    record_files([("notes.txt", b"notes")], now=RECORDED)
    assert deposit_actions_sync(company=personas.company)["opened"] == []
    assert deposit_actions_sync(company=personas.other_company)["opened"] == []


def test_recording_a_deposit_closes_the_item(personas, design_record):
    _policy(personas)
    (item,) = deposit_actions_sync(company=personas.company)["opened"]

    _deposit(personas, design_record.entries.get())

    item.refresh_from_db()
    assert item.status == "done"
    assert "deposit covering this record" in item.comments.get().text()
    # The certificate record (linked to the same design) never asks for a deposit of itself.
    assert deposit_actions_sync(company=personas.company)["opened"] == []


def test_a_chain_head_deposit_after_the_record_also_closes_it(personas, design_record):
    _policy(personas)
    (item,) = deposit_actions_sync(company=personas.company)["opened"]
    entry = design_record.entries.get()
    _deposit(personas, entry, target="chain_head", given=entry.entry_hash)
    item.refresh_from_db()
    assert item.status == "done"


def test_an_item_the_user_closed_is_not_reopened(personas, design_record):
    _policy(personas)
    (item,) = deposit_actions_sync(company=personas.company)["opened"]
    ActionItem.objects.filter(pk=item.pk).update(status="not_applicable")
    assert deposit_actions_sync(company=personas.company)["opened"] == []


def test_the_owner_sets_the_policy_and_items_appear(personas, design_record, owner_client):
    url = reverse("evidence:deposit_policy")
    assert "Design" in owner_client.get(url).content.decode()
    response = owner_client.post(
        url, {"critical_asset_kinds": ["design"], "deposit_within_days": "30"}, follow=True
    )
    assert "1 record(s) now need a deposit" in response.content.decode()
    policy = DepositPolicy.objects.get(company=personas.company)
    assert policy.critical_asset_kinds == ["design"]
    assert owner_client.post(url, {"deposit_within_days": "0"}).status_code == 400


def test_only_owners_set_the_policy(personas, editor_client, viewer_client):
    url = reverse("evidence:deposit_policy")
    assert editor_client.get(url).status_code == 403
    assert viewer_client.post(url, {"deposit_within_days": "5"}).status_code == 403


def test_policy_service_applies_at_once(personas, design_record):
    result = deposit_policy_set(
        company=personas.company, critical_asset_kinds=["design"], deposit_within_days=10
    )
    assert len(result["opened"]) == 1

"""The AI-content register: pages, and flags as action items that close when resolved."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ipguard.actions.models import ActionItem
from tests.factories import AiAssetFactory, AiToolFactory, EvidenceRecordFactory

pytestmark = pytest.mark.django_db


def open_keys(company):
    return sorted(
        ActionItem.objects.filter(company=company, origin="products", status="todo").values_list(
            "key", flat=True
        )
    )


def test_flags_become_items_and_close_when_resolved(personas, editor_client):
    company = personas.company
    company.revenue_band = "5m_50m_usd"
    company.save()
    response = editor_client.post(
        reverse("products:ai_tool_create"),
        {
            "name": "Stable Diffusion",
            "kind": "open_model",
            "version": "3.5 Large",
            "licence": "Stability AI Community Licence",
            "commercial_use": "allowed",
            "revenue_threshold_usd": 1000000,
            "used_commercially": "on",
        },
    )
    assert response.status_code == 302
    tool = company.ai_tools.get()
    response = editor_client.post(
        reverse("products:ai_asset_create"),
        {
            "title": "Spring banner",
            "tool": tool.pk,
            "made_by": "Wang Fang",
            "created_on": "2026-03-01",
            "market": "CN",
        },
    )
    assert response.status_code == 302
    asset = company.ai_assets.get()
    assert asset.tool_version == "3.5 Large"  # taken from the tool when left empty
    assert open_keys(company) == [
        f"products:ai:label:{asset.pk}",
        f"products:ai:licence:{tool.pk}",
        "products:ai:manual",
        f"products:ai:provenance:{asset.pk}",
    ]
    licence = ActionItem.objects.get(key=f"products:ai:licence:{tool.pk}")
    assert licence.tier == "urgent" and "enterprise licence" in licence.why["en"]
    assert licence.due_date == date.today() + timedelta(days=30)
    page = editor_client.get(reverse("products:ai_register")).content.decode()
    assert "Label the AI-generated asset “Spring banner” for CN" in page
    # Resolve: an enterprise licence (no threshold), provenance, label and a current manual.
    tool.revenue_threshold_usd = None
    editor_client.post(
        reverse("products:ai_tool_edit", args=[tool.pk]),
        {
            "name": tool.name,
            "kind": tool.kind,
            "version": tool.version,
            "commercial_use": "allowed",
            "used_commercially": "on",
        },
    )
    record = EvidenceRecordFactory(company=company)
    editor_client.post(
        reverse("products:ai_asset_edit", args=[asset.pk]),
        {
            "title": asset.title,
            "tool": tool.pk,
            "tool_version": "3.5 Large",
            "made_by": "Wang Fang",
            "created_on": "2026-03-01",
            "market": "CN",
            "provenance": record.pk,
            "labelled": "on",
        },
    )
    editor_client.post(reverse("products:ai_manual"), {"updated_on": date.today().isoformat()})
    assert open_keys(company) == []
    assert ActionItem.objects.filter(company=company, origin="products", status="done").count() == 4


def test_another_companys_evidence_cannot_be_the_provenance(personas, editor_client):
    tool = AiToolFactory(company=personas.company)
    theirs = EvidenceRecordFactory(company=personas.other_company)
    response = editor_client.post(
        reverse("products:ai_asset_create"),
        {
            "title": "Banner",
            "tool": tool.pk,
            "made_by": "x",
            "created_on": "2026-03-01",
            "market": "US",
            "provenance": theirs.pk,
        },
    )
    assert response.status_code == 400


def test_the_register_in_chinese(personas):
    AiAssetFactory(company=personas.company, market="CN")
    client = personas.client_for(personas.viewer)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("products:ai_register")).content.decode()
    assert "AI 生成内容" in page and "生成素材" in page
    assert "添加标识" in page  # the missing CN label flag

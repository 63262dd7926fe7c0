"""The health check asks about markets and marks with answers prefilled from the products
register (suggestions only: the user saves them)."""

import pytest
from django.urls import reverse

from ipguard.products import health_check, services
from tests.factories import AssessmentFactory, AssetFactory, FilingFactory, ProductFactory


def test_suggested_answers_hand_checked():
    s = health_check.suggested_answers
    assert s(markets=set(), channels=set(), uncovered_markets=set()) == {}
    assert s(markets={"CN"}, channels={"trade_shows"}, uncovered_markets=set()) == {
        "export_markets": ["none"]
    }
    assert s(markets={"CN", "US", "SG", "MX"}, channels={"amazon"}, uncovered_markets={"SG"}) == {
        "export_markets": ["other", "southeast_asia", "us"],
        "sells_online": "yes",
        "export_mark_coverage": "some_markets",
    }
    assert s(markets={"US"}, channels=set(), uncovered_markets=set())["export_mark_coverage"] == (
        "all_markets"
    )
    assert (
        s(markets={"US", "CN"}, channels=set(), uncovered_markets={"US", "CN"})[
            "export_mark_coverage"
        ]
        == "none"
    )


@pytest.mark.django_db
def test_the_profile_page_is_prefilled_from_the_register(personas, editor_client):
    brand = AssetFactory(company=personas.company, name="SUNBEAM")
    FilingFactory(asset=brand, office="US", status="registered")
    product = ProductFactory(company=personas.company, channels=["amazon"])
    product.brands.add(brand)
    services.market_save(product=product, data={"market": "US"}, user=personas.owner)
    AssessmentFactory(company=personas.company, status="draft", answers={})
    page = editor_client.get(
        reverse("playbooks:questionnaire_area", args=["profile"])
    ).content.decode()
    assert 'id="register-prefill"' in page
    assert 'value="us"  id="id_export_markets_1" checked' in page
    assert 'value="eu"  id="id_export_markets_2" checked' not in page
    assert 'value="yes"  id="id_sells_online_0" checked' in page


@pytest.mark.django_db
def test_a_stored_answer_is_never_overridden(personas, editor_client):
    product = ProductFactory(company=personas.company, channels=["amazon"])
    services.market_save(product=product, data={"market": "US"}, user=personas.owner)
    AssessmentFactory(company=personas.company, status="draft", answers={"export_markets": ["eu"]})
    page = editor_client.get(
        reverse("playbooks:questionnaire_area", args=["profile"])
    ).content.decode()
    assert 'value="eu"  id="id_export_markets_2" checked' in page
    assert 'value="us"  id="id_export_markets_1" checked' not in page

"""The products list is cached per company and role, yet a write shows at the next read."""

import pytest
from django.urls import reverse

from ipguard.products import services
from tests.factories import AssetFactory, ProductFactory, ProductMarketFactory
from tests.pages import read_page, unmasked

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("products:product_list")


def test_a_second_read_is_served_from_the_cache(personas, owner_client):
    ProductMarketFactory(product=ProductFactory(company=personas.company, name="L-200 lamp"))
    first, cold = read_page(owner_client, PRODUCTS)
    again, warm = read_page(owner_client, PRODUCTS)
    assert warm < cold and unmasked(again) == unmasked(first)


def test_a_new_market_a_renamed_brand_and_a_linked_brand_show_at_the_next_read(
    personas, owner_client
):
    lamp = ProductFactory(company=personas.company, name="L-200 lamp")
    brand = AssetFactory(company=personas.company, name="LUMEN")
    assert "L-200 lamp" in read_page(owner_client, PRODUCTS)[0]
    ProductMarketFactory(product=lamp, market="DE")
    assert "DE" in read_page(owner_client, PRODUCTS)[0]
    lamp.brands.add(brand)  # a link alone, no row of the product changes
    assert "LUMEN" in read_page(owner_client, PRODUCTS)[0]
    brand.name = "LUMEN PRO"
    brand.save()
    assert "LUMEN PRO" in read_page(owner_client, PRODUCTS)[0]
    services.product_save(
        company=personas.company, data={"name": "L-300 lamp"}, product=lamp, user=personas.owner
    )
    assert "L-300 lamp" in read_page(owner_client, PRODUCTS)[0]


def test_roles_and_companies_have_their_own_body(personas, owner_client, viewer_client):
    ProductFactory(company=personas.company, name="L-200 lamp")
    add = reverse("products:product_create")
    assert add in read_page(owner_client, PRODUCTS)[0]
    assert add not in read_page(viewer_client, PRODUCTS)[0]
    outsider = personas.client_for(personas.outsider)
    assert "L-200 lamp" not in read_page(outsider, PRODUCTS)[0]

"""Inputs that once gave a server error answer with a message saying what is wrong."""

import pytest
from django.urls import reverse

from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "The request contains a NUL character (U+0000), which no field accepts."


def test_nul_in_a_search_box_a_feed_token_or_a_form_is_refused_with_a_message(
    personas, owner_client, client
):
    response = owner_client.get(reverse("portfolio:asset_list"), {"q": "SUN\x00BEAM"})
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()
    response = client.get("/portfolio/feed/abc%00def.ics")
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()
    response = owner_client.post(
        reverse("portfolio:asset_create"),
        "name=A%00&right=design",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400 and NUL_MESSAGE in response.content.decode()


def test_calendar_pages_beyond_the_last_or_not_numbers(personas, owner_client):
    for _n in range(3):
        ActionItemFactory(company=personas.company)
    url = reverse("portfolio:calendar")
    for page in ("9", "99999999999999999999999"):
        response = owner_client.get(url, {"page": page})
        text = response.content.decode()
        assert response.status_code == 200
        assert "showing the last page, 1." in text and "Register mark" in text
    for page in ("abc", "-3", "0", "x" * 10_000):
        response = owner_client.get(url, {"page": page})
        assert response.status_code == 200
        assert "is not a page number: showing page 1." in response.content.decode()

"""A health-check area page is cached per company data version, role and content loaded, yet an
answer, a change to the products register or a content reload shows at the very next read."""

import re
import shutil

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from ipguard.lib.fragments import WATCHED, WATCHED_LINKS
from ipguard.playbooks.content import CONTENT_DIR
from ipguard.playbooks.content_store import current_content, playbooks_load
from ipguard.playbooks.questionnaire_forms import AreaForm
from ipguard.playbooks.services.assessments import assessment_submit
from ipguard.playbooks.templatetags.playbooks_tags import as_question_field
from ipguard.products.selectors import health_check_prefill
from tests.factories import (
    AssessmentFactory,
    AssetFactory,
    FtoReviewFactory,
    PlatformRegistrationFactory,
    ProductFactory,
    ProductMarketFactory,
    WatchedApplicationFactory,
    member,
)
from tests.pages import count_queries

pytestmark = pytest.mark.django_db

PROFILE = reverse("playbooks:questionnaire_area", args=["profile"])
TRADEMARKS = reverse("playbooks:questionnaire_area", args=["trademarks"])
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def draft(personas):
    return AssessmentFactory(company=personas.company, status="draft", answers={})


def _page(client, url=PROFILE):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url=PROFILE):
    return count_queries(lambda: _page(client, url))


def _checked(page, question):
    """The choices of a question that are ticked on the page."""
    pattern = rf'value="([^"]+)"\s+id="id_{question}_\d+"[^>]*\bchecked'
    return set(re.findall(pattern, page))


def test_a_second_read_is_served_from_the_cache(draft, editor_client):
    ProductFactory(company=draft.company)  # the register's prefill has something to read
    first = _queries(editor_client)
    assert _queries(editor_client) <= first - 8


def test_an_answer_saved_on_the_page_shows_at_the_next_read(draft, editor_client):
    assert _checked(_page(editor_client), "export_markets") == set()
    response = editor_client.post(
        PROFILE, {"shown": ["export_markets"], "export_markets": ["jp"], "next": ""}
    )
    assert response.status_code == 302
    assert _checked(_page(editor_client), "export_markets") == {"jp"}


def test_an_invalid_answer_is_shown_again_with_status_400(draft, editor_client):
    _page(editor_client)
    response = editor_client.post(PROFILE, {"shown": ["patent_count"], "patent_count": "-4"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="-4"' in page and "greater than or equal to 0" in page
    assert 'value="-4"' not in _page(editor_client)


def test_a_submitted_draft_is_not_served_from_the_cache(personas, draft, editor_client):
    draft.answers = {"sells_online": "yes"}
    draft.save()
    _page(editor_client)
    assessment_submit(assessment=draft, user=personas.editor)
    response = editor_client.get(PROFILE)  # an editor without a draft is sent to start one
    assert response.status_code == 302
    assert response["Location"] == reverse("playbooks:questionnaire")


def test_products_written_without_a_service_change_the_prefill_at_the_next_read(
    draft, editor_client
):
    product = ProductFactory(company=draft.company, channels=["trade_shows"])
    assert 'id="register-prefill"' not in _page(editor_client)
    market = ProductMarketFactory(product=product, market="JP")
    page = _page(editor_client)
    assert 'id="register-prefill"' in page and _checked(page, "export_markets") == {"jp"}

    market.delete()
    assert 'id="register-prefill"' not in _page(editor_client)

    ProductMarketFactory(product=product, market="JP")
    draft.answers = {"export_markets": ["jp"]}  # mark coverage is asked of exporters only
    draft.save()
    brand = AssetFactory(company=draft.company, right="trademark")  # no mark in JP
    assert _checked(_page(editor_client, TRADEMARKS), "export_mark_coverage") == {"all_markets"}
    product.brands.add(brand)
    assert _checked(_page(editor_client, TRADEMARKS), "export_mark_coverage") == {"none"}


def test_every_table_the_prefill_reads_is_watched(personas):
    product = ProductFactory(company=personas.company)
    ProductMarketFactory(product=product)
    product.brands.add(AssetFactory(company=personas.company, right="trademark"))
    FtoReviewFactory(product=product)
    WatchedApplicationFactory(product=product, status="granted")
    PlatformRegistrationFactory(company=personas.company)
    tables = set()

    def record(run, sql, *args):
        tables.update(re.findall(r'(?:FROM|JOIN) "(\w+)"', sql))
        return run(sql, *args)

    with connection.execute_wrapper(record):
        health_check_prefill(personas.company)

    watched = {apps.get_model(label)._meta.db_table for label in WATCHED}
    for link in WATCHED_LINKS:
        model, _dot, field = link.rpartition(".")
        watched.add(getattr(apps.get_model(model), field).through._meta.db_table)
    assert tables and tables <= watched


def test_a_content_reload_is_not_served_the_old_questions(draft, editor_client, tmp_path):
    question = "Is your main brand registered as a trademark in China"
    assert question in _page(editor_client, TRADEMARKS)
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    trademarks = content / "trademarks.yaml"
    text = trademarks.read_text(encoding="utf-8")
    trademarks.write_text(text.replace(question, "Is the lamp brand registered in China"), "utf-8")
    playbooks_load(directory=content)

    page = _page(editor_client, TRADEMARKS)
    assert "Is the lamp brand registered in China" in page and question not in page


def test_each_reader_gets_their_own_csrf_token_and_can_post_with_it(personas, draft):
    second_editor = member(personas.company, "editor", email="second.editor@acme.test")
    clients = []
    for user in (personas.editor, second_editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        clients.append(client)
    first = _queries(clients[0])
    assert _queries(clients[1]) < first  # the second editor reads the body the first cached

    tokens = [TOKEN.search(_page(client)).group(1) for client in clients]
    assert tokens[0] != tokens[1]
    for client, token, answer in zip(clients, tokens, ("kr", "uk"), strict=True):
        response = client.post(
            PROFILE,
            {
                "csrfmiddlewaretoken": token,
                "shown": ["export_markets"],
                "export_markets": [answer],
                "next": "",
            },
        )
        assert response.status_code == 302
    # Each token is bound to its reader: the first editor's does not pass for the second.
    refused = clients[1].post(PROFILE, {"csrfmiddlewaretoken": tokens[0], "shown": []})
    assert refused.status_code == 403


def test_a_viewer_and_an_editor_do_not_share_a_page(draft, editor_client, viewer_client):
    ProductFactory(company=draft.company, channels=["amazon"])
    editor_page = _page(editor_client)
    viewer_page = _page(viewer_client)
    assert "Only owners and editors can change them" in viewer_page
    assert 'id="register-prefill"' not in viewer_page and "disabled" in viewer_page
    assert 'id="register-prefill"' in editor_page and "hx-post" in editor_page
    assert "Only owners and editors can change them" not in _page(editor_client)


def test_another_company_never_sees_this_companys_answers(personas, draft, owner_client):
    draft.answers = {"export_markets": ["jp"]}
    draft.save()
    AssessmentFactory(
        company=personas.other_company, status="draft", answers={"export_markets": ["kr"]}
    )
    assert _checked(_page(owner_client), "export_markets") == {"jp"}
    outsider = personas.client_for(personas.outsider)
    assert _checked(_page(outsider), "export_markets") == {"kr"}


def test_a_question_field_renders_as_crispy_renders_it():
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    content = current_content()
    for area in content.areas:
        questions = content.questions_for(area.key)
        for form in (
            AreaForm(questions=questions, answers={}, language="en", read_only=True),
            AreaForm({"patent_count": "-4"}, questions=questions, answers={}, language="en"),
        ):
            form.is_valid()
            for field in form:
                assert as_question_field(field) == as_crispy_field(field)

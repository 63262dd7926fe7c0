"""Exposures become action items (no duplicates, closed when the gap is filled), the launch gate,
waivers, counsel's opinions in the evidence vault, and expiry by a watched grant or by time."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipguard.actions.models import ActionItem
from ipguard.evidence.models import EvidenceEntry
from ipguard.products import services, tasks
from ipguard.products.models import FtoReview, ProductMarket
from tests.factories import (
    AssetFactory,
    FilingFactory,
    FtoReviewFactory,
    PlatformRegistrationFactory,
    ProductFactory,
    ProductMarketFactory,
    WatchedApplicationFactory,
)

pytestmark = pytest.mark.django_db


def open_keys(company):
    return sorted(
        ActionItem.objects.filter(
            company=company, origin="products", status__in=["todo", "in_progress"]
        ).values_list("key", flat=True)
    )


@pytest.fixture
def lamp(personas):
    brand = AssetFactory(company=personas.company, name="SUNBEAM", nice_classes=[11])
    FilingFactory(asset=brand, office="US", status="registered")
    product = ProductFactory(
        company=personas.company, name="Desk lamp", nice_classes=[11], channels=["amazon"]
    )
    product.brands.add(brand)
    return product, brand


def test_each_exposure_is_one_item_and_closes_when_fixed(personas, lamp):
    product, brand = lamp
    company = personas.company
    services.market_save(product=product, data={"market": "US"}, user=personas.owner)
    services.market_save(product=product, data={"market": "JP"}, user=personas.owner)
    expected = [
        f"products:fto:{product.pk}:JP",
        f"products:fto:{product.pk}:US",
        f"products:mark:{product.pk}:JP:{brand.pk}",
        f"products:platform:amazon:{brand.pk}",
    ]
    assert open_keys(company) == expected
    # Re-evaluation (a periodic run, another save) never duplicates.
    services.coverage_evaluate(company=company)
    tasks.evaluate_company_coverage(company.pk)
    assert ActionItem.objects.filter(company=company, origin="products").count() == 4
    item = ActionItem.objects.get(key=f"products:mark:{product.pk}:JP:{brand.pk}")
    assert item.title["en"] == "File the mark “SUNBEAM” in JP"
    assert item.title["zh_hans"] == "在 JP 申请商标“SUNBEAM”"
    assert "Suggested route: National filing." in item.why["en"]
    # A planned market without a launch date: within six months (house policy, coverage.py).
    assert date.today() + timedelta(days=180) <= item.due_date <= date.today() + timedelta(days=184)
    assert item.tier == "strategic"
    # Filling the gaps closes the items.
    FilingFactory(asset=brand, office="JP", status="pending")
    PlatformRegistrationFactory(company=company, platform="amazon", brand=brand, status="pending")
    FtoReviewFactory(product=product, market="US")
    services.coverage_evaluate(company=company)
    assert open_keys(company) == [f"products:fto:{product.pk}:JP"]
    closed = ActionItem.objects.get(pk=item.pk)
    assert closed.status == "done" and closed.completed_at is not None
    assert closed.comments.filter(is_system=True).exists()


def test_a_madrid_registration_suggests_a_designation(personas, lamp):
    product, brand = lamp
    FilingFactory(asset=brand, office="WO", status="registered", designated_countries=["EU"])
    services.market_save(product=product, data={"market": "KR"}, user=personas.owner)
    item = ActionItem.objects.get(key=f"products:mark:{product.pk}:KR:{brand.pk}")
    assert "Suggested route: Madrid designation." in item.why["en"]
    assert item.title["en"] == "Designate KR for the mark “SUNBEAM” (Madrid)"
    services.market_save(product=product, data={"market": "EU"}, user=personas.owner)
    assert not ActionItem.objects.filter(key=f"products:mark:{product.pk}:EU:{brand.pk}").exists()


def test_launching_without_a_review_is_refused_with_a_clear_message(personas, editor_client, lamp):
    product, _brand = lamp
    market = ProductMarketFactory(product=product, market="US")
    url = reverse("products:market_edit", args=[market.pk])
    response = editor_client.post(url, {"status": "launched", "launch_date": "2026-11-01"})
    assert response.status_code == 400
    assert "cannot be marked launched in US" in response.content.decode()
    market.refresh_from_db()
    assert market.status == "planned"


def test_a_waiver_records_who_when_and_why(personas, editor_client, lamp):
    product, _brand = lamp
    market = ProductMarketFactory(product=product, market="US")
    url = reverse("products:market_edit", args=[market.pk])
    response = editor_client.post(
        url,
        {
            "status": "launched",
            "launch_date": "2026-11-01",
            "fto_waiver_reason": "Same design as the 2019 model, cleared then",
        },
    )
    assert response.status_code == 302
    market.refresh_from_db()
    assert market.status == "launched"
    assert market.fto_waived_by == personas.editor and market.fto_waived_at is not None
    assert market.fto_waiver_reason == "Same design as the 2019 model, cleared then"
    # A waived market is not a review gap in the action plan.
    assert f"products:fto:{product.pk}:US" not in open_keys(personas.company)


def test_launching_with_a_current_review_is_allowed(personas, editor_client, lamp):
    product, _brand = lamp
    market = ProductMarketFactory(product=product, market="US")
    FtoReviewFactory(product=product, market="US")
    response = editor_client.post(
        reverse("products:market_edit", args=[market.pk]),
        {"status": "launched", "launch_date": "2026-11-01"},
    )
    assert response.status_code == 302
    assert ProductMarket.objects.get(pk=market.pk).status == "launched"


def test_a_design_change_refuses_a_new_launch_and_reopens_the_review_item(
    personas, editor_client, lamp
):
    product, _brand = lamp
    FtoReviewFactory(product=product, market="US")
    services.market_save(product=product, data={"market": "US"}, user=personas.owner)
    assert f"products:fto:{product.pk}:US" not in open_keys(personas.company)
    editor_client.post(
        reverse("products:product_edit", args=[product.pk]),
        {"name": product.name, "nice_classes": "11", "design_version": 2},
    )
    assert f"products:fto:{product.pk}:US" in open_keys(personas.company)
    with pytest.raises(services.LaunchRefused):
        services.market_save(
            product=product,
            data={"status": "launched", "launch_date": date(2026, 11, 1)},
            user=personas.owner,
            market=product.markets.get(),
        )


def test_a_granted_watched_application_expires_the_review(personas, editor_client, lamp):
    product, _brand = lamp
    FtoReviewFactory(product=product, market="US", reviewed_on=date.today() - timedelta(days=30))
    services.market_save(product=product, data={"market": "US"}, user=personas.owner)
    watched = WatchedApplicationFactory(product=product, market="US")
    assert f"products:fto:{product.pk}:US" not in open_keys(personas.company)
    response = editor_client.post(
        reverse("products:watched_edit", args=[watched.pk]),
        {
            "product": product.pk,
            "market": "US",
            "number": watched.number,
            "status": "granted",
            "status_date": date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(key=f"products:fto:{product.pk}:US", status="todo")
    assert "a watched application was granted" in item.why["en"]


def test_an_old_review_becomes_a_due_item_on_the_daily_run(personas, lamp, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    product, _brand = lamp
    ProductMarketFactory(product=product, market="US")
    FtoReviewFactory(product=product, market="US", reviewed_on=date.today() - timedelta(days=400))
    assert tasks.evaluate_all_coverage() == 1
    item = ActionItem.objects.get(key=f"products:fto:{product.pk}:US")
    assert "the review period has passed" in item.why["en"]
    # A shorter company setting expires a recent review too.
    FtoReview.objects.update(reviewed_on=date.today() - timedelta(days=100))
    services.coverage_evaluate(company=personas.company)
    assert not ActionItem.objects.filter(key=item.key, status="todo").exists()
    services.product_settings_save(company=personas.company, fto_review_months=3)
    assert ActionItem.objects.filter(key=item.key, status="todo").exists()


def test_counsels_opinion_is_stored_in_the_evidence_vault(
    personas, editor_client, lamp, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    product, _brand = lamp
    opinion = SimpleUploadedFile("opinion.pdf", b"%PDF-1.4 privileged opinion", "application/pdf")
    response = editor_client.post(
        reverse("products:review_create", args=[product.pk]),
        {
            "market": "US",
            "scope": "LED driver, hinge",
            "searched_classes": "F21V",
            "keywords": "lamp hinge",
            "assignees": "Rival Co",
            "searched_on": "2026-11-01",
            "reviewer": "A. Counsel",
            "reviewed_on": "2026-11-20",
            "opinion_file": opinion,
        },
    )
    assert response.status_code == 302
    review = FtoReview.objects.get(product=product)
    assert review.design_version == product.design_version
    entry = EvidenceEntry.objects.get(record=review.opinion)
    assert entry.file_name == "opinion.pdf" and len(entry.file_sha256) == 64
    assert review.opinion.company == personas.company
    # The review detail adds the patents found, with risk and decision.
    detail = reverse("products:review_detail", args=[review.pk])
    editor_client.post(
        detail, {"number": "US 10,000,001 B2", "risk": "high", "decision": "design_around"}
    )
    assert review.patents.get().decision == "design_around"
    assert "Design around" in editor_client.get(detail).content.decode()


def test_a_refused_opinion_file_is_a_form_error_and_no_review(
    personas, editor_client, lamp, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    product, _brand = lamp
    response = editor_client.post(
        reverse("products:review_create", args=[product.pk]),
        {
            "market": "US",
            "scope": "x",
            "searched_on": "2026-11-01",
            "reviewer": "A. Counsel",
            "reviewed_on": "2026-11-20",
            "opinion_file": SimpleUploadedFile("opinion.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert response.status_code == 400
    assert not FtoReview.objects.exists()


def test_one_item_per_gap_when_closed_by_hand_or_not_applicable(personas, lamp):
    from ipguard.actions.services import action_item_complete, action_item_set_status

    product, brand = lamp
    company = personas.company
    services.market_save(product=product, data={"market": "JP"}, user=personas.owner)
    mark_key = f"products:mark:{product.pk}:JP:{brand.pk}"
    fto_key = f"products:fto:{product.pk}:JP"
    # Done by hand while the gap is still there: the same item is reopened, not duplicated.
    action_item_complete(action=ActionItem.objects.get(key=mark_key), user=personas.owner)
    # Not applicable (with a reason): respected while the gap lasts.
    action_item_set_status(
        action=ActionItem.objects.get(key=fto_key),
        status="not_applicable",
        reason="Sold only as a licensed OEM part there",
    )
    services.coverage_evaluate(company=company)
    assert ActionItem.objects.filter(key=mark_key).count() == 1
    assert ActionItem.objects.get(key=mark_key).status == "todo"
    assert ActionItem.objects.get(key=fto_key).status == "not_applicable"
    # Filled, then lost again (the JP filing lapses): the closed item comes back.
    filing = FilingFactory(asset=brand, office="JP", status="registered")
    services.coverage_evaluate(company=company)
    assert ActionItem.objects.get(key=mark_key).status == "done"
    filing.status = "lapsed"
    filing.save()
    services.coverage_evaluate(company=company)
    item = ActionItem.objects.get(key=mark_key)
    assert (
        item.status == "todo"
        and item.comments.filter(code="reopened_by_products_register").exists()
    )


def test_product_changes_launch_waivers_and_reviews_are_in_the_audit_trail(
    personas, editor_client, lamp
):
    from ipguard.audit.models import AuditEvent

    product, _brand = lamp
    editor_client.post(
        reverse("products:product_edit", args=[product.pk]),
        {"name": product.name, "nice_classes": "11", "design_version": 2},
    )
    market = ProductMarketFactory(product=product, market="US")
    editor_client.post(
        reverse("products:market_edit", args=[market.pk]),
        {"status": "launched", "launch_date": "2026-11-01", "fto_waiver_reason": "Urgent order"},
    )
    FtoReview.objects.all().delete()
    services.fto_review_create(
        product=product,
        data={
            "market": "US",
            "scope": "x",
            "searched_on": date(2026, 11, 1),
            "reviewer": "A. Counsel",
            "reviewed_on": date(2026, 11, 2),
        },
        user=personas.editor,
    )
    events = AuditEvent.objects.filter(company_id=personas.company.pk)
    updated = events.get(code="product.updated")
    assert updated.changes["design_version"] == [1, 2]
    assert updated.actor_email == personas.editor.email
    waiver = events.get(code="market.fto_waived")
    assert waiver.changes == {"reason": ["", "Urgent order"]}
    assert events.filter(code="market.saved").exists()
    assert events.filter(code="fto_review.recorded").exists()


def test_the_action_plan_shows_the_items_and_their_automatic_history(personas, editor_client, lamp):
    product, brand = lamp
    services.market_save(product=product, data={"market": "JP"}, user=personas.owner)
    item = ActionItem.objects.get(key=f"products:mark:{product.pk}:JP:{brand.pk}")
    assert (
        "File the mark “SUNBEAM” in JP"
        in editor_client.get(reverse("actions:action_list")).content.decode()
    )
    FilingFactory(asset=brand, office="JP", status="pending")
    services.coverage_evaluate(company=personas.company)
    detail = editor_client.get(reverse("actions:action_detail", args=[item.pk])).content.decode()
    assert "Closed automatically: the products register no longer shows this gap." in detail
    editor_client.cookies["django_language"] = "zh-hans"
    detail = editor_client.get(reverse("actions:action_detail", args=[item.pk])).content.decode()
    assert "已自动关闭：产品登记中已不再存在此缺口。" in detail
    assert "在 JP 申请商标“SUNBEAM”" in detail


def test_a_launched_market_stays_editable_after_its_review_expires(personas, lamp):
    product, _brand = lamp
    FtoReviewFactory(product=product, market="US")
    market = services.market_save(
        product=product,
        data={"market": "US", "status": "launched", "launch_date": date(2026, 1, 5)},
        user=personas.owner,
    )
    FtoReview.objects.all().delete()
    services.market_save(
        product=product,
        data={"launch_date": date(2026, 1, 6)},
        user=personas.owner,
        market=ProductMarket.objects.get(pk=market.pk),
    )
    assert ProductMarket.objects.get(pk=market.pk).launch_date == date(2026, 1, 6)
    # Back to planned, then launched again: the gate applies once more.
    services.market_save(
        product=product, data={"status": "planned"}, user=personas.owner, market=market
    )
    with pytest.raises(services.LaunchRefused):
        services.market_save(
            product=product, data={"status": "launched"}, user=personas.owner, market=market
        )

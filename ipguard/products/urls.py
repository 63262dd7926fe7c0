from django.urls import path

from ipguard.products import views

app_name = "products"

urlpatterns = [
    path("", views.product_list, name="product_list"),
    path("new/", views.product_create, name="product_create"),
    path("<int:product_pk>/", views.product_detail, name="product_detail"),
    path("<int:product_pk>/edit/", views.product_edit, name="product_edit"),
    path("<int:product_pk>/markets/new/", views.market_create, name="market_create"),
    path("markets/<int:market_pk>/edit/", views.market_edit, name="market_edit"),
    path("markets/<int:market_pk>/delete/", views.market_delete, name="market_delete"),
    path("<int:product_pk>/reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:review_pk>/", views.review_detail, name="review_detail"),
    path("watched/", views.watched_list, name="watched_list"),
    path("watched/new/", views.watched_create, name="watched_create"),
    path("watched/<int:watched_pk>/edit/", views.watched_edit, name="watched_edit"),
    path("registrations/", views.registration_list, name="registration_list"),
    path("registrations/new/", views.registration_create, name="registration_create"),
    path(
        "registrations/<int:registration_pk>/edit/",
        views.registration_edit,
        name="registration_edit",
    ),
    path("settings/", views.product_settings, name="settings"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("export/", views.products_export, name="export"),
    path("import/", views.products_import, name="import"),
    path("ai/", views.ai_register, name="ai_register"),
    path("ai/tools/new/", views.ai_tool_create, name="ai_tool_create"),
    path("ai/tools/<int:tool_pk>/edit/", views.ai_tool_edit, name="ai_tool_edit"),
    path("ai/assets/new/", views.ai_asset_create, name="ai_asset_create"),
    path("ai/assets/<int:ai_asset_pk>/edit/", views.ai_asset_edit, name="ai_asset_edit"),
    path("ai/manual/", views.ai_manual, name="ai_manual"),
]

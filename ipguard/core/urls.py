from django.urls import path

from ipguard.core import audit_views, company_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("language/", views.language_switch, name="language_switch"),
    path("health/", views.health, name="health"),
    path("company/export.zip", company_views.company_export, name="company_export"),
    path("company/delete/", company_views.company_delete, name="company_delete"),
    path("audit/", audit_views.audit_log, name="audit_log"),
]

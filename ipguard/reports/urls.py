from django.urls import path

from ipguard.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("request/", views.report_request, name="report_request"),
    path("<int:report_pk>/download/", views.report_download, name="report_download"),
]

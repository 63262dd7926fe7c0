from django.urls import path

from ipguard.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.vault, name="vault"),
    path("new/", views.record_create, name="record_create"),
    path("verify/", views.verify, name="verify"),
    path("export.zip", views.vault_export, name="vault_export"),
    path("records/<int:record_pk>/", views.record_detail, name="record_detail"),
    path("records/<int:record_pk>/certificate.pdf", views.certificate, name="record_certificate"),
    path("records/<int:record_pk>/export.zip", views.record_export, name="record_export"),
]

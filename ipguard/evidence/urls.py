from django.urls import path

from ipguard.evidence import deposit_views, ots_views, views

app_name = "evidence"

urlpatterns = [
    path("", views.vault, name="vault"),
    path("new/", views.record_create, name="record_create"),
    path("verify/", views.verify, name="verify"),
    path("export.zip", views.vault_export, name="vault_export"),
    path("records/<int:record_pk>/", views.record_detail, name="record_detail"),
    path("records/<int:record_pk>/certificate.pdf", views.certificate, name="record_certificate"),
    path("records/<int:record_pk>/export.zip", views.record_export, name="record_export"),
    path("bitcoin/", ots_views.ots_proofs, name="ots_proofs"),
    path("bitcoin/anchor/", ots_views.ots_anchor_now, name="ots_anchor_now"),
    path("bitcoin/<int:ots_proof_pk>/", ots_views.ots_proof_detail, name="ots_proof"),
    path(
        "bitcoin/<int:ots_proof_pk>/proof.ots",
        ots_views.ots_proof_download,
        name="ots_proof_download",
    ),
    path("deposits/policy/", deposit_views.deposit_policy, name="deposit_policy"),
    path("deposits/new/", deposit_views.chain_deposit_create, name="chain_deposit_create"),
    path(
        "records/<int:record_pk>/deposits/new/",
        deposit_views.record_deposit_create,
        name="record_deposit_create",
    ),
]

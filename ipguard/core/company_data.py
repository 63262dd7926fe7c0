"""A company's data as one ZIP, and the deletion of a company with everything it owns.

The export walks every model of the project that belongs to a company (a `company` foreign key,
or the `company_lookup` path that tenancy.for_company follows), so a new model is exported
without being listed here. The evidence vault goes in as its own verifiable export.
"""

import io
import json
import zipfile
from datetime import datetime

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from ipguard.accounts.models import Company, Membership
from ipguard.accounts.tenancy import company_lookup, for_company
from ipguard.audit.models import AuditEvent
from ipguard.audit.services import audit_record, company_purge
from ipguard.evidence.export import export_zip
from ipguard.evidence.models import EvidenceEntry
from ipguard.reports.models import Report

# Secrets that let someone read data without signing in (the calendar feed's URL token): not
# part of an export. Keyed by model label.
SECRET_FIELDS = {"portfolio.calendarfeed": {"token"}}


class ConfirmationMismatch(Exception):
    """The typed name does not match the company's name."""


def _company_models():
    for model in apps.get_models():
        if not model.__module__.startswith("ipguard.") or model in (Company, AuditEvent):
            continue
        lookup = company_lookup(model)
        first = lookup.split("__", 1)[0]
        try:
            field = model._meta.get_field(first)
        except Exception:  # noqa: BLE001 - a model with no path to a company is not tenant data
            continue
        if isinstance(field, models.ForeignKey):
            yield model


def _serialize(queryset):
    model = queryset.model
    secret = SECRET_FIELDS.get(model._meta.label_lower, set())
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in secret
    ]
    return serializers.serialize("json", queryset.order_by("pk"), fields=fields, indent=1)


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _add_files(archive, model, queryset):
    for field in _file_fields(model):
        for obj in queryset:
            stored = getattr(obj, field.name)
            if stored and stored.storage.exists(stored.name):
                base_name = stored.name.rsplit("/", 1)[-1]
                with stored.storage.open(stored.name, "rb") as handle:
                    archive.writestr(
                        f"files/{model._meta.label_lower}/{obj.pk}/{base_name}", handle.read()
                    )


def company_export(*, company, actor, destination, now: datetime | None = None) -> None:
    """Write the ZIP of everything the company owns into the binary file `destination`."""
    now = now or timezone.now()
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        company_rows = Company.objects.filter(pk=company.pk)
        archive.writestr("data/accounts.company.json", _serialize(company_rows))
        _add_files(archive, Company, company_rows)
        members = [
            {"email": m.user.email, "full_name": m.user.full_name, "role": m.role}
            for m in Membership.objects.filter(company=company).select_related("user")
        ]
        archive.writestr("data/members.json", json.dumps(members, ensure_ascii=False, indent=1))
        for model in _company_models():
            rows = for_company(company, model)
            archive.writestr(f"data/{model._meta.label_lower}.json", _serialize(rows))
            _add_files(archive, model, rows)
        trail = AuditEvent.objects.filter(company_id=company.pk)
        archive.writestr("data/audit.auditevent.json", _serialize(trail))
        vault = io.BytesIO()
        export_zip(vault, company=company, record=None, now=now)
        archive.writestr("evidence/vault.zip", vault.getvalue())
        archive.writestr(
            "README.txt",
            f"IPGuard export of {company.name}, {now:%Y-%m-%d %H:%M} UTC.\n"
            "data/: every record as Django JSON (one file per kind); files/: uploaded files;\n"
            "evidence/vault.zip: the evidence vault, checkable on its own (see its README).\n",
        )
    audit_record(company=company, actor=actor, code="company.exported")


def _stored_files(company) -> list[str]:
    names = list(
        EvidenceEntry.objects.filter(company=company)
        .exclude(storage_name="")
        .values_list("storage_name", flat=True)
    )
    if company.logo:
        names.append(company.logo.name)
    return names


def company_delete(*, company, confirmation: str) -> None:
    """Delete the company and all it owns, once its exact name is typed; files go after commit."""
    if confirmation.strip() != company.name.strip():
        raise ConfirmationMismatch
    files = _stored_files(company)
    report_files = [
        (report.pdf.storage, report.pdf.name)
        for report in Report.objects.filter(company=company)
        if report.pdf
    ]
    with transaction.atomic():
        company_purge(company_id=company.pk)
        company.delete()

        def remove_files():
            for name in files:
                default_storage.delete(name)
            for storage, name in report_files:
                storage.delete(name)

        transaction.on_commit(remove_files)

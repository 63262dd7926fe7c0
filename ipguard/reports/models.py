import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import Language


class ReportStorage(FileSystemStorage):
    """Files under settings.REPORTS_ROOT, read on every use (so tests and deployments can move it).

    Reports are kept outside MEDIA_ROOT so no static file server can ever hand one out; they are
    only downloaded through the members-only view.
    """

    @property
    def base_location(self):
        return str(settings.REPORTS_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def report_storage():
    return ReportStorage()


def report_upload_to(report, filename):
    return f"{report.company_id}/{report.quarter}-{report.language}-{secrets.token_hex(8)}.pdf"


class Paper(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("US Letter")


class Report(models.Model):
    """One quarterly health-check report: what it covers, the data it was made from, its PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", _("Start of the quarter")
        ON_DEMAND = "on_demand", _("On request")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="reports"
    )
    quarter = models.CharField(_("quarter"), max_length=7)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    paper = models.CharField(
        _("paper size"), max_length=10, choices=Paper.choices, default=Paper.A4
    )
    trigger = models.CharField(max_length=20, choices=Trigger.choices, default=Trigger.ON_DEMAND)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    failure_reason = models.TextField(_("reason it failed"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(storage=report_storage, upload_to=report_upload_to, blank=True)
    pdf_size = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the render task was last put on the queue; the reports sweep enqueues again a report
    # still queued long after this (a lost task, or Redis down when it was requested).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # When the current render began: its lease. A render older than TASK_LEASE_SECONDS lost its
    # worker and may be taken over; render_attempts counts the workers that started it.
    started_at = models.DateTimeField(null=True, blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    owners_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A repeated or doubled beat can never make a second scheduled report.
            models.UniqueConstraint(
                fields=["company", "quarter", "language"],
                condition=models.Q(trigger="scheduled"),
                name="one_scheduled_report_per_quarter",
            )
        ]
        indexes = [models.Index(fields=["company", "-created_at"])]

    def __str__(self):
        return f"{self.company} {self.quarter} ({self.language}, {self.status})"

    def get_absolute_url(self):
        return reverse("reports:report_download", args=[self.pk])

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    def download_name(self):
        return f"ipguard-health-check-{self.quarter}-{self.language}.pdf"

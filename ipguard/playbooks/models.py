from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipguard.lib.i18n import pick


class ContentArea(models.Model):
    """One area of the checklist as last loaded from the content files."""

    key = models.SlugField(max_length=60, unique=True)
    order = models.PositiveIntegerField(default=0)
    weight = models.FloatField(default=1)
    title = models.JSONField(default=dict)
    intro = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    definition = models.JSONField(default=dict)
    retired_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "key"]

    def __str__(self):
        return pick(self.title)


class ContentQuestion(models.Model):
    """A question as last loaded; retired questions stay so that old answers keep their text."""

    key = models.SlugField(max_length=80, unique=True)
    area = models.ForeignKey(ContentArea, on_delete=models.PROTECT, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20)
    text = models.JSONField(default=dict)
    definition = models.JSONField(default=dict)
    retired_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__order", "order", "key"]

    def __str__(self):
        return self.key


class Assessment(models.Model):
    """One pass through the questionnaire: a draft being answered, or a submitted version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="assessments"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    overall_score = models.PositiveSmallIntegerField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["company", "number"], name="assessment_number"),
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(status="draft"),
                name="one_draft_assessment_per_company",
            ),
        ]

    def __str__(self):
        return f"{self.company} #{self.number} ({self.status})"

    def get_absolute_url(self):
        return reverse("playbooks:assessment_result", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT


class AllianceProfile(models.Model):
    """The facts the alliance advisor decides on, kept per company."""

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="alliance_profile"
    )
    facts = models.JSONField(default=dict)
    recommendations = models.JSONField(default=list)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Alliance profile of {self.company}"


class IncidentRun(models.Model):
    """An incident playbook started by a company; its steps became action items."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="incidents"
    )
    playbook_key = models.SlugField(max_length=80)
    title = models.JSONField(default=dict)
    notes = models.TextField(blank=True)
    opened_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]

    def __str__(self):
        return pick(self.title)

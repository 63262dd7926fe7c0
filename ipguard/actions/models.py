"""The action plan: what a company must do, with an owner, a due date, a status and a history.

Items come from the health check and the incident playbooks (ipguard.playbooks), from the
evidence vault, or are added by hand. The tables kept their names from when the action plan
lived inside the playbooks app (see migrations/0001_initial.py).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipguard.lib.i18n import pick


class Tier(models.TextChoices):
    URGENT = "urgent", _("Urgent (1 month)")
    STRATEGIC = "strategic", _("Strategic (6 months)")
    LONG_TERM = "long_term", _("Long-term (1–3 years)")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


OPEN_ACTION_STATUSES = (ActionStatus.TODO, ActionStatus.IN_PROGRESS)


class ActionItem(models.Model):
    """One thing the company must do, with an owner and a due date.

    Items come from questionnaire answers (origin "assessment", key = the action template's key),
    from incident playbooks, or are added by hand. Texts are stored in both languages.
    """

    class Origin(models.TextChoices):
        ASSESSMENT = "assessment", _("Health check")
        INCIDENT = "incident", _("Incident playbook")
        MANUAL = "manual", _("Added by hand")
        EVIDENCE = "evidence", _("Evidence vault")
        PRODUCTS = "products", _("Products and markets")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="action_items"
    )
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.MANUAL)
    key = models.CharField(max_length=120, blank=True)
    title = models.JSONField(default=dict)
    why = models.JSONField(default=dict, blank=True)
    steps = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=200, blank=True)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("person responsible", "owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    not_applicable_reason = models.TextField(_("reason it does not apply"), blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    assessment = models.ForeignKey(
        "playbooks.Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_actions",
    )
    incident = models.ForeignKey(
        "playbooks.IncidentRun",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "playbooks_actionitem"
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["company", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return self.title_text()

    def get_absolute_url(self):
        return reverse("actions:action_detail", args=[self.pk])

    def title_text(self, language=None):
        return pick(self.title, language)

    def why_text(self, language=None):
        return pick(self.why, language)

    def steps_list(self, language=None):
        steps = pick(self.steps, language)
        return steps if isinstance(steps, list) else []

    @property
    def is_open(self):
        return self.status in OPEN_ACTION_STATUSES


class ActionComment(models.Model):
    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), blank=True)
    is_system = models.BooleanField(default=False)
    # A system entry is a code of ipguard.actions.history and its language-free parameters,
    # worded when read; `body` holds what a person wrote (or an old text no code stands for).
    code = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    company_lookup = "action__company"

    class Meta:
        db_table = "playbooks_actioncomment"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text()[:60]

    def text(self):
        """The comment in the active language."""
        if not self.code:
            return self.body
        from ipguard.actions.history import render_action_event

        return render_action_event(self.code, self.params, self.body)

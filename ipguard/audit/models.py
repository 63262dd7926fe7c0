from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipguard.audit.events import EVENTS


class AuditEvent(models.Model):
    """One change to a company's data: who, when, which object, what changed. Append-only.

    On PostgreSQL a trigger (migration 0001) refuses UPDATE and DELETE, except the DELETE of
    `company_purge` (accounts.services.company_delete) that removes a deleted company's trail.
    The company and the actor are plain ids, not foreign keys: the app sits below every other
    app (they record into it; it imports none of them), and deleting a person never rewrites the
    trail (`actor_email` keeps who it was).
    """

    company_id = models.BigIntegerField(db_index=False)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_email = models.CharField(_("who"), max_length=254, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    code = models.CharField(_("what"), max_length=64)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    # {"field": [old, new]} for changes; other parameters under their own names.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["company_id", "-at"], name="audit_company_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.code} {self.object_label}"

    @property
    def label(self):
        return EVENTS.get(self.code, (None, self.code))[1]

    @property
    def change_rows(self):
        """The changes worded in the active language (field names, choice labels)."""
        from ipguard.audit.display import change_rows

        return change_rows(self)

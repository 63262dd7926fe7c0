"""The evidence vault's tables: one chain head per company, records, chain entries, anchors.

Rows here are written once and never updated or deleted by the app (there is no edit or delete
path in services, views or admin). A correction is a new record whose `corrects` points to the
old one. The hashed fields of an entry mirror `chain.EntryData` exactly, so verification reads
them back into `StoredEntry` and recomputes everything.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipguard.evidence.chain import GENESIS_PREVIOUS_HASH, StoredEntry


class EvidenceChain(models.Model):
    """A company's chain head. Its row is locked (SELECT ... FOR UPDATE) while entries are
    appended, so two uploads at once still get consecutive positions."""

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_chain"
    )
    head_position = models.PositiveIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default=GENESIS_PREVIOUS_HASH)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.company} @ {self.head_position}"


class EvidenceRecord(models.Model):
    """One recording: a title and its details, with one or more files (one chain entry each)."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_records"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    created_on = models.DateField(_("date of creation"), null=True, blank=True)
    asset = models.ForeignKey(
        "portfolio.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_records",
    )
    action = models.ForeignKey(
        "actions.ActionItem",
        verbose_name=_("action item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_records",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evidence:record_detail", args=[self.pk])


class EvidenceEntry(models.Model):
    """One link of the chain: one stored file, its hash and the record's metadata."""

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_entries"
    )
    record = models.ForeignKey(EvidenceRecord, on_delete=models.RESTRICT, related_name="entries")
    position = models.PositiveIntegerField()
    file_sha256 = models.CharField(max_length=64)
    file_name = models.CharField(max_length=255)
    file_size = models.BigIntegerField()
    metadata = models.JSONField()
    recorded_at = models.CharField(max_length=20)  # the chain's "YYYY-MM-DDTHH:MM:SSZ" text
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=500)
    content_type = models.CharField(max_length=120, blank=True)

    class Meta:
        # Verification reads entries in the order they were inserted (pk), which is independent
        # of the stored `position`: rows whose positions were swapped show up as out of order.
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "position"], name="evidence_entry_position")
        ]

    def __str__(self):
        return f"{self.position}: {self.file_name}"

    def as_stored_entry(self) -> StoredEntry:
        return StoredEntry(
            position=self.position,
            file_sha256=self.file_sha256,
            file_name=self.file_name,
            file_size=self.file_size,
            metadata=self.metadata,
            recorded_at=self.recorded_at,
            previous_hash=self.previous_hash,
            entry_hash=self.entry_hash,
        )


class ChainAnchor(models.Model):
    """An RFC 3161 timestamp over the chain head hash at `position`."""

    class Kind(models.TextChoices):
        RFC3161 = "rfc3161", _("RFC 3161 trusted timestamp")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_anchors"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RFC3161)
    position = models.PositiveIntegerField()
    entry_hash = models.CharField(max_length=64)
    authority_url = models.URLField(max_length=500)
    token = models.BinaryField()
    gen_time = models.DateTimeField()
    serial_number = models.CharField(max_length=80)
    signer = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-position", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "kind", "position"], name="evidence_anchor_position"
            )
        ]

    def __str__(self):
        return f"{self.company} anchor @ {self.position}"


# Registered with this app from their own module (kept apart to keep this one short).
from ipguard.evidence.models_external import (  # noqa: E402, F401
    DepositPolicy,
    ExternalDeposit,
    OtsProof,
)

"""Proofs kept outside IPGuard: deposits with a judicial blockchain, a notary or a registry.

Imported at the end of models.py, so Django registers these models with the evidence app. Like
the vault's other rows they are written once and never edited or deleted by the app: a wrong
deposit is followed by a new one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalDeposit(models.Model):
    """A deposit of one hash with a platform or office, and its certificate (kept in the vault).

    What was deposited is one chain entry's file hash (`target` FILE) or the chain head hash at
    that entry's position (`target` CHAIN_HEAD). The platform's hash is kept as given; whether it
    matches is worked out when read (ipguard.evidence.deposits.deposit_check).
    """

    class Kind(models.TextChoices):
        JUDICIAL_BLOCKCHAIN = "judicial_blockchain", _("Judicial blockchain platform")
        NOTARY = "notary", _("Notary office")
        COPYRIGHT_REGISTRATION = "copyright_registration", _("Copyright registration")
        OTHER = "other", _("Other")

    class Target(models.TextChoices):
        FILE = "file", _("The file's SHA-256")
        CHAIN_HEAD = "chain_head", _("The chain head hash at this entry")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_deposits"
    )
    entry = models.ForeignKey(
        "evidence.EvidenceEntry", on_delete=models.RESTRICT, related_name="deposits"
    )
    target = models.CharField(_("what was deposited"), max_length=20, choices=Target.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    platform = models.CharField(_("platform or office"), max_length=200)
    certificate_number = models.CharField(_("certificate number"), max_length=120)
    deposited_at = models.DateTimeField(_("deposit time"))
    # Blank when the certificate shows no hash (a registration certificate often does not).
    platform_hash = models.CharField(_("hash shown by the platform"), max_length=200, blank=True)
    certificate_record = models.ForeignKey(
        "evidence.EvidenceRecord",
        on_delete=models.RESTRICT,
        related_name="certifies_deposits",
        verbose_name=_("certificate"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deposited_at", "-pk"]

    def __str__(self):
        return f"{self.platform} {self.certificate_number}"

    @property
    def expected_hash(self) -> str:
        if self.target == self.Target.FILE:
            return self.entry.file_sha256
        return self.entry.entry_hash


class DepositPolicy(models.Model):
    """Which evidence a company wants deposited outside IPGuard, and how soon.

    A record is critical when it is linked to a portfolio asset whose type of right (Asset.right)
    is one of `critical_asset_kinds`
    (core designs: "design"; brand assets: "trademark"). One without a deposit `deposit_within_days`
    after it was recorded gets an action item (ipguard.evidence.deposit_actions).
    """

    company = models.OneToOneField(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_deposit_policy"
    )
    critical_asset_kinds = models.JSONField(_("critical kinds of record"), default=list)
    deposit_within_days = models.PositiveIntegerField(_("deposit within (days)"), default=30)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.company} deposit policy"


class OtsProof(models.Model):
    """An OpenTimestamps proof of the chain head hash at `position` (ipguard.evidence.ots).

    Unlike the rows above it changes: a pending proof is upgraded in place until it carries a
    Bitcoin block attestation. The hash it commits to never changes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a Bitcoin block")
        COMPLETE = "complete", _("In a Bitcoin block")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="evidence_ots_proofs"
    )
    position = models.PositiveIntegerField()
    entry_hash = models.CharField(max_length=64)
    calendars = models.JSONField(default=list)
    proof = models.BinaryField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    block_height = models.PositiveIntegerField(null=True, blank=True)
    merkle_root = models.CharField(max_length=64, blank=True)  # hex, header byte order
    block_time = models.DateTimeField(null=True, blank=True)  # from a header that matched
    submitted_at = models.DateTimeField(auto_now_add=True)
    upgraded_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-position", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "position"], name="evidence_ots_position")
        ]

    def __str__(self):
        return f"{self.company} OTS @ {self.position}"

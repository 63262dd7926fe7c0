from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipguard.accounts.choices import Country, Industry, Language, RevenueBand, Role, SizeBand
from ipguard.accounts.permissions import Level, membership_allows


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an email address. Belongs to companies through memberships."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    # Emails may be read in another language than the screens: empty means "as the interface".
    email_language = models.CharField(
        _("email language"), max_length=10, choices=Language.choices, blank=True
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    # Set when the person proved they read this address (today: by an invitation sent there).
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    current_company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("current company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    @property
    def mail_language(self):
        """The language of every email this person receives."""
        return self.email_language or self.language

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Company(models.Model):
    """The tenant: every piece of IP data belongs to exactly one company."""

    name = models.CharField(_("company name"), max_length=200)
    country = models.CharField(_("country"), max_length=8, choices=Country.choices)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    export_markets = models.JSONField(_("export markets"), default=list, blank=True)
    revenue_band = models.CharField(_("annual revenue"), max_length=20, choices=RevenueBand.choices)
    language = models.CharField(
        _("report language"), max_length=10, choices=Language.choices, default=Language.EN
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # db_default: rows written by older code (or a migration test's historical model) get False.
    require_two_factor = models.BooleanField(
        _("require two-step verification"),
        default=False,
        db_default=False,
        help_text=_("Every member must sign in with a code from an authenticator app."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped in the same transaction as every write to the data the cached dashboard shows
    # (ipguard/lib/fragments.py): a fragment cached under an older number is never read again.
    data_version = models.PositiveBigIntegerField(default=0, db_default=0, editable=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="accounts.Membership", related_name="companies"
    )

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def owners(self):
        return self.members.filter(membership__role=Role.OWNER)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    company = models.ForeignKey(Company, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="one_membership_per_company")
        ]
        ordering = ["company__name", "user__email"]

    def __str__(self):
        return f"{self.user} @ {self.company} ({self.role})"

    # Both ask the one permission rule (ipguard/accounts/permissions.py); views declare their
    # level with @permission and templates read `may`, so these serve services and tasks.
    @property
    def can_edit(self):
        return membership_allows(self, Level.EDITOR)

    @property
    def is_owner(self):
        return membership_allows(self, Level.OWNER)


class Invitation(models.Model):
    """An owner's invitation to join a company; the emailed link carries a signed id."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Re-inviting replaces the pending invitation (services.invitation_create), so one
            # address never holds two live links with two roles.
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_address",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.company}"

    def is_for(self, user) -> bool:
        """Whether `user` is the addressee: the link was sent to this address and no other."""
        return bool(user.email) and user.email.casefold() == self.email.casefold()

    @property
    def is_pending(self):
        return self.accepted_at is None and self.revoked_at is None

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RightType(models.TextChoices):
    TRADEMARK = "trademark", _("Trademark")
    PATENT = "patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    DESIGN = "design", _("Design")
    COPYRIGHT = "copyright", _("Copyright / software")


class MarkType(models.TextChoices):
    WORD = "word", _("Word")
    LOGO = "logo", _("Logo")
    COMBINED = "combined", _("Combined")


class Office(models.TextChoices):
    CN = "CN", _("China (CNIPA)")
    US = "US", _("United States (USPTO)")
    EU = "EU", _("European Union (EUIPO)")
    EP = "EP", _("European Patent Office")
    GB = "GB", _("United Kingdom (UKIPO)")
    JP = "JP", _("Japan (JPO)")
    KR = "KR", _("South Korea (KIPO)")
    WO = "WO", _("WIPO (Madrid / PCT / Hague)")
    HK = "HK", _("Hong Kong (IPD)")
    TW = "TW", _("Taiwan (TIPO)")
    SG = "SG", _("Singapore (IPOS)")
    MY = "MY", _("Malaysia (MyIPO)")
    TH = "TH", _("Thailand (DIP)")
    VN = "VN", _("Vietnam (IP Viet Nam)")
    ID = "ID", _("Indonesia (DGIP)")
    PH = "PH", _("Philippines (IPOPHL)")
    IN = "IN", _("India (CGPDTM)")
    AU = "AU", _("Australia (IP Australia)")
    CA = "CA", _("Canada (CIPO)")
    MX = "MX", _("Mexico (IMPI)")


class FilingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PENDING = "pending", _("Pending")
    PUBLISHED = "published", _("Published")
    REGISTERED = "registered", _("Registered / granted")
    LAPSED = "lapsed", _("Lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn / refused")


class Asset(models.Model):
    """A right the company owns or is building: a mark, a patent, a design, a work."""

    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="assets")
    right = models.CharField(_("type of right"), max_length=20, choices=RightType.choices)
    name = models.CharField(_("name"), max_length=200)
    mark_type = models.CharField(
        _("mark type"), max_length=10, choices=MarkType.choices, blank=True
    )
    nice_classes = models.JSONField(_("Nice classes"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assets",
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:asset_detail", args=[self.pk])


class Filing(models.Model):
    """An asset's application or registration at one office."""

    company_lookup = "asset__company"

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="filings")
    office = models.CharField(_("office"), max_length=2, choices=Office.choices)
    number = models.CharField(_("application or registration number"), max_length=60, blank=True)
    route = models.CharField(_("route"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FilingStatus.choices, default=FilingStatus.PENDING
    )
    designated_countries = models.JSONField(_("designated countries"), default=list, blank=True)
    filing_date = models.DateField(_("filing date"), null=True, blank=True)
    priority_date = models.DateField(_("priority date"), null=True, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    registration_date = models.DateField(_("registration or grant date"), null=True, blank=True)
    international_registration_date = models.DateField(
        _("international registration date"), null=True, blank=True
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    # The rules and calendars its deadlines were last computed with ("<rules>.<calendars>", see
    # services.DEADLINES_VERSION): a deploy that corrects a rule or a calendar changes it, and
    # the daily refresh recomputes every filing still marked with an older one.
    deadlines_version = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asset__name", "office"]

    def __str__(self):
        return f"{self.asset} · {self.office} {self.number}".strip()


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Dismissed")


class Deadline(models.Model):
    """A statutory deadline computed by the rules engine for one filing.

    `key` is the rule's stable key, so a recomputation after a date change finds the same row and
    keeps its status, snooze and history.
    """

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="deadlines"
    )
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="deadlines")
    key = models.CharField(max_length=80)
    kind = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    opens = models.DateField(null=True, blank=True)
    due_date = models.DateField()
    grace_ends = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    # The office calendar that rolled the dates (e.g. "CN"; "" = weekends only), whether a
    # rolled date lies beyond the years it covers, and the calendar files' version, so that a
    # changed calendar file makes the refresh recompute the row.
    calendar = models.CharField(max_length=20, blank=True)
    beyond_calendar = models.BooleanField(default=False)
    calendar_uncertain = models.BooleanField(default=False)  # rolled past an unsourced closure
    calendar_version = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        max_length=20, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    snoozed_until = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "key"], name="one_deadline_per_rule")
        ]
        indexes = [
            models.Index(fields=["company", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return f"{self.label} · {self.due_date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("portfolio:deadline_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == DeadlineStatus.OPEN

    @property
    def sequence(self):
        """The renewal, annuity year or fee number of a series (from the key), else None."""
        _kind, _sep, number = self.key.partition(":")
        return int(number) if number.isdigit() else None


class DeadlineEvent(models.Model):
    """History of a filing's deadlines: status changes, snoozes, and what a recompute changed.

    The deadline link is kept loose (SET_NULL) so that the note saying a deadline was removed,
    because its rule no longer applies, outlives the deadline itself.
    """

    company_lookup = "filing__asset__company"

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="deadline_events")
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    key = models.CharField(max_length=80)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What happened, as a code of ipguard.portfolio.history and its language-free parameters;
    # `body` keeps only a text that no code stands for (written before codes existed).
    code = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text()[:60]

    def text(self):
        """The entry in the active language."""
        from ipguard.lib.history import render_message
        from ipguard.portfolio.history import DEADLINE_EVENTS

        return render_message(DEADLINE_EVENTS, self.code, self.params, self.body)


class CalendarFeed(models.Model):
    """The secret address of one user's iCalendar feed for one company.

    Regenerating the token revokes the old address; the feed only answers while the user is still
    a member of the company.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="one_feed_per_member")
        ]

    def __str__(self):
        return f"Calendar feed of {self.user} @ {self.company}"


class ImportJob(models.Model):
    """A checked spreadsheet, then its import: all rows in one transaction, run by a worker.

    checked -> queued (the user confirmed) -> running -> done | failed. The rows are the
    preview's good rows, JSON-ready; a failed or killed run leaves nothing behind (one
    transaction), so a stale job can be queued again safely.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    company = models.ForeignKey(
        "accounts.Company", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    file_name = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    assets_made = models.PositiveIntegerField(default=0)
    filings_made = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)  # last hand-over to the broker
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "queued_at"], name="import_job_status")]

    def __str__(self):
        return f"Import of {self.file_name} ({self.status})"

    def get_absolute_url(self):
        return reverse("portfolio:import_job", args=[self.pk])

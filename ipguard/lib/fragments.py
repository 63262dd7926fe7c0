"""Per-company cached page fragments that are never stale after a write.

Each company row carries `data_version`. Every write to data a cached fragment shows bumps it in
the same transaction (`company_data_changed`), and a fragment's cache key holds the version the
request read with the company (loaded anyway by the membership middleware, so checking costs no
query). A reader that saw the new version also sees the new data; a fragment cached under an
older version is simply never asked for again and expires. The bump is in the database, not in
Redis, so a write made while Redis is down cannot leave an old fragment looking current.

After restoring a database from a backup (versions go back), clear the cache:
`python manage.py shell -c "from django.core.cache import cache; cache.clear()"`.

Writes reach the bump two ways: model saves and deletes of the watched models and changes to
their watched many-to-many links (signals below, so forms, services, the admin and imports all
count), and the services that write those models in bulk (`bulk_create`, queryset
`update`/`delete`, which send no signals) call it themselves. A transaction that writes a lot
(an import) bumps once, at its end, inside `versions_bumped_once`.

The key also holds the release (a hash of the code, templates, translations and content), so a
deploy never serves a fragment the old release rendered. Pages use `cached_body`, which also
puts each reader's own CSRF token into a cached form.
"""

import hashlib
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

FRAGMENT_SECONDS = 3600

# "app_label.Model": the attribute holding the company id, or "parent.lookup" for a model
# whose company is found through the row it points to (that row is read, it may not be loaded).
WATCHED = {
    "actions.ActionItem": "company_id",
    "playbooks.Assessment": "company_id",
    "playbooks.IncidentRun": "company_id",  # named on its action items
    "playbooks.AllianceProfile": "company_id",  # the alliance advisor's facts
    "evidence.EvidenceRecord": "company_id",
    "evidence.EvidenceChain": "company_id",
    "evidence.ChainAnchor": "company_id",
    "portfolio.Asset": "company_id",
    "portfolio.Deadline": "company_id",
    "portfolio.Filing": "asset.company_id",
    "portfolio.DeadlineEvent": "filing.asset__company_id",  # an asset's history
    "reminders.SentReminder": "company_id",
    "reports.Report": "company_id",  # status moves are queryset updates: reports.services
    "accounts.Membership": "company_id",  # owners listed and offered in the filters
    # The products register, as the health check's prefill reads it (products.selectors).
    "products.Product": "company_id",
    "products.ProductMarket": "product.company_id",
    "products.FtoReview": "product.company_id",
    "products.WatchedApplication": "company_id",
    "products.PlatformBrandRegistration": "company_id",
    "products.ProductSettings": "company_id",
}

# Many-to-many fields of watched models whose links a fragment shows: "app_label.Model.field".
WATCHED_LINKS = ("products.Product.brands",)


# The companies whose version a batch (versions_bumped_once) will bump at its end; None outside.
_batched: ContextVar[set | None] = ContextVar("fragments_batched", default=None)


def company_data_changed(company_id):
    """Bump the company's data version: its cached fragments are rebuilt at the next read."""
    if company_id is None:
        return
    batched = _batched.get()
    if batched is not None:
        batched.add(company_id)
        return
    Company = apps.get_model("accounts.Company")  # noqa: N806 - a model class
    Company.objects.filter(pk=company_id).update(data_version=F("data_version") + 1)


@contextmanager
def versions_bumped_once():
    """Inside one transaction that writes a lot (a spreadsheet import), bump each company's
    version once, at the end, instead of at every write.

    Readers see none of the writes before the commit, so one bump just before it is as safe as
    many. Thousands of updates of one company row in one transaction would each walk the chain
    of row versions the earlier ones left: a 5,000-row import spent most of its time there.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("versions_bumped_once() needs a transaction around it")
    if _batched.get() is not None:  # already batching: the outer batch bumps
        yield
        return
    companies = set()
    token = _batched.set(companies)
    try:
        yield
    finally:
        _batched.reset(token)
    if transaction.get_rollback():
        return  # the writes are being undone (set_rollback): nothing to bump
    for company_id in sorted(companies):
        company_data_changed(company_id)


def _parents_company_changed(instance, parent, attribute):
    # On a delete the row is gone, but the row it points to is still there: a cascade deletes
    # dependent rows first and sends their post_delete before deleting the parent.
    Company = apps.get_model("accounts.Company")  # noqa: N806 - a model class

    field = instance._meta.get_field(parent)
    if "__" not in attribute and field.is_cached(instance):  # e.g. a filing made with its asset
        company_data_changed(getattr(getattr(instance, parent), attribute))
        return
    owner = field.related_model.objects.filter(pk=getattr(instance, field.attname))
    batched = _batched.get()
    if batched is not None:
        batched.update(owner.values_list(attribute, flat=True))
        return
    Company.objects.filter(pk=Subquery(owner.values(attribute))).update(
        data_version=F("data_version") + 1
    )


def _on_write(sender, instance, **kwargs):
    attribute = WATCHED[sender._meta.label]
    parent, _dot, company_attribute = attribute.rpartition(".")
    if parent:
        _parents_company_changed(instance, parent, company_attribute)
    else:
        company_data_changed(getattr(instance, attribute, None))


def _on_link(sender, instance, action, **kwargs):
    """Links added or removed (either side of the relation holds the company id)."""
    if action in ("post_add", "post_remove", "post_clear"):
        company_data_changed(getattr(instance, "company_id", None))


def _on_user_save(sender, instance, update_fields=None, **kwargs):
    """A renamed person is shown as owner in every company they belong to."""
    if update_fields is not None and not {"full_name", "email"} & set(update_fields):
        return  # a login (last_login) or a preference: nothing a fragment shows
    Company = apps.get_model("accounts.Company")  # noqa: N806 - a model class
    Company.objects.filter(members=instance).update(data_version=F("data_version") + 1)


def connect_signals():
    post_save.connect(
        _on_user_save, sender=apps.get_model("accounts.User"), dispatch_uid="fragments-user"
    )
    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_on_write, sender=model, dispatch_uid=f"fragments-save-{label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"fragments-delete-{label}")
    for label in WATCHED_LINKS:
        model_label, _dot, field = label.rpartition(".")
        through = getattr(apps.get_model(model_label), field).through
        m2m_changed.connect(_on_link, sender=through, dispatch_uid=f"fragments-links-{label}")


# What a cached fragment's HTML is made from besides data: code, templates, translations and
# content. A deploy that changes any of them must not serve fragments rendered by the old ones.
_RELEASE_FILES = ("*.py", "*.html", "*.mo", "*.yaml", "*.json")


@once
def release_version() -> str:
    """A hash of the files that shape a fragment (read once a process, ~400 files)."""
    digest = hashlib.sha256()
    for folder in (settings.BASE_DIR / "ipguard", settings.BASE_DIR / "templates"):
        paths = sorted(path for pattern in _RELEASE_FILES for path in folder.rglob(pattern))
        for path in paths:
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def fragment_key(name, request):
    """The cache key of a fragment of the current company as this request would render it."""
    company = request.company
    membership = request.membership
    return ":".join(
        str(part)
        for part in (
            "fragment",
            release_version(),
            name,
            company.pk,
            # A re-created database reuses primary keys and version numbers, not creation times.
            int(company.created_at.timestamp() * 1_000_000),
            company.data_version,
            membership.role,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),  # overdue, "since last quarter" move with the date
        )
    )


def _cached_get(name, request):
    return cache.get(fragment_key(name, request))


def _cached_set(name, request, html):
    cache.set(fragment_key(name, request), html, FRAGMENT_SECONDS)


def _queued_messages(request):
    return len(getattr(messages.get_messages(request), "_queued_messages", ()))


# What {% csrf_token %} writes into a cached body; each response puts its own token in its place,
# so one member's token is never served to another and every form still posts. The NUL bytes
# keep it out of reach of anything a user can write (refused by every form field and by
# RefuseNulCharactersMiddleware, and by PostgreSQL's text type): a name that spelled the
# placeholder would otherwise show the reader's token in its place.
CSRF_PLACEHOLDER = "\x00csrf-token\x00"


def cached_body(request, name, template, build, *, per_user=True):
    """`template` rendered with `build(request)`'s context, cached for this company's data version,
    role, language, time zone and day, and for this full path with its query (filters, page).

    The body is cached per user unless `per_user` is False (the page shows nothing of the
    reader's own). Only a plain GET is cached, and not a body whose building queued a message
    (a page out of range must say so every time). `build` may return a response (a redirect)
    instead of a context: it is returned as it is.
    """
    cacheable = request.method == "GET"
    path = request.get_full_path() + ("|htmx" if request.headers.get("HX-Request") else "")
    if per_user:
        path += f"|user:{request.user.pk}"
    key = name + ":" + hashlib.sha256(path.encode()).hexdigest()
    body = _cached_get(key, request) if cacheable else None
    if body is None:
        queued = _queued_messages(request)
        context = build(request)
        if not isinstance(context, dict):
            return context
        body = render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)
        if cacheable and _queued_messages(request) == queued:
            _cached_set(key, request, body)
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(body)  # rendered and escaped by our own template

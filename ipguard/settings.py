"""IPGuard settings: one module, every deployment difference read from the environment.

The variables are documented in README.md. A value that cannot be parsed stops start-up with an
ImproperlyConfigured error that names the variable.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's .env (written by `make run` on the first start) fills in what the shell did not set.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEV_SECRET_KEY = "insecure-development-key-do-not-use-in-production"


def _read(name, parse, default):
    """Parse one variable; a bad value names the variable instead of a bare traceback."""
    try:
        return parse(name, default=default)
    except Exception as error:  # noqa: BLE001 - any parse failure is a configuration error
        raise ImproperlyConfigured(f"{name} has an invalid value: {error}") from error


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def _strict_bool(name, default):
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql", "psql", "mysql", "mysql2"}


def _database_url(name, default):
    raw = env.str(name, default=default)
    scheme = raw.split(":", 1)[0]
    if scheme not in DATABASE_SCHEMES:
        raise ValueError(f"unsupported database scheme {scheme!r} in {raw!r}")
    return environ.Env.db_url_config(raw)


def _email_url(name, default):
    return environ.Env.email_url_config(env.str(name, default=default))


DEBUG = _read("DEBUG", _strict_bool, False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production mode (DEBUG=false) needs a long random SECRET_KEY; "
            "for development set DEBUG=true."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters."
    )

ALLOWED_HOSTS = _read("ALLOWED_HOSTS", env.list, ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, [])
SITE_URL = _read("SITE_URL", env.url, "http://127.0.0.1:8000").geturl().rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ipguard.core",
    "ipguard.accounts",
    "ipguard.playbooks",
    "ipguard.actions",
    "ipguard.portfolio",
    "ipguard.evidence",
    "ipguard.reminders",
    "ipguard.reports",
    "ipguard.audit",
    "ipguard.products",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before CsrfViewMiddleware: refuses an oversized body before the CSRF check reads it.
    "ipguard.lib.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: request.user.is_verified() (second factor given in this session).
    "django_otp.middleware.OTPMiddleware",
    "ipguard.accounts.middleware.CurrentCompanyMiddleware",
    # After the two above: asks for the code, or sends to set-up when the company requires it.
    "ipguard.accounts.middleware.TwoFactorMiddleware",
    "ipguard.accounts.middleware.UserLanguageMiddleware",
    "ipguard.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ipguard.core.middleware.RefuseNulCharactersMiddleware",
    # Last, as django-axes requires: turns a lockout flagged during the view into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ipguard.urls"
WSGI_APPLICATION = "ipguard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipguard.accounts.context_processors.current_company",
            ],
        },
    },
]

DATABASES = {
    "default": _read("DATABASE_URL", _database_url, f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Persistent connections: opening a PostgreSQL connection per request cost two thirds of a bare
# view's throughput (bench/load_pages.py). Health checks drop a connection the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = _read("CONN_MAX_AGE", env.int, 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out accounts and addresses before any password is checked.
    "ipguard.accounts.throttle.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = _read("TIME_ZONE", env.str, "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(_read("MEDIA_ROOT", env.str, str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: consolemail:// for development, smtp://user:pass@host:587 (or smtp+tls://) in production.
EMAIL_CONFIG = _read("EMAIL_URL", _email_url, "consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = _read("DEFAULT_FROM_EMAIL", env.str, "IPGuard <noreply@ipguard.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = _read("REDIS_URL", env.str, "redis://127.0.0.1:6379/0")
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must be a redis:// or rediss:// URL, got {REDIS_URL!r}")

CELERY_BROKER_URL = REDIS_URL


def _cache_url(name, default):
    """CACHE_URL: redis://host:port/db for the shared cache, locmem:// for one process only."""
    raw = env.str(name, default=default)
    if raw.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"expected redis://, rediss://, unix:// or locmem://, got {raw!r}")
    return {
        # A Redis error is logged and read as a miss: pages keep working with Redis down.
        "BACKEND": "ipguard.lib.cache.SafeRedisCache",
        "LOCATION": raw,
        "KEY_PREFIX": "ipguard-cache",
        "TIMEOUT": 3600,
        # Short time-outs: a cache that does not answer must not hold up a page.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }


def _same_redis_other_db(url, db=1):
    """REDIS_URL with another database number, so the cache never shares Celery's keys."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return url
    return urlunsplit(parts._replace(path=f"/{db}"))


# Cache of what is expensive and shared (per-company dashboard fragments and counts); every
# entry can be rebuilt from PostgreSQL. Defaults to REDIS_URL's server, database 1.
CACHES = {"default": _read("CACHE_URL", _cache_url, _same_redis_other_db(REDIS_URL))}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Tests give each run its own queue so that parallel runs on one Redis never share work.
CELERY_TASK_DEFAULT_QUEUE = _read("CELERY_QUEUE", env.str, "ipguard")
CELERY_TASK_ALWAYS_EAGER = _read("CELERY_TASK_ALWAYS_EAGER", _strict_bool, False)
# Periodic jobs are declared here; the database scheduler copies them into django-celery-beat.
CELERY_BEAT_SCHEDULE = {
    # Every minute: proves the worker and beat are alive (shown on /health/).
    "heartbeat": {
        "task": "ipguard.core.tasks.record_heartbeat",
        "schedule": _read("HEARTBEAT_SECONDS", env.float, 60.0),
    },
    # Every 15 minutes: claim the reminders that have fallen due and send them; also requeues
    # rows whose task was lost, so a sweep missed while Redis or the worker was down catches up.
    "reminders-sweep": {
        "task": "ipguard.reminders.tasks.sweep_reminders",
        "schedule": _read("REMINDERS_SWEEP_SECONDS", env.float, 900.0),
    },
    # 03:00 on the first of every month: annuities and renewals that have come within the
    # register's ten-year horizon are added, so a series never runs out.
    "portfolio-refresh-deadlines": {
        "task": "ipguard.portfolio.tasks.refresh_all_deadlines",
        "schedule": crontab(minute=0, hour=3, day_of_month=1),
    },
    # 03:30 every day: filings whose deadlines were computed with older rules or calendar files
    # (a deploy corrected a rule) are recomputed, so a corrected date shows within a day.
    "portfolio-refresh-stale-deadlines": {
        "task": "ipguard.portfolio.tasks.refresh_stale_deadlines",
        "schedule": crontab(minute=30, hour=3),
    },
    # Every 5 minutes: spreadsheet imports the broker never received (Redis was down when they
    # were confirmed) or whose worker died are handed to a worker again.
    "portfolio-requeue-imports": {
        "task": "ipguard.portfolio.tasks.requeue_stale_imports",
        "schedule": 300.0,
    },
    # 02:00 on 1 January, April, July and October: every company's report of the quarter that
    # has just ended, in the company's language.
    "quarterly-reports": {
        "task": "ipguard.reports.tasks.schedule_quarterly_reports",
        "schedule": crontab(minute=0, hour=2, day_of_month=1, month_of_year="1,4,7,10"),
    },
}
# A queued reminder whose task has not run this long after it was enqueued is enqueued again.
REMINDERS_REQUEUE_AFTER_SECONDS = _read("REMINDERS_REQUEUE_AFTER_SECONDS", env.int, 900)
# The beat's sweep is split into this many tasks (primary-key ranges of the due items) that
# workers run in parallel; 1 sweeps in the beat's task alone. See README "How it grows".
REMINDERS_SWEEP_PARTS = _read("REMINDERS_SWEEP_PARTS", env.int, 4)
if REMINDERS_SWEEP_PARTS < 1:
    raise ImproperlyConfigured("REMINDERS_SWEEP_PARTS must be 1 or more")
# The queue the sweep's parts go to (default: the default queue), so that sweep workers can be
# scaled apart from the workers that send.
REMINDERS_SWEEP_QUEUE = _read("REMINDERS_SWEEP_QUEUE", env.str, "") or None
REMINDERS_LINK_MAX_AGE_DAYS = 14
REMINDERS_SMTP_TIMEOUT_SECONDS = 30

INVITATION_MAX_AGE_DAYS = 7

# Login throttling (django-axes, ipguard/accounts/throttle.py): after LOGIN_FAILURE_LIMIT failed
# logins, sign-ups or reset requests for one email address, or from one client address, that
# address waits LOGIN_COOLOFF_MINUTES. Behind a proxy, set TRUSTED_PROXY_COUNT to the number of
# proxies that append to X-Forwarded-For, or every client shares the proxy's address.
AXES_FAILURE_LIMIT = _read("LOGIN_FAILURE_LIMIT", env.int, 5)
AXES_COOLOFF_TIME = timedelta(minutes=_read("LOGIN_COOLOFF_MINUTES", env.int, 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The login forms' field is "username" (it holds the email address); axes would guess "email".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "ipguard.accounts.throttle.username_of"
AXES_CLIENT_IP_CALLABLE = "ipguard.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "ipguard.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
TRUSTED_PROXY_COUNT = _read("TRUSTED_PROXY_COUNT", env.int, 0)

# Second factor (django-otp, TOTP + recovery codes): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "IPGuard"
TWO_FACTOR_RECOVERY_CODES = 10

# Content Security Policy (django-csp): scripts and styles only from our own static files, no
# inline <script>, no style="" attributes (page behaviour lives in static/js/ipguard.js). In DEBUG
# the browser reports each violation to /csp-report/, which logs it (ipguard/core/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": ["/csp-report/"]} if DEBUG else {}),
    },
}
CSP_REPORTS = DEBUG

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _read("SECURE_SSL_REDIRECT", _strict_bool, True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _read("SECURE_HSTS_SECONDS", env.int, 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _read("LOG_LEVEL", env.str, "INFO")},
    # WeasyPrint and fontTools log every rendering step at INFO; keep worker logs readable.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Request size (ipguard/lib/request_limits.py): a body declared larger than REQUEST_MAX_BODY_MB
# is refused with 413 before it is read, except by views that allow more (evidence uploads:
# EVIDENCE_MAX_REQUEST_MB). Non-file form fields are capped by DATA_UPLOAD_MAX_MEMORY_SIZE; file
# parts above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file, never held in memory.
REQUEST_MAX_BODY_MB = _read("REQUEST_MAX_BODY_MB", env.int, 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of non-file fields (Django's default, kept)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100

# Evidence vault (ipguard/evidence). Uploads larger than EVIDENCE_MAX_UPLOAD_MB, or whose
# extension is not listed, are refused before anything is stored.
EVIDENCE_MAX_UPLOAD_MB = _read("EVIDENCE_MAX_UPLOAD_MB", env.int, 250)
# The whole upload of one record (several files); the proxy's body limit must allow it.
EVIDENCE_MAX_REQUEST_MB = _read("EVIDENCE_MAX_REQUEST_MB", env.int, 1024)
EVIDENCE_ALLOWED_EXTENSIONS = [
    extension.lower().lstrip(".")
    for extension in _read(
        "EVIDENCE_ALLOWED_EXTENSIONS",
        env.list,
        [
            *("pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "tif", "tiff", "bmp", "heic"),
            *("psd", "ai", "eps", "dwg", "dxf", "step", "stp", "stl", "iges", "igs"),
            *("doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "md", "csv"),
            *("rtf", "zip", "7z", "mp4", "mov", "mp3", "wav"),
        ],
    )
]
# An RFC 3161 timestamp authority for anchoring each company's chain head; empty = none.
EVIDENCE_TSA_URL = _read("EVIDENCE_TSA_URL", env.str, "")
# PEM or DER certificate(s) of the authority's CA, to check the tokens it returns (optional).
EVIDENCE_TSA_CA_FILE = _read("EVIDENCE_TSA_CA_FILE", env.str, "")
EVIDENCE_TSA_TIMEOUT = _read("EVIDENCE_TSA_TIMEOUT", env.float, 30.0)
# Every day at 02:30 (TIME_ZONE): timestamp each company's chain head that changed since its
# last anchor. Does nothing while EVIDENCE_TSA_URL is empty.
CELERY_BEAT_SCHEDULE["evidence-anchor-chain-heads"] = {
    "task": "ipguard.evidence.tasks.anchor_chain_heads",
    "schedule": crontab(hour=2, minute=30),
}
# OpenTimestamps calendars (comma-separated URLs, e.g. https://a.pool.opentimestamps.org) that
# anchor chain heads in Bitcoin; empty (the default) turns the public-blockchain track off.
EVIDENCE_OTS_CALENDARS = [
    url.strip() for url in _read("EVIDENCE_OTS_CALENDARS", env.list, []) if url.strip()
]
EVIDENCE_OTS_TIMEOUT = _read("EVIDENCE_OTS_TIMEOUT", env.float, 30.0)
# Optional Esplora-style API to read Bitcoin block headers by height (a block explorer such as
# https://blockstream.info/api/ or your own node's Esplora): GET <url>block-height/<h>, then
# <url>block/<hash>/header. Empty: users paste the header to check a proof.
EVIDENCE_BITCOIN_HEADER_URL = _read("EVIDENCE_BITCOIN_HEADER_URL", env.str, "")
# Every day at 02:40 (TIME_ZONE): submit each changed chain head to the calendars; every hour at
# :25, ask the calendars to upgrade pending proofs until one is in a Bitcoin block.
CELERY_BEAT_SCHEDULE["evidence-ots-anchor-chain-heads"] = {
    "task": "ipguard.evidence.tasks.ots_anchor_chain_heads",
    "schedule": crontab(hour=2, minute=40),
}
CELERY_BEAT_SCHEDULE["evidence-ots-upgrade-pending"] = {
    "task": "ipguard.evidence.tasks.ots_upgrade_pending",
    "schedule": crontab(minute=25),
}
# Every day at 06:10 (TIME_ZONE): ask for a deposit of critical records left without one
# (ipguard/evidence/deposit_actions.py), and close the items a deposit answered.
CELERY_BEAT_SCHEDULE["evidence-deposit-actions"] = {
    "task": "ipguard.evidence.tasks.deposit_actions_sweep",
    "schedule": crontab(hour=6, minute=10),
}

# Generated PDF reports (on MEDIA_ROOT's volume by default), downloaded only through the
# members-only view; their file names carry a random part.
REPORTS_ROOT = Path(_read("REPORTS_ROOT", env.str, str(MEDIA_ROOT / "reports")))

# --- Reliability (issue 15): SQLite locking, task leases, broker time-outs -----------------------
# Kept in one block so that merges with other settings work stay simple.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one SQLite file under `make run`. WAL lets readers run beside
    # the one writer; IMMEDIATE takes the write lock when a transaction begins, so a transaction
    # never fails half-way with "database is locked" when it first writes; the busy timeout
    # makes a second writer wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": _read("SQLITE_BUSY_TIMEOUT_SECONDS", env.float, 20.0),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    _sqlite_name = str(DATABASES["default"]["NAME"])
    if _sqlite_name and _sqlite_name != ":memory:":
        # A test database in a file (not in memory), so that a real worker process can open it.
        _sqlite_path = Path(_sqlite_name)
        DATABASES["default"].setdefault("TEST", {}).setdefault(
            "NAME", str(_sqlite_path.with_name(f"test_{_sqlite_path.name}"))
        )

# Every task is stopped after TASK_TIME_LIMIT_SECONDS (a soft limit 30 s earlier lets it record
# the failure). A status a task moved ("rendering", "sending") is a lease: once it is older than
# TASK_LEASE_SECONDS its worker is presumed dead and a sweep gives the work to another worker.
TASK_TIME_LIMIT_SECONDS = _read("TASK_TIME_LIMIT_SECONDS", env.int, 600)
CELERY_TASK_TIME_LIMIT = TASK_TIME_LIMIT_SECONDS
CELERY_TASK_SOFT_TIME_LIMIT = max(TASK_TIME_LIMIT_SECONDS - 30, 1)
TASK_LEASE_SECONDS = _read("TASK_LEASE_SECONDS", env.int, TASK_TIME_LIMIT_SECONDS + 60)
# Redis hands an unacknowledged task (acks_late) to another worker after the visibility timeout.
# Longer than the longest task's time limit plus its lease, so a task still running is never
# given out twice, and a task whose whole worker died comes back as soon as its lease is over.
# Retries with a countdown beyond this (reminder retries, up to an hour) may be delivered twice;
# the claimed ledger row makes the second copy a no-op.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_LEASE_SECONDS + 60,
    # A page that enqueues must not hang when Redis is unreachable or stops answering: give up
    # quickly, leave the row queued, and let the sweep enqueue it once Redis is back
    # (ipguard/lib/tasks.py). BRPOP waits 1 s at a time, well inside socket_timeout.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# Reports still queued this long after they were enqueued (the task was lost, or Redis was
# down when they were requested) are enqueued again by the reports sweep.
REPORTS_REQUEUE_AFTER_SECONDS = _read("REPORTS_REQUEUE_AFTER_SECONDS", env.int, 120)
# A report whose worker died this many times while rendering it is failed with that reason.
REPORTS_MAX_RENDER_ATTEMPTS = 3
# Every REPORTS_SWEEP_SECONDS (default two minutes): re-enqueue reports whose task was lost and
# take over renders whose lease expired.
CELERY_BEAT_SCHEDULE["reports-sweep"] = {
    "task": "ipguard.reports.tasks.sweep_reports",
    "schedule": _read("REPORTS_SWEEP_SECONDS", env.float, 120.0),
}
# Stored evidence files without an entry are only reported and removed once this old: younger
# ones may belong to an upload still being recorded.
EVIDENCE_ORPHAN_MIN_AGE_SECONDS = _read("EVIDENCE_ORPHAN_MIN_AGE_SECONDS", env.int, 3600)

# 04:15 every day: FTO reviews expire with time, so every company's product coverage is
# re-evaluated (new exposures become action items, filled gaps close theirs).
CELERY_BEAT_SCHEDULE["products-evaluate-coverage"] = {
    "task": "ipguard.products.tasks.evaluate_all_coverage",
    "schedule": crontab(hour=4, minute=15),
}

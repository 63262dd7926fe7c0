"""Start-up configuration: bad values name their variable; production refuses weak secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "Zx9!q" + "w" * 30


def _start(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _start(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _start(DEBUG="false", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_a_bad_value_names_its_variable():
    assert "DEBUG" in _start(DEBUG="perhaps").stderr
    bad_database = _start(DEBUG="true", DATABASE_URL="nosuchdb://x")
    assert bad_database.returncode != 0
    assert "DATABASE_URL" in bad_database.stderr
    bad_redis = _start(DEBUG="true", REDIS_URL="http://localhost")
    assert "REDIS_URL" in bad_redis.stderr
    bad_email = _start(DEBUG="true", EMAIL_URL="pigeon://coop")
    assert "EMAIL_URL" in bad_email.stderr


def test_deploy_check_passes_with_production_settings():
    result = _start(
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="ipguard.example.com",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ipguard",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.com:587",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_keeps_connections_caches_templates_and_uses_redis_for_the_cache():
    """The defaults the load bench was measured with (bench/load_pages.py, README Performance)."""
    probe = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.core.cache import caches;"
        " from django.template import engines\n"
        "db = settings.DATABASES['default']\n"
        "loaders = engines['django'].engine.template_loaders\n"
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], type(loaders[0]).__module__,"
        " type(caches['default']).__name__)\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"CONN_MAX_AGE"}}
    env.update(
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="ipguard.example.com",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ipguard",
        DJANGO_SETTINGS_MODULE="ipguard.settings",
    )
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    max_age, health_checks, loader, cache = result.stdout.split()
    assert int(max_age) >= 60 and health_checks == "True"
    assert loader == "django.template.loaders.cached"
    assert cache == "SafeRedisCache"

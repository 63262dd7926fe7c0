"""Production settings plus the bare view the load test compares every page with."""

from ipguard.settings import *  # noqa: F403

ROOT_URLCONF = "bench.site.urls"

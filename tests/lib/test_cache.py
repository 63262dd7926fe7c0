"""The production cache: Redis when it answers, a miss (never an error) when it does not."""

import socket
import time
import uuid

import pytest

from ipguard import settings as project_settings
from ipguard.lib.cache import SafeRedisCache


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cache(location):
    return SafeRedisCache(
        location,
        {
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:10]}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    )


def test_with_redis_down_reads_miss_and_writes_are_dropped_quickly(caplog):
    cache = _cache(f"redis://127.0.0.1:{_closed_port()}/1")
    started = time.monotonic()
    assert cache.get("k", "default") == "default"
    assert cache.set("k", "v") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", "v") is False
    assert cache.delete("k") is False
    assert cache.get_or_set("k", lambda: "computed") == "computed"
    assert time.monotonic() - started < 2  # one failed connect, then Redis is skipped a while
    assert "treated as a miss" in caplog.text


@pytest.mark.integration  # needs the real Redis, which make test-fast points away from
def test_with_redis_up_values_round_trip():
    cache = _cache(project_settings._same_redis_other_db(project_settings.REDIS_URL))
    try:  # the Redis of the test set-up (COMMON: running on 127.0.0.1), database 1
        cache.set("k", {"n": 1}, 30)
        assert cache.get("k") == {"n": 1}
        assert cache.get_many(["k", "missing"]) == {"k": {"n": 1}}
    finally:
        cache.delete("k")


def test_cache_url_choices():
    assert project_settings._same_redis_other_db("redis://h:6379/0") == "redis://h:6379/1"
    assert project_settings._same_redis_other_db("redis://:pw@h:6379") == "redis://:pw@h:6379/1"

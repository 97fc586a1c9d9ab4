"""Our Redis cache backend (jackson/cache.py) against the real Redis at 127.0.0.1:6379.

It is what production runs with ``REDIS_URL`` set: one client per pool, and a
one-round-trip counter for the submission guard's rate limit.
"""

import time
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.protection import SubmissionGuard
from tests.guard_helpers import post, valid_data

REDIS_URL = "redis://127.0.0.1:6379/3"


def _redis_is_up():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(not _redis_is_up(), reason="no Redis at 127.0.0.1:6379 (CI starts one)")


@pytest.fixture
def redis_cache():
    prefix = f"test-{uuid.uuid4().hex}"
    config = {"default": {"BACKEND": "jackson.cache.JacksonRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    with override_settings(CACHES=config):
        yield caches["default"]


def test_one_client_is_reused(redis_cache):
    client = redis_cache._cache.get_client("a")
    assert redis_cache._cache.get_client("b", write=True) is client
    redis_cache.set("greeting", {"text": "héllo <b>"}, 30)
    assert redis_cache.get("greeting") == {"text": "héllo <b>"}
    redis_cache.set("n", 1, 30)
    assert redis_cache.incr("n") == 2 and redis_cache.get("n") == 2


def test_incr_window_counts_and_expires(redis_cache):
    assert [redis_cache.incr_window("w", 1) for _ in range(3)] == [1, 2, 3]
    assert redis_cache.get("w") == 3
    ttl = redis_cache._cache.get_client("w").ttl(redis_cache.make_key("w"))
    assert 0 < ttl <= 1
    time.sleep(1.1)
    assert redis_cache.incr_window("w", 1) == 1  # a new window


def test_rate_limit_through_redis(redis_cache, clock):  # noqa: F811 - the fixture
    guard = SubmissionGuard("feedback", rate=3, per=60)
    data = valid_data(guard, clock)
    results = [guard.check(post(data, addr="198.51.100.7")).ok for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert guard.check(post(data, addr="198.51.100.8")).ok

"""One cache per server (jackson/settings/caches.py): every worker process sees the same entries.

Without ``REDIS_URL`` the caches live in ``diskcache`` directories under ``CACHE_DIR``.
These tests start real, separate Python processes on one directory (as gunicorn's workers
are) and check that a bump made by one is seen by the other at once, and that a rate limit
counted by both loses no count. They also check that page entries, which have their own
directory and size limit, can never push a rate-limit window out.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from jackson.settings.caches import caches as configured_caches

ROOT = Path(__file__).resolve().parent.parent

WORKER = """
import sys
import django

django.setup()
from core import freshness
from core.protection import _count_in_window

print("ready", flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "version":
        freshness.forget_local_copy()
        print(freshness.version(), flush=True)
    elif command == "bump":
        freshness.bump()
        print("bumped", flush=True)
    elif command == "count":
        for _ in range(int(argument)):
            last = _count_in_window("submission-guard:test:client", 600)
        print(last, flush=True)
    elif command == "clear":
        from django.core.cache import caches
        caches["default"].clear()
        caches["pages"].clear()
        freshness.forget_local_copy()
        freshness.forget_in_process_copies()
        print("cleared", flush=True)
    elif command == "backend":
        from django.core.cache import caches
        print(type(caches["default"]).__name__, caches["default"].directory, caches["pages"].directory, flush=True)
"""


class Worker:
    """A separate Python process with production-like settings on a shared cache directory."""

    def __init__(self, cache_dir):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "PAGE_CACHE_"))}
        env.update(DJANGO_SETTINGS_MODULE="jackson.settings.dev", CACHE_DIR=str(cache_dir))
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def wait_until_ready(self):
        assert self.process.stdout.readline().strip() == "ready"

    def send(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def ask(self, command):
        self.send(command)
        return self.process.stdout.readline().strip()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("shared-cache") / "cache"


@pytest.fixture(scope="module")
def started_workers(cache_dir):
    """Two workers on one cache directory, started together once for the module.

    Each spends seconds in ``django.setup()``; the tests only talk to them.
    """
    pair = [Worker(cache_dir), Worker(cache_dir)]
    for worker in pair:
        worker.wait_until_ready()
    yield pair
    for worker in pair:
        worker.close()


@pytest.fixture
def workers(started_workers):
    """The module's workers, their shared cache emptied first, so each test starts as on a new directory."""
    assert started_workers[0].ask("clear") == "cleared", "a worker is out of step with the test"
    return started_workers


def test_every_worker_uses_the_disk_cache_in_cache_dir(workers, cache_dir):
    backend, default_dir, pages_dir = workers[0].ask("backend").split()
    assert backend == "JacksonDiskCache"
    assert default_dir == str(cache_dir / "default")
    assert pages_dir == str(cache_dir / "pages")


def test_a_bump_in_one_worker_is_seen_by_the_other_at_once(workers):
    first, second = workers
    before = second.ask("version")
    assert first.ask("version") == before
    assert first.ask("bump") == "bumped"
    after = second.ask("version")
    assert after != before and after == first.ask("version")


def test_a_rate_limit_counted_by_two_workers_at_once_loses_no_count(workers):
    first, second = workers
    first.send("count 150")  # both count at the same time
    second.send("count 150")
    finals = sorted(int(worker.process.stdout.readline()) for worker in workers)
    assert finals[-1] == 300  # every increment counted exactly once
    assert first.ask("count 1") == "301"


# Configuration -----------------------------------------------------------------------------


def clean_env(monkeypatch, **values):
    for name in ("CACHE_DIR", "REDIS_URL", "PAGE_CACHE_REDIS_URL", "CACHE_MAX_MB", "PAGE_CACHE_MAX_MB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_without_redis_both_caches_are_on_disk_apart(monkeypatch, tmp_path):
    clean_env(monkeypatch)
    config = configured_caches(tmp_path)
    assert config["default"]["BACKEND"] == config["pages"]["BACKEND"] == "jackson.cache.JacksonDiskCache"
    assert config["default"]["LOCATION"] == str(tmp_path / "var" / "cache" / "default")
    assert config["pages"]["LOCATION"] == str(tmp_path / "var" / "cache" / "pages")
    assert config["default"]["OPTIONS"]["size_limit"] == 256 * 1024 * 1024
    assert config["pages"]["OPTIONS"]["size_limit"] == 512 * 1024 * 1024


def test_cache_dir_and_sizes_come_from_the_environment(monkeypatch, tmp_path):
    clean_env(monkeypatch, CACHE_DIR=str(tmp_path / "c"), CACHE_MAX_MB="8", PAGE_CACHE_MAX_MB="16")
    config = configured_caches("/unused")
    assert config["default"]["LOCATION"] == str(tmp_path / "c" / "default")
    assert config["pages"]["OPTIONS"]["size_limit"] == 16 * 1024 * 1024


def test_with_redis_page_entries_stay_on_the_servers_disk(monkeypatch, tmp_path):
    clean_env(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3")
    config = configured_caches(tmp_path)
    assert config["default"]["BACKEND"] == "jackson.cache.JacksonRedisCache"
    assert config["pages"]["BACKEND"] == "jackson.cache.JacksonDiskCache"


def test_page_entries_go_to_their_own_redis_when_asked(monkeypatch, tmp_path):
    clean_env(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3", PAGE_CACHE_REDIS_URL="redis://127.0.0.1:6380/0")
    config = configured_caches(tmp_path)
    assert config["pages"]["BACKEND"] == "jackson.cache.JacksonRedisCache"
    assert config["pages"]["LOCATION"] == "redis://127.0.0.1:6380/0"
    assert config["pages"]["KEY_PREFIX"] != config["default"]["KEY_PREFIX"]


def test_page_entries_never_evict_a_rate_limit_window(monkeypatch, tmp_path):
    from core.protection import _count_in_window

    clean_env(monkeypatch, CACHE_DIR=str(tmp_path), CACHE_MAX_MB="1", PAGE_CACHE_MAX_MB="1")
    with override_settings(CACHES=configured_caches(tmp_path)):
        try:
            assert _count_in_window("submission-guard:feedback:someone", 600) == 1
            pages = caches["pages"]
            for number in range(60):  # 3 MB of pages into a 1 MB page cache
                pages.set(f"page:{number}", os.urandom(50_000), 600)
            assert pages._cache.volume() < 2 * 1024 * 1024  # the page cache culled its own entries
            assert 0 < len(pages._cache) < 60
            assert _count_in_window("submission-guard:feedback:someone", 600) == 2  # the window held
        finally:
            caches["pages"].close()
            caches["default"].close()

"""A page view's cache round trips: each kept value read once, the unchanging ones kept in the process.

With Redis every ``cache.get`` is a network round trip. A rendered department page used to make
21 of them (the private sections five times, the alerts twice); ``core.freshness`` now reads each
key once per page view and keeps strings, tuples and frozen records in the process for a few
seconds. These tests hold the counts, and show that nothing is kept past a bump from any worker.
"""

import pytest
from django.core import cache as cache_module
from django.test import override_settings

from alerts import active
from core import freshness
from departments.models import DepartmentPage


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys read from the default cache, in order."""
    reads = []
    real_get = cache_module.cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache_module.cache, "get", counting_get)
    return reads


def computed_counter():
    calls = []

    def compute():
        calls.append(1)
        return ("a", "b")

    return calls, compute


def test_a_key_is_read_once_per_reading(cache_reads):
    calls, compute = computed_counter()
    with freshness.one_reading():
        assert freshness.kept("thing", 60, compute) == ("a", "b")
        assert freshness.kept("thing", 60, compute) == ("a", "b")
        assert freshness.kept("thing", 60, compute) == ("a", "b")
    kept_reads = [key for key in cache_reads if key.startswith("thing:")]
    assert len(kept_reads) == 1 and calls == [1]
    # Outside a reading, every call asks the cache (a management command, a task).
    freshness.kept("thing", 60, compute)
    freshness.kept("thing", 60, compute)
    assert len([key for key in cache_reads if key.startswith("thing:")]) == 3


def test_a_bump_inside_a_reading_forgets_what_it_read():
    values = iter(["first", "second"])
    with freshness.one_reading():
        assert freshness.kept("thing", 60, lambda: next(values)) == "first"
        freshness.bump()
        assert freshness.kept("thing", 60, lambda: next(values)) == "second"


def test_in_process_values_cost_no_round_trip_on_the_next_page_view(cache_reads):
    calls, compute = computed_counter()
    with freshness.one_reading():
        freshness.kept("thing", 60, compute, in_process=True)
    cache_reads.clear()
    with freshness.one_reading():
        assert freshness.kept("thing", 60, compute, in_process=True) == ("a", "b")
    assert cache_reads == [freshness.VERSION_CACHE_KEY]  # the version only
    assert calls == [1]


def test_a_bump_from_another_worker_is_seen_on_the_next_page_view():
    """Another worker's bump changes only the shared version; this process's copy is under the old one."""
    values = iter(["old", "new"])
    with freshness.one_reading():
        assert freshness.kept("thing", 60, lambda: next(values), in_process=True) == "old"
    cache_module.cache.set(freshness.VERSION_CACHE_KEY, "set-by-another-worker", None)
    with freshness.one_reading():
        assert freshness.kept("thing", 60, lambda: next(values), in_process=True) == "new"


def test_in_process_copies_expire(monkeypatch):
    values = iter(["old", "new"])
    now = [1000.0]
    monkeypatch.setattr(freshness.time, "monotonic", lambda: now[0])
    with freshness.one_reading():
        assert freshness.kept("thing", 600, lambda: next(values), in_process=True) == "old"
    cache_module.cache.delete(f"thing:{freshness.version()}")  # as the shared cache's own expiry would
    now[0] += freshness.IN_PROCESS_SECONDS - 0.1
    with freshness.one_reading():
        assert freshness.kept("thing", 600, lambda: next(values), in_process=True) == "old"
    now[0] += 0.2
    with freshness.one_reading():
        assert freshness.kept("thing", 600, lambda: next(values), in_process=True) == "new"


def test_in_process_copies_are_bounded(monkeypatch):
    monkeypatch.setattr(freshness, "IN_PROCESS_ENTRIES", 3)
    for number in range(10):
        freshness.kept(f"thing-{number}", 60, lambda number=number: str(number), in_process=True)
    assert len(freshness._in_process) == 3
    assert all(key.startswith(("thing-7:", "thing-8:", "thing-9:")) for key in freshness._in_process)


def test_a_cache_outage_still_computes_every_time(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    calls, compute = computed_counter()
    monkeypatch.setattr(cache_module.cache, "get", broken)
    with freshness.one_reading():
        assert freshness.kept("thing", 60, compute, in_process=True) == ("a", "b")
    with freshness.one_reading():
        assert freshness.kept("thing", 60, compute, in_process=True) == ("a", "b")
    assert calls == [1, 1]
    assert not freshness._in_process


@pytest.mark.django_db
def test_the_alerts_version_is_read_once_per_reading_and_a_publish_inside_it_is_seen(cache_reads):
    active.version()  # made
    cache_reads.clear()
    with freshness.one_reading():
        first = active.version()
        assert active.version() == first
        assert cache_reads.count(active.VERSION_CACHE_KEY) == 1
        active.forget()
        assert active.version() != first


@pytest.mark.parametrize("page", ["home", "department"])
def test_a_rendered_page_reads_each_kept_value_once(seeded, client, cache_reads, page):
    """The page cache off, so the page is rendered; the second view's reads are the steady state."""
    path = "/" if page == "home" else DepartmentPage.objects.live().order_by("path").first().url
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert client.get(path).status_code == 200
        cache_reads.clear()
        assert client.get(path).status_code == 200
    assert len(cache_reads) == len(set(cache_reads)), cache_reads
    # Kept in the process: the fragments, the private sections, the alerts and the route.
    assert not [key for key in cache_reads if key.startswith(("fragment:", "private-sections:", "alerts:published:"))]
    assert not [key for key in cache_reads if key.startswith("route:")]
    assert len(cache_reads) <= (6 if page == "home" else 9), cache_reads

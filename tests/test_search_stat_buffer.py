"""Search counts summed in each worker and written together (search/stat_buffer.py)."""

import pytest

from search import stat_buffer
from search.models import QueryStat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_buffer():
    stat_buffer._pending.clear()
    yield
    stat_buffer._pending.clear()


def test_counts_wait_for_the_flush_then_are_written_as_sums(settings):
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    stat_buffer.flush()  # the clock of the last write starts now
    for _ in range(5):
        stat_buffer.count("water", False)
    stat_buffer.count("zzzqqq", True)
    stat_buffer.count("zzzqqq", True)
    stat_buffer.count("", True)  # an empty query is never counted
    assert not QueryStat.objects.exists()
    stat_buffer.flush()
    assert QueryStat.objects.get(query="water").searches == 5
    stat = QueryStat.objects.get(query="zzzqqq")
    assert (stat.searches, stat.zero_result_searches) == (2, 2)
    assert QueryStat.objects.count() == 2


def test_a_due_flush_writes_with_the_count(settings):
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    stat_buffer.count("pothole", False)
    stat_buffer._last_flush["at"] -= 3600
    stat_buffer.count("pothole", False)
    assert QueryStat.objects.get(query="pothole").searches == 2


def test_too_many_distinct_queries_are_written_at_once(settings, monkeypatch):
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    stat_buffer.flush()
    monkeypatch.setattr(stat_buffer, "MAX_PENDING", 3)
    for query in ("a", "b"):
        stat_buffer.count(query, False)
    assert not QueryStat.objects.exists()
    stat_buffer.count("c", False)
    assert QueryStat.objects.count() == 3


def test_a_failed_write_drops_the_batch_and_raises(settings, monkeypatch):
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    stat_buffer.count("water", False)

    def fail(*args, **kwargs):
        raise RuntimeError("statistics table unavailable")

    monkeypatch.setattr(QueryStat, "record", fail)
    with pytest.raises(RuntimeError):
        stat_buffer.flush()
    assert not stat_buffer._pending


def test_hostile_queries_are_counted_as_given(settings):
    settings.SEARCH_STATS_FLUSH_SECONDS = 0
    for query in ("<script>alert(1)</script>", "é" * 90, "water\u202e"):
        stat_buffer.count(query, False)
    assert QueryStat.objects.count() == 3

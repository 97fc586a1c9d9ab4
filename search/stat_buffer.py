"""Search counts gathered in each worker and written together, at most once per ``SEARCH_STATS_FLUSH_SECONDS``.

Why: every search is counted for the analytics (``QueryStat``), and writing each count on its
own is a transaction per search: on SQLite a commit that waits for the disk and takes the one
write lock every worker wants, on PostgreSQL a row lock that every worker asking the same
question queues on. In an emergency that is hundreds of writes a second of "boil water", and
a kept results page (search/kept_pages.py) cost five times a kept page of any other kind.
Counting in memory and writing the sums once a second per worker keeps the figures exact
and the writes to a handful a second.

What may be lost: the counts of the last second if a worker is killed (a clean exit writes
them, ``atexit``), which is fine for statistics, as is a count showing late in the admin's
report: a worker writes with its first search after the interval, so a worker that then gets
no search holds its last sums until its next search or its exit. ``0`` writes every count as it
happens (the test settings do).
"""

import atexit
import threading
import time
from collections import Counter

from django.conf import settings
from django.utils import timezone

from search.models import QueryStat

#: More distinct (day, query, outcome) entries than this are written at once, whatever the time.
MAX_PENDING = 2000

_pending = Counter()
_lock = threading.Lock()
_last_flush = {"at": time.monotonic()}


def count(query, found_nothing):
    """Count one search; write the pending counts if they are due."""
    if not query:
        return
    with _lock:
        _pending[(timezone.localdate(), query, bool(found_nothing))] += 1
        due = (
            settings.SEARCH_STATS_FLUSH_SECONDS <= 0
            or len(_pending) >= MAX_PENDING
            or time.monotonic() - _last_flush["at"] >= settings.SEARCH_STATS_FLUSH_SECONDS
        )
    if due:
        flush()


def flush():
    """Write every pending count. A failure drops them (and is raised to be logged): they are statistics."""
    with _lock:
        batch = list(_pending.items())
        _pending.clear()
        _last_flush["at"] = time.monotonic()
    for (date, query, found_nothing), times in batch:
        QueryStat.record(query, found_nothing, date=date, times=times)


def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: BLE001, S110 - a worker on its way out has nobody to tell
        pass


atexit.register(_flush_at_exit)

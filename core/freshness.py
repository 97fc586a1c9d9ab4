"""One version number for "what the public can see has changed".

Short-lived caches of things derived from the page tree (search answers, the
main navigation, the department list) put ``version()`` in their keys.
Saving (and so publishing), unpublishing, moving or deleting a page,
changing a view restriction, a site or the city settings calls ``bump()``, which forgets them all at once. Other apps
connect their own signals to ``bump`` (search does for synonym groups).

The cache is shared by every worker (on disk on one server, or Redis for
several: jackson/settings/caches.py), so every worker sees a bump at once.
The version also carries a fingerprint of the code (``core.code_version``): a deploy forgets
every kept copy as a publish does, without a bump.
A bump made inside a transaction is made again when it commits (``bump``).
A page view (``one_reading``) reads the version once and each kept value once; values nobody
changes once made (rendered fragments, the private sections, the alerts) are also kept in the
process for a few seconds (``kept(..., in_process=True)``), so a rendered page costs a handful
of round trips to Redis rather than twenty.
Anything that must never show a hidden page re-checks visibility when it is
served, so only *new* pages could ever lag, never removed or restricted ones.
"""

import collections
import contextlib
import contextvars
import logging
import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

from core import code_version

logger = logging.getLogger(__name__)

VERSION_CACHE_KEY = "site:content-version"


#: The version as this process last read it, and when (``time.monotonic()``), for ``version(within=…)``.
_last_read = {"value": None, "at": 0.0}

#: Inside ``one_reading()`` (a public page request): the version as first read there, and the
#: values ``kept()`` and ``once_per_reading()`` have handed out in it.
_this_reading = contextvars.ContextVar("jackson_content_version", default=None)

#: How long this process keeps its own copy of a value marked ``in_process`` (``kept``).
IN_PROCESS_SECONDS = 5
#: At most this many such copies per process; the oldest goes first.
IN_PROCESS_ENTRIES = 256

_in_process = collections.OrderedDict()  # versioned key -> (monotonic expiry, value)
_in_process_lock = threading.Lock()


@contextlib.contextmanager
def one_reading():
    """Read the version once for this block: a page view reads it for its site, navigation, footer and
    search, five to seven cache round trips with a shared cache. A bump inside the block is seen at once.
    """
    if _this_reading.get() is not None:  # already inside one (the page cache's, around the page's)
        yield
        return
    token = _this_reading.set({})
    try:
        yield
    finally:
        _this_reading.reset(token)


def version(within=0.0):
    """The current version; with ``within`` seconds, this process's copy if it is that fresh.

    ``within`` is for hot paths that can take a change a moment late (feedback routing reads
    it on every submission: one cache round trip less per post under load). A bump made in this
    process is seen at once either way.
    """
    memo = _this_reading.get()
    if memo and "value" in memo:
        return memo["value"]
    if within and _last_read["value"] is not None and time.monotonic() - _last_read["at"] < within:
        return _last_read["value"]
    value = cache.get(VERSION_CACHE_KEY)
    if value is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, None)
        value = cache.get(VERSION_CACHE_KEY, "")
    value = f"{value}.{code_version.fingerprint()}"
    _last_read.update(value=value, at=time.monotonic())
    if memo is not None:
        memo["value"] = value
    return value


def forget_local_copy():
    """Read the version (and anything ``once_per_reading``) afresh: this process has just changed it."""
    _last_read["value"] = None
    memo = _this_reading.get()
    if memo is not None:
        memo.clear()


def once_per_reading(name, compute):
    """``compute()`` once per ``one_reading()`` block (every time outside one).

    For cache reads a page view repeats (the alerts' own version is asked by the banner and by
    the page cache). A bump in this process (``forget_local_copy``) forgets it.
    """
    memo = _this_reading.get()
    if memo is None:
        return compute()
    slot = f"once:{name}"
    if slot not in memo:
        memo[slot] = compute()
    return memo[slot]


def bump(**kwargs):
    """A signal receiver: every cache keyed by ``version()`` is forgotten, now and again after commit.

    Most changes arrive inside a transaction (publishing, deleting, editing settings). Between
    the first bump and the commit, other requests still read the old rows, and a page rendered
    then would be kept under the *new* version and outlive the change. Forgetting again once
    the transaction commits (``on_commit``) leaves nothing from that window. Outside a
    transaction the change is already committed, and once is enough.
    """
    _new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_version, robust=True)


def _new_version():
    forget_local_copy()
    try:
        cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - publishing must not fail because the cache is down
        logger.warning("Cache unavailable; kept copies not forgotten", exc_info=True)


def _page_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump()


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump, dispatch_uid="freshness-published")
    page_unpublished.connect(bump, dispatch_uid="freshness-unpublished")
    post_page_move.connect(bump, dispatch_uid="freshness-moved")
    # Pages made in code (imports, seed_demo) are saved live without a publish signal; a save is
    # sent for the page's own class only, so listen to every save and keep the pages.
    post_save.connect(_page_saved, dispatch_uid="freshness-page-saved")
    # post_delete is sent for each table of a deleted page, Page's included, whatever its type.
    post_delete.connect(bump, sender=Page, dispatch_uid="freshness-deleted")
    # Sites are kept too (home/middleware.py); the apps above add their own models (``connect_model``).
    connect_model(Site)
    post_save.connect(bump, sender=PageViewRestriction, dispatch_uid="freshness-restriction-saved")
    post_delete.connect(bump, sender=PageViewRestriction, dispatch_uid="freshness-restriction-deleted")


def connect_model(model):
    """Bump whenever a ``model`` row is saved or deleted.

    For models of higher apps that public pages show (the home app's city settings): the app
    calls this from its ``ready()``, so this layer never needs to import it.
    """
    from django.db.models.signals import post_delete, post_save

    post_save.connect(bump, sender=model, dispatch_uid=f"freshness-{model._meta.label_lower}-saved")
    post_delete.connect(bump, sender=model, dispatch_uid=f"freshness-{model._meta.label_lower}-deleted")


def kept(name, seconds, compute, *, in_process=False):
    """``compute()``, kept for ``seconds`` under ``name`` and the current version.

    A cache outage costs speed, never the page: the value is then computed every time.

    Inside ``one_reading()`` each key is read from the cache once: a page view asks for the
    private sections up to five times (every ``.public()`` listing). With ``in_process``, this
    process also keeps its own copy for up to ``IN_PROCESS_SECONDS``, so a page view under load
    costs no cache round trip for it at all. That is only for values nobody changes once made
    (strings, tuples, frozen records): every request of the process shares the one object. The
    key holds the version, so a bump from any worker is seen as soon as the version is read
    again (once per page view); only the expiry can run up to ``IN_PROCESS_SECONDS`` late.
    """
    try:
        key = f"{name}:{version()}"
    except Exception:  # noqa: BLE001 - any cache outage
        logger.warning("Cache unavailable; computing %s without it", name, exc_info=True)
        return compute()
    memo = _this_reading.get()
    slot = f"kept:{key}"
    if memo is not None and slot in memo:
        return memo[slot]
    value = _from_this_process(key) if in_process else None
    if value is None:
        value = kept_under(key, seconds, compute)
        if in_process and value is not None:
            _keep_in_this_process(key, value, seconds)
    if memo is not None:
        memo[slot] = value
    return value


def _from_this_process(key):
    with _in_process_lock:
        found = _in_process.get(key)
        if found is None:
            return None
        expires, value = found
        if expires <= time.monotonic():
            del _in_process[key]
            return None
        return value


def _keep_in_this_process(key, value, seconds):
    with _in_process_lock:
        _in_process[key] = (time.monotonic() + min(seconds, IN_PROCESS_SECONDS), value)
        _in_process.move_to_end(key)
        while len(_in_process) > IN_PROCESS_ENTRIES:
            _in_process.popitem(last=False)


def forget_in_process_copies():
    """Drop this process's own copies (tests that change rows without a signal, then clear the cache)."""
    with _in_process_lock:
        _in_process.clear()


def kept_under(key, seconds, compute):
    """``compute()``, kept for ``seconds`` under ``key`` (no version); fails open like ``kept``."""
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - any cache outage
        logger.warning("Cache unavailable; computing %s without it", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("Cache unavailable; %s not kept", key, exc_info=True)
    return value

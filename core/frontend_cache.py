"""Purging front-end caches (a CDN, Varnish) when what the public sees changes.

Pages are served with ``Cache-Control: public, s-maxage=N``, so a CDN or Varnish in front keeps
them for up to N seconds. When content changes this module asks those caches to forget the
affected URLs, so residents see a new alert or a corrected page at once rather than N seconds
later. The caches themselves come from ``WAGTAILFRONTENDCACHE`` (``jackson/settings/frontend_cache.py``);
Wagtail's ``wagtail.contrib.frontend_cache`` sends the purges (its ``purge_urls_from_cache_task``,
a django-tasks task: inline in development, in ``db_worker`` with ``TASKS_BACKEND=database``).

Why our own signal handlers rather than Wagtail's (``jackson.apps.FrontendCacheConfig`` leaves
those out): Wagtail's purge only the page itself, and they run inside the publishing transaction,
so with inline tasks the cache could be refilled with the old page before the new one is
committed. Here:

* nothing is sent until the transaction commits (``transaction.on_commit``); the URLs of one
  transaction go out as one batch;
* a change to a page purges its own cached paths (``get_cached_paths``: feeds, calendars), its
  live ancestors (every ancestor lists or links its children: the home page, a department page,
  /departments/) and whatever the apps say shows it elsewhere, through the
  ``frontend_cache_related`` hook: a function ``fn(page)`` returning pages and/or site paths
  (``"/news/feed/"``). The news app, for instance, adds the city-wide news index for a story kept
  in a department. This module never needs to know the page types;
* a page deleted or moved is purged at its old URL too (computed before the change);
* nothing at all happens (not even a query) when no cache is configured.

Larger purges (every page an alert covers) are worked out in a task (``purge_pages``) from ids,
so publishing never waits for thousands of URLs, let alone for the CDN.
"""

import logging
import threading
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_tasks import task
from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

RELATED_HOOK = "frontend_cache_related"

_local = threading.local()


def configured():
    """Whether any front-end cache is configured (else every function here returns at once)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's HTTP ``PURGE`` backend with a timeout: a hung cache must not hang the worker."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            # Percent-encoded as browsers send it (a page slug may be "café"): the cache's key.
            url=urlunsplit([self.cache_scheme, self.cache_netloc, quote(parts.path, safe="/%"), parts.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=self.timeout).close()  # noqa: S310 - the scheme is checked in settings
        except HTTPError as error:
            logger.error("Couldn't purge %s from the HTTP cache: %s %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Couldn't purge %s from the HTTP cache: %s", url, getattr(error, "reason", error))


# -- sending, after commit ----------------------------------------------------------------------


def _pending():
    if not hasattr(_local, "urls"):
        _local.urls = set()
    return _local.urls


def purge_after_commit(urls):
    """Purge ``urls`` (absolute) once the current transaction commits; at once outside one.

    URLs gathered during one transaction leave together. A rolled-back transaction's URLs may
    ride along with the next batch: purging a URL too often costs a cache miss, never a stale page.
    """
    if not configured():
        return
    urls = set(urls)
    if not urls:
        return
    _pending().update(urls)
    transaction.on_commit(_send_pending)


def _send_pending():
    pending = _pending()
    if not pending:
        return
    urls = sorted(pending)
    pending.clear()
    try:
        purge_urls_from_cache_task.enqueue(urls)
    except Exception:  # noqa: BLE001 - a cache or queue outage must never undo a publication
        logger.exception("Could not queue the purge of %d URLs", len(urls))


def site_urls(paths):
    """``paths`` (``/alerts/feed.rss``) on every site's root URL."""
    return {site.root_url + path for site in Site.objects.all() for path in paths}


# -- what a page change touches -----------------------------------------------------------------


def urls_for_page(page, batch=None):
    """Every URL that shows ``page`` or a listing of it: its own, its ancestors', the apps' additions."""
    batch = batch or PurgeBatch()
    page = page.specific_deferred
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).live())
    root_url = None
    for related in hooks.get_hooks(RELATED_HOOK):
        for item in related(page) or ():
            if isinstance(item, Page):
                batch.add_page(item)
                continue
            if root_url is None:
                parts = page.get_url_parts(batch)
                root_url = parts[1] if parts else ""
            if root_url:
                batch.add_url(root_url + item)
    return batch.urls


def _page_published(sender, instance, **kwargs):
    if configured():
        purge_after_commit(urls_for_page(instance))


def _page_unpublished(sender, instance, **kwargs):
    if configured():
        purge_after_commit(urls_for_page(instance))


def _page_deleting(sender, instance, **kwargs):
    # Before the rows go: afterwards neither the URL nor the ancestors can be worked out.
    if configured() and instance.live:
        purge_after_commit(urls_for_page(instance))


def _page_slug_changed(sender, instance, instance_before, **kwargs):
    if configured() and instance_before.live:
        purge_after_commit(urls_for_page(instance_before))


def _subtree_urls(page):
    batch = PurgeBatch()
    urls_for_page(page, batch)
    batch.add_pages(page.get_descendants().live())
    return batch.urls


def _page_moving(sender, instance, **kwargs):
    if configured() and instance.live:
        # The moved page and everything under it leave their old URLs; sent after the move.
        _moving().setdefault(instance.pk, set()).update(_subtree_urls(instance))


def _page_moved(sender, instance, **kwargs):
    if not configured():
        return
    before = _moving().pop(instance.pk, set())
    after = urls_for_page(instance) if instance.live else set()
    purge_after_commit(before | after)


def _moving():
    if not hasattr(_local, "moving"):
        _local.moving = {}
    return _local.moving


def connect():
    from django.db.models.signals import pre_delete
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

    page_published.connect(_page_published, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="frontend-cache-unpublished")
    page_slug_changed.connect(_page_slug_changed, dispatch_uid="frontend-cache-slug-changed")
    pre_page_move.connect(_page_moving, dispatch_uid="frontend-cache-moving")
    post_page_move.connect(_page_moved, dispatch_uid="frontend-cache-moved")
    # pre_delete is sent for each table of a deleted page, Page's included, whatever its type.
    pre_delete.connect(_page_deleting, sender=Page, dispatch_uid="frontend-cache-deleting")


# -- many pages at once, in the background ------------------------------------------------------


@task()
def purge_pages(page_ids=(), subtree_ids=(), every_page=False, paths=()):
    """Purge live public pages (``every_page``, ``page_ids`` and the subtrees at ``subtree_ids``)
    and ``paths`` on every site. Runs as a task: a site-wide alert purges thousands of URLs."""
    if not configured():
        return 0
    pages = Page.objects.live().public()
    if not every_page:
        scope = Q(pk__in=list(page_ids))
        for path in Page.objects.filter(pk__in=list(subtree_ids)).values_list("path", flat=True):
            scope |= Q(path__startswith=path)
        pages = pages.filter(scope)
    per_url = list(settings.WAGTAILFRONTENDCACHE)
    if every_page:
        # CloudFront takes a wildcard as one invalidation path, and refuses more than 3,000 paths in
        # progress: a site-wide purge there is "/*" on each site rather than one path per page.
        wildcard = [name for name in per_url if _takes_wildcards(name)]
        if wildcard:
            per_url = [name for name in per_url if name not in wildcard]
            purge_urls_from_cache_task.call(sorted(site_urls(["/*"])), backends=wildcard)
    batch = PurgeBatch()
    if per_url and (every_page or page_ids or subtree_ids):
        batch.add_pages(pages.order_by("path").iterator(chunk_size=500))
    batch.add_urls(site_urls(paths))
    urls = sorted(batch.urls)
    if urls and per_url:
        # Already in the background: send from here rather than queueing a second task.
        purge_urls_from_cache_task.call(urls, backends=per_url)
    return len(urls)


def _takes_wildcards(name):
    from django.utils.module_loading import import_string
    from wagtail.contrib.frontend_cache.backends import CloudfrontBackend

    backend = import_string(settings.WAGTAILFRONTENDCACHE[name]["BACKEND"])
    return issubclass(backend, CloudfrontBackend)


def purge_pages_after_commit(page_ids=(), subtree_ids=(), every_page=False, paths=(), run_after=None):
    """Queue ``purge_pages`` once the transaction commits (at ``run_after`` where the queue can wait)."""
    if not configured():
        return
    arguments = {
        "page_ids": sorted(set(page_ids)),
        "subtree_ids": sorted(set(subtree_ids)),
        "every_page": bool(every_page),
        "paths": sorted(set(paths)),
    }

    def enqueue():
        try:
            runner = purge_pages
            if run_after is not None:
                if not purge_pages.get_backend().supports_defer:
                    return
                runner = purge_pages.using(run_after=run_after)
            runner.enqueue(**arguments)
        except Exception:  # noqa: BLE001 - a cache or queue outage must never undo a publication
            logger.exception("Could not queue a purge of %s", arguments)

    transaction.on_commit(enqueue)

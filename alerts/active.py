"""Which alerts show where, from one cached list.

Every page view asks "which alerts are showing here?". The answer comes from a small list
of every *published* alert (plain dicts, a handful at most), kept in the cache under the
content version (``core.freshness``) and the alerts' own version: publishing, unpublishing or
deleting an alert moves the alerts' version (``forget``, now and again after commit), so every
worker sees the change on its next request. Start and end times are compared with the clock
on each call, so an alert appears and disappears on the second without cron and without a write.

Why a version of their own rather than the site's: the page cache keys every page by the set of
alerts showing (``state``), so a new alert already replaces every kept page, and it does so by
redrawing the banner into each page's kept frame (alerts/banner.py), which is keyed by the site's
version. Bumping the site's version as well would forget those frames and everything rendered
pages are built from (the site, the navigation, kept listings and fragments, the routes), so in
an emergency, the moment every page is asked for at once, each would be rendered from nothing.

``state(now)`` names the set of alerts showing anywhere right now. The page cache puts it
in its keys, so a cached page can never outlive an alert's start or end.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core import freshness

logger = logging.getLogger(__name__)

KEEP_SECONDS = 300
VERSION_CACHE_KEY = "alerts:version"


@dataclass(frozen=True)
class Hotline:
    label: str
    phone: str
    tel_href: str


@dataclass(frozen=True)
class ShownAlert:
    """What a banner needs, detached from the database (it lives in the cache)."""

    id: int
    title: str
    message: str
    link_url: str
    link_text: str
    severity: str
    rank: int
    scope: str
    starts_at: datetime
    ends_at: datetime | None
    can_dismiss: bool
    #: Changes with every published edit (the live revision), so an edited alert shows again to those
    #: who dismissed it, however soon after the last one it was published.
    dismiss_key: str
    department_paths: tuple[str, ...] = ()
    page_ids: frozenset[int] = frozenset()
    hotlines: tuple[Hotline, ...] = field(default_factory=tuple)

    def is_showing(self, now):
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    def covers(self, page):
        """Whether ``page`` (a Page, or None for a view that is not a page) is in scope."""
        if page is None:
            return self.covers_place(None, "")
        return self.covers_place(page.pk, getattr(page, "path", "") or "")

    def covers_place(self, page_id, path):
        """Whether the page with this id and tree path (None and "" for other views) is in scope."""
        from alerts.models import Scope

        if self.scope == Scope.SITE:
            return True
        if page_id is None:
            return False
        if self.scope == Scope.DEPARTMENTS:
            return any(path.startswith(prefix) for prefix in self.department_paths)
        return page_id in self.page_ids


def _snapshot(alert):
    return ShownAlert(
        id=alert.pk,
        title=alert.title,
        message=alert.message,
        link_url=alert.link_url,
        link_text=alert.link_text or "More information",
        severity=alert.severity,
        rank=alert.rank,
        scope=alert.scope,
        starts_at=alert.starts_at,
        ends_at=alert.ends_at,
        can_dismiss=alert.can_dismiss,
        dismiss_key=f"{alert.pk}-{alert.live_revision_id or int(alert.updated_at.timestamp())}",
        department_paths=tuple(department.path for department in alert.departments.all()),
        page_ids=frozenset(alert.page_ids),
        hotlines=tuple(Hotline(h.label, h.phone, h.tel_href) for h in alert.hotlines.all()),
    )


def _published():
    from alerts.models import Alert

    alerts = Alert.objects.filter(live=True).prefetch_related("departments", "scope_pages", "hotlines")
    return tuple(_snapshot(alert) for alert in alerts)  # frozen records: shared by a process's requests


def version():
    """The alerts' version (``""`` when the cache is out: the list is then computed every time).

    Read once per page view (``freshness.once_per_reading``): the page cache's key and the banner both ask.
    """
    return freshness.once_per_reading("alerts-version", _read_version)


def _read_version():
    try:
        value = cache.get(VERSION_CACHE_KEY)
        if value is None:
            cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, None)
            value = cache.get(VERSION_CACHE_KEY, "")
        return value
    except Exception:  # noqa: BLE001 - a cache outage costs speed, never the page
        logger.warning("Cache unavailable; alerts read without it", exc_info=True)
        return ""


def _new_version():
    freshness.forget_local_copy()  # a page view that published an alert reads the new version
    try:
        cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - publishing must not fail because the cache is down
        logger.warning("Cache unavailable; kept alert lists not forgotten", exc_info=True)


def forget(**kwargs):
    """A signal receiver: the kept alert lists are forgotten now and, inside a transaction, after it commits.

    As ``core.freshness.bump`` does for the site: a request between the first forgetting and the
    commit reads the old rows, and would keep them under the new version.
    """
    _new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_version, robust=True)


def published():
    """Every published alert, kept under the content version and the alerts' version."""
    return freshness.kept(f"alerts:published:{version()}", KEEP_SECONDS, _published, in_process=True)


def _ordered(alerts):
    # Most severe first, then newest first.
    return sorted(alerts, key=lambda a: (a.rank, -a.starts_at.timestamp(), -a.id))


def showing(now=None):
    """Every alert showing right now, anywhere on the site."""
    now = now or timezone.now()
    return _ordered(a for a in published() if a.is_showing(now))


def for_page(page=None, now=None):
    """The alerts to show on ``page`` (None for search, forms' thank-you, 404 and 500 pages)."""
    return [a for a in showing(now) if a.covers(page)]


def for_place(page_id, path, now=None):
    """``for_page`` from a page's id and tree path, as a kept page remembers them (alerts/banner.py)."""
    return [a for a in showing(now) if a.covers_place(page_id, path)]


def state(now=None):
    """A short name for the set of alerts showing now (for cache keys)."""
    ids = sorted(a.dismiss_key for a in showing(now))
    return ".".join(ids) or "none"

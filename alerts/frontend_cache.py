"""Purging front-end caches (CDN, Varnish) when an alert is published, unpublished or deleted.

An alert's banner is part of every page in its scope, so each of those pages is purged: every
live public page for a site-wide alert, a department's subtree, or the chosen pages, plus the
alert feeds. The pages are worked out in a background task from ids (``core.frontend_cache.
purge_pages``), after the transaction commits, so publishing an emergency never waits for
thousands of URLs or for the CDN.

Republishing an alert with a narrower scope must also clear the pages it leaves: the scope the
database held before the save is kept on the instance (``pre_save``) and purged with the new one.
An alert that starts or ends later is purged again then, where the task queue can wait
(``TASKS_BACKEND=database``); otherwise caches catch up within their max-age.
"""

from django.utils import timezone

from alerts.models import Alert, Scope
from core import frontend_cache

#: The Current alerts page and the feeds under /alerts/ (alerts/urls.py), which list every alert.
FEED_PATHS = ("/alerts/", "/alerts/feed.rss", "/alerts/feed.atom", "/alerts/feed.json", "/alerts/cap.atom")


def feed_paths(alert):
    """The feeds, and the alert's own CAP document."""
    return (*FEED_PATHS, f"/alerts/{alert.pk}/cap.xml")


def scope_of(alert):
    """``purge_pages`` arguments for the pages ``alert`` shows on."""
    if alert.scope == Scope.SITE:
        return {"every_page": True, "subtree_ids": set(), "page_ids": set()}
    if alert.scope == Scope.DEPARTMENTS:
        return {"every_page": False, "subtree_ids": {d.pk for d in alert.departments.all()}, "page_ids": set()}
    return {"every_page": False, "subtree_ids": set(), "page_ids": set(alert.page_ids)}


def merged(*scopes):
    return {
        "every_page": any(scope["every_page"] for scope in scopes),
        "subtree_ids": set().union(*(scope["subtree_ids"] for scope in scopes)),
        "page_ids": set().union(*(scope["page_ids"] for scope in scopes)),
    }


def purge(alert, scope, run_after=None):
    frontend_cache.purge_pages_after_commit(**scope, paths=feed_paths(alert), run_after=run_after)


def remember_scope_before_save(sender, instance, update_fields=None, **kwargs):
    # Publishing saves every field; draft revisions save only ``latest_revision``.
    if not frontend_cache.configured() or instance.pk is None or update_fields is not None:
        return
    before = Alert.objects.filter(pk=instance.pk, live=True).prefetch_related("departments", "scope_pages").first()
    instance._scope_before_save = scope_of(before) if before else None


def alert_published(sender, instance, **kwargs):
    if not frontend_cache.configured():
        return
    scope = scope_of(instance)
    before = getattr(instance, "_scope_before_save", None)
    purge(instance, merged(scope, before) if before else scope)
    now = timezone.now()
    for moment in (instance.starts_at, instance.ends_at):
        if moment and moment > now:
            purge(instance, scope, run_after=moment)


def alert_unpublished(sender, instance, **kwargs):
    if frontend_cache.configured():
        purge(instance, scope_of(instance))


def alert_deleting(sender, instance, **kwargs):
    # Before the row (and its chosen departments and pages) is gone; a draft never showed.
    if frontend_cache.configured() and instance.live:
        purge(instance, scope_of(instance))


def connect():
    from django.db.models.signals import pre_delete, pre_save
    from wagtail.signals import published, unpublished

    pre_save.connect(remember_scope_before_save, sender=Alert, dispatch_uid="alerts-frontend-cache-scope")
    published.connect(alert_published, sender=Alert, dispatch_uid="alerts-frontend-cache-published")
    unpublished.connect(alert_unpublished, sender=Alert, dispatch_uid="alerts-frontend-cache-unpublished")
    pre_delete.connect(alert_deleting, sender=Alert, dispatch_uid="alerts-frontend-cache-deleting")

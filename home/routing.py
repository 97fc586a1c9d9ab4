"""Finding the page for an address in one query, where Wagtail's routing takes two per level.

Wagtail routes ``/departments/city-council/`` one level at a time: the child by slug, then
its specific row so that the child's own ``route()`` can run, and so on down. A department
page costs four queries that way, a story in a department six, before anything is rendered,
and all of them again for every page the page cache forgot after a publish or an alert.

Which page an address leads to changes only when a page is published, moved, unpublished or
deleted, which bumps the content version (``core.freshness``). So the answer (the page's id
and type) is kept under the version, and a request reads the page's own row: one query.

The shortcut is taken only where it gives Wagtail's answer:

- every page above the one found routes the default way (``Page.route``). A page with routes
  of its own (``RoutablePageMixin``: the news and events indexes' feeds and calendars) may
  claim an address below it, so addresses beneath one take Wagtail's routing;
- the page found then routes itself with no components left, so its own checks (``live``,
  ``RoutablePageMixin``'s index view) run on the fresh row;
- an address with no page at its exact path (a sub-route, a mistyped address) falls back to
  Wagtail's routing, which answers as it always did (404 or the sub-route).
"""

import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from core import freshness

#: Bounds how long an unused answer stays; the content version in its key forgets it sooner.
ROUTE_SECONDS = 600
#: Deeper addresses are rare; they take Wagtail's routing rather than a long IN list.
MAX_DEPTH = 8
#: Kept for an address with no shortcut (the value must not be None, which means "not kept").
NO_SHORTCUT = ""


def _standard_router(model):
    return model is not None and model.route is Page.route


def _find(root, components):
    """``"app_label.model:pk"`` of the page at ``components`` below ``root``, or ``NO_SHORTCUT``."""
    prefixes = [root.url_path + "".join(f"{c}/" for c in components[:i]) for i in range(1, len(components) + 1)]
    rows = list(
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth).values_list(
            "url_path", "depth", "content_type_id", "pk"
        )
    )
    by_path = {}
    for url_path, depth, content_type_id, pk in rows:
        if url_path in by_path:
            return NO_SHORTCUT  # two pages claim one address (a broken tree): let Wagtail decide
        by_path[url_path] = (depth, content_type_id, pk)
    levels = [by_path.get(prefix) for prefix in prefixes]
    if any(level is None for level in levels):
        return NO_SHORTCUT
    if [depth for depth, _, _ in levels] != list(range(root.depth + 1, root.depth + 1 + len(levels))):
        return NO_SHORTCUT
    models = [ContentType.objects.get_for_id(content_type_id).model_class() for _, content_type_id, _ in levels]
    if not all(_standard_router(model) for model in models[:-1]) or models[-1] is None:
        return NO_SHORTCUT
    return f"{models[-1]._meta.label_lower}:{levels[-1][2]}"


def route(root, request, components):
    """The ``RouteResult`` for ``components`` below ``root`` by the shortcut, or None to route Wagtail's way."""
    if not components or len(components) > MAX_DEPTH:
        return None
    digest = hashlib.sha256("/".join(components).encode()).hexdigest()
    found = freshness.kept(f"route:{root.pk}:{digest}", ROUTE_SECONDS, lambda: _find(root, components), in_process=True)
    if not found:
        return None
    label, _, pk = found.rpartition(":")
    try:
        page = apps.get_model(label).objects.get(pk=pk)
    except (LookupError, ValueError, Page.DoesNotExist):
        return None
    return page.route(request, [])

"""The "Current alerts" page and the feeds' views.

Every response is the same for everyone (no session, no cookie, no CSRF token), so the page cache
and any CDN can keep it: like every public page they get the site's ``Cache-Control: public``
(``HTTP_CACHE_MAX_AGE``, 30 s) and an ETag (jackson/page_cache.py, ConditionalGetMiddleware), so a
sign polling every minute mostly gets a 304. The feeds also say ``Access-Control-Allow-Origin: *``,
so other sites' pages may read them.
"""

from functools import wraps

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from alerts import cap, feeds
from core import page_keeping

JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8"


def relayable(view):
    """GET/HEAD only, readable from other origins (caching headers come from the page cache)."""

    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@require_safe
def index(request):
    """The "Current alerts" page for people, with links to every feed."""
    page_keeping.keep_whole(request)  # its list changes with the alerts, not only its banner
    items = feeds.relayed()
    context = {
        "items": [
            {
                "alert": item.alert,
                "severity_label": feeds.severity_label(item.alert),
                "scope_names": feeds.scope_names(item),
            }
            for item in items
        ],
        "city_name": feeds.city_name(request),
    }
    return TemplateResponse(request, "alerts/index.html", context)


@relayable
def rss(request):
    return feeds.AlertsRssFeed()(request)


@relayable
def atom(request):
    return feeds.AlertsAtomFeed()(request)


@relayable
def json_feed(request):
    return HttpResponse(feeds.json_text(feeds.json_feed(request)), content_type=JSON_FEED_CONTENT_TYPE)


@relayable
def cap_index(request):
    return cap.CapIndexFeed()(request)


@relayable
def cap_document(request, alert_id):
    item = feeds.find(alert_id)
    if item is None:
        raise Http404("No alert with that number is showing now.")
    return HttpResponse(cap.document(item, request, feeds.city_name(request)), content_type=cap.CONTENT_TYPE)

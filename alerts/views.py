"""The "Current alerts" page and the feeds' views.

Every response is the same for everyone (no session, no cookie, no CSRF token), so the page cache
and any CDN can keep it; the feeds say so with ``Cache-Control: public, max-age=60`` and carry
ETags, so a sign polling every minute mostly gets a 304, and ``Access-Control-Allow-Origin: *``,
so other sites' pages may read them. A minute is the longest a relay can lag; during an
emergency it is what keeps a traffic spike off the database.
"""

from functools import wraps

from django.http import Http404, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.http import require_safe

from alerts import cap, feeds

FEED_MAX_AGE = 60
JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8"

conditional = decorator_from_middleware(ConditionalGetMiddleware)


def relayable(view):
    """GET/HEAD only; public, short-lived, readable from other origins, with ETag and 304s."""

    @require_safe
    @conditional
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        response["Access-Control-Allow-Origin"] = "*"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@require_safe
def index(request):
    """The "Current alerts" page for people, with links to every feed."""
    items = feeds.relayed()
    context = {
        "items": [
            {
                "alert": item.alert,
                "severity_label": feeds.severity_label(item.alert),
                "scope_names": feeds.scope_names(item),
                "details": item.details,
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

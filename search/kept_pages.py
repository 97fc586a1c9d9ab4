"""Whole search result pages kept for a minute, checked against the live tree every time they are served.

Residents ask the same few questions ("pay water bill", "trash pickup"), and
once the answer is known most of a search page's cost is building the page
around it: reading the ten result pages as their own types, rendering each
result with its snippet, phone and department, the facets, the header and
footer. So the finished HTML of an anonymous search page is kept, under the
site's content version (``core.freshness``) and for ``SEARCH_ANSWER_SECONDS``,
like the answers themselves.

A kept page is served only after one query confirms that every page it links
to as a result or a best bet is still live, public and unexpired. A change made
without a signal (a bulk update) bumps nothing, and an expiry date passes with no
write at all; this check is what guarantees an unpublished, restricted or expired page never
reappears from a kept copy (a changed title can lag for up to the timeout).
Search analytics are recorded on every serve, kept or not.

Only anonymous GETs are kept, and only responses without cookies, so nothing
personal is ever stored or shared.

With the site's page cache on (jackson/page_cache.py), the whole response is kept there too and
served before the middleware stack runs; ``still_true`` is the same check and count, run by the
page cache's ``page_cache_serve_check`` hook (search/wagtail_hooks.py). This module's own copy
is what serves when the page cache is off, and what a page-cache miss finds first.
"""

import hashlib
import json
import logging

from django.core.cache import cache
from django.http import HttpResponse
from wagtail import hooks

from core import freshness
from search import engine, stat_buffer

logger = logging.getLogger("search")

#: The name of the page cache's check on a kept search page (``still_true``).
CHECK = "search"
#: Longer query strings are not worth keeping (and would only fill the cache).
MAX_QUERY_STRING = 1000


def _key(request):
    parts = [
        freshness.version(),
        request.get_host(),
        sorted((key, request.GET.getlist(key)) for key in request.GET),
        # What else every kept page depends on, as the page cache keys it (the alerts showing now,
        # which change by the clock with no write): see jackson/page_cache.py.
        [str(part(request)) for part in hooks.get_hooks("page_cache_key_parts")],
    ]
    return "search:page:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def applies(request):
    return (
        request.method in ("GET", "HEAD")
        and engine.answer_seconds() > 0
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not request.user.is_authenticated
    )


def all_visible(page_ids):
    """True when every one of these pages is live, unexpired and outside any private section: one query."""
    wanted = set(page_ids)
    return not wanted or set(engine.visible_content_types(wanted)) == wanted


def recall(request):
    """(response, page ids, analytics) kept for this request, if everything it lists is still public; else None."""
    try:
        kept = cache.get(_key(request))
    except Exception:  # noqa: BLE001 - a cache outage costs speed, never the page
        logger.warning("Cache unavailable; search page computed", exc_info=True)
        return None
    if kept is None or not all_visible(kept["page_ids"]):
        return None
    response = HttpResponse(kept["body"], content_type=kept["content_type"])
    for header, value in kept["headers"]:
        response.headers[header] = value
    return response, kept["page_ids"], kept["stat"]


def still_true(request, state):
    """The page cache's check before it serves a kept search page: every listed page still public.

    A passing check is a serve, so the search is counted (``search.stat_buffer``) as the view
    counts it.
    """
    if not all_visible(state["page_ids"]):
        return False
    if state["stat"]:
        stat_buffer.count(*state["stat"])
    return True


def keep(request, response, page_ids, stat):
    """Keep a rendered search page: its bytes, the pages it lists, and what to record in analytics."""
    if response.status_code != 200 or response.cookies:
        return
    kept = {
        "body": response.content,
        "content_type": response["Content-Type"],
        "headers": [(h, response[h]) for h in ("X-Robots-Tag",) if h in response],
        "page_ids": sorted(set(page_ids)),
        "stat": stat,
    }
    try:
        cache.set(_key(request), kept, engine.answer_seconds())
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable; search page not kept", exc_info=True)

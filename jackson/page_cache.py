"""Whole anonymous pages kept on the server, and what browsers and CDNs are told about them.

Why: in an emergency everyone opens the same few pages at once (the home page with its
alert, the boil-water notice, the shelter list). Rendering one costs a dozen queries and the
page tree; sending a kept copy costs two or three cache reads and no SQL at all. This
middleware sits before sessions, authentication, CSRF and the page tree, so a hit skips
every one of them.

What is kept: the response to an anonymous ``GET`` of a public page (200, or 404 for a
minute), keyed by scheme, host, path, query string, the content version
(``core.freshness.version()``), the encoding sent (``br``, ``gzip`` or none: each is kept
compressed, see ``jackson/compression.py``) and whatever apps add through the
``page_cache_key_parts`` hook (the alerts app adds the set of alerts showing now, so an alert
whose start time passes appears without any write). A ``HEAD`` is answered from the ``GET``
copy.

Beside each page its *frame* is kept: the page as rendered, before encoding, keyed without the
encoding or the apps' parts, with what its redrawable parts depend on (the alert banner: the
page's id and tree path, ``core.page_keeping.redraw_with``). When a new alert changes every
page's key at once, a miss whose frame is kept is answered by redrawing those parts into it
(the ``page_cache_redraw`` hook, alerts/banner.py), encoding it and keeping the result: a
banner and a compression instead of a render, at the moment everyone arrives at once
(``X-Page-Cache: redrawn``). Any publish, unpublish, move, delete, restriction, site or settings change bumps the
version, which forgets every kept page at once, on every worker (the cache is shared:
``jackson/settings/caches.py``); ``PAGE_CACHE_SECONDS`` only bounds how long an unchanged
page stays.

Never kept, and never served from the cache:

- a request that may come from someone signed in. The cheap test is the *session cookie*:
  an anonymous visitor has none (nothing public starts a session), while every signed-in
  editor does, and so does a visitor who passed a page's password. Such a request skips the
  cache entirely; if it turns out signed in, the answer says ``Cache-Control: private,
  no-store`` so no browser or CDN keeps it either. A request with ``Authorization`` (API
  tokens) or a ``messages`` cookie skips it too.
- the admin (``/admin/``, ``/django-admin/``), previews, any method but GET/HEAD;
- a response that sets a cookie (a CSRF token: form pages, and so their error pages), that
  says ``private``, ``no-store`` or ``no-cache``, that varies on anything but the encoding,
  that an app keeps out (``core.page_keeping.keep_out``: pages behind a view restriction, the
  API), or that is an error (404s are kept for ``NOT_FOUND_SECONDS``; 5xx never).

Kept, but checked on every serve: a page whose app asks for it
(``core.page_keeping.check_on_serve``) is served only if that app's ``page_cache_serve_check``
hook passes. A search results page lists other pages, any of which may stop being public with no
write (its expiry passes), and every search is counted; so the search app checks the listed pages
in one query and counts the search, and the page is sent ``private, no-cache``
(``keep_here_only``) so that no browser or CDN serves it without us.

A page with an ``expire_at`` is never served past it: the kept copy's timeout and the
``max-age`` both stop there (``core.page_keeping.keep_until``), and home/wagtail_hooks.py
answers 404 for it from that moment, before cron unpublishes it.

Public responses get ``Cache-Control: public, max-age=N, s-maxage=N, stale-if-error=M``
(``HTTP_CACHE_MAX_AGE``, ``HTTP_CACHE_STALE_IF_ERROR``) and lose ``Vary: Cookie``: a CDN
that varied on every visitor's cookies would keep nothing, and signed-in requests, the only
ones whose answers differ, are never stored by a cache (``private, no-store``). A CDN must
therefore pass requests that carry the session cookie to us (README, "Caching").
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from wagtail import hooks

from core import freshness, page_keeping
from jackson.compression import MIN_BYTES, accepted_encoding, encode, is_compressible

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
KEY_PARTS_HOOK = "page_cache_key_parts"
REDRAW_HOOK = "page_cache_redraw"
SERVE_CHECK_HOOK = "page_cache_serve_check"
#: A 404 is kept briefly: a page about to be published is found soon after, and a flood of
#: requests for a mistyped address costs nothing.
NOT_FOUND_SECONDS = 60
#: Longer addresses are not worth keeping (and would only fill the cache).
MAX_QUERY_STRING = 1000
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/")
#: Headers a kept copy carries; the rest (CSP, security headers) are added on each request
#: by middleware outside this one.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "ETag",
    "Last-Modified",
    "Vary",
    "X-Robots-Tag",
    "X-Frame-Options",
    "Link",
)
#: Headers a frame carries: those of the page before it was encoded.
FRAME_HEADERS = tuple(h for h in KEPT_HEADERS if h not in ("Content-Encoding", "Content-Length", "ETag", "Vary"))
#: Directives that forbid a shared copy.
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


def _directives(response):
    return {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}


def may_be_signed_in(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def looks_anonymous(request):
    """Whether the cache may even be consulted for this request (no database, no session read)."""
    return (
        request.method in ("GET", "HEAD")
        and not may_be_signed_in(request)
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def signed_in(request):
    user = getattr(request, "user", None)
    return may_be_signed_in(request) and user is not None and user.is_authenticated


def key_parts(request):
    """What else a page depends on, from every app's ``page_cache_key_parts`` hook."""
    return [str(fn(request)) for fn in hooks.get_hooks(KEY_PARTS_HOOK)]


def cache_key(request):
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        freshness.version(),
        accepted_encoding(request),
        *key_parts(request),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def frame_key(request):
    """The key of a page's frame: the page as rendered, before encoding, whatever alerts show.

    Keyed like the page but without the encoding or the apps' key parts, so publishing an alert
    (which changes those parts) leaves it in place to be redrawn (``_redrawn``).
    """
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        freshness.version(),
    ]
    return "page-frame:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def public_max_age(deadline, now=None):
    """``HTTP_CACHE_MAX_AGE``, cut short so that nobody keeps a page past its deadline."""
    max_age = settings.HTTP_CACHE_MAX_AGE
    if deadline is not None:
        max_age = min(max_age, max(0, int(deadline - (now or time.time()))))
    return max_age


def mark_public(response, deadline):
    """The Cache-Control of a page anyone may keep; ``Vary: Cookie`` goes (module docstring)."""
    max_age = public_max_age(deadline)
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age,
        stale_if_error=settings.HTTP_CACHE_STALE_IF_ERROR,
    )
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "cookie"]
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response.headers["Vary"]


def mark_here_only(response):
    """A page kept on the server but checked on every serve: no browser or CDN may reuse it unasked."""
    patch_cache_control(response, private=True, no_cache=True)


def mark_private(response):
    """Nobody but this browser, and not even its cache, keeps an answer to someone signed in."""
    directives = [d for d in cc_delim_re.split(response.get("Cache-Control", "")) if d]
    dropped = ("public", "s-maxage", "stale-if-error", "stale-while-revalidate")
    directives = [d for d in directives if d.split("=")[0].strip().lower() not in dropped]
    for wanted in ("no-store", "private"):
        if wanted not in (d.split("=")[0].strip().lower() for d in directives):
            directives.insert(0, wanted)
    response.headers["Cache-Control"] = ", ".join(directives)


def shareable(request, response):
    """Whether an anonymous response may be kept by anyone: by us, a CDN or a browser."""
    if response.status_code not in (200, 404) or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False) or page_keeping.refusal(request) is not None:
        return False
    if _directives(response) & PRIVATE_DIRECTIVES:
        return False
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False  # a CSRF token was rendered into the body
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"accept-encoding", "cookie"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not looks_anonymous(request):
            response = self.get_response(request)
            if signed_in(request):
                mark_private(response)
            return response
        with freshness.one_reading():  # the key, the alerts and the page share one read of the version
            return self._anonymous(request)

    def _anonymous(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        key = self._key(request) if seconds > 0 else None
        frame = None
        if key is not None:
            kept = self._recall(key)
            if kept is not None and self._passes(request, kept):
                return self._from_kept(kept)
            frame = self._key(request, frame_key)
            redrawn = self._redrawn(request, frame, key)
            if redrawn is not None:
                return redrawn
        response = self.get_response(request)
        if signed_in(request) or not shareable(request, response):
            # Not shareable: the headers are the view's own (none of ours on an error or a redirect).
            return response
        deadline = page_keeping.deadline(request)
        deadline = deadline.timestamp() if deadline is not None else None
        checks = page_keeping.serve_checks(request)
        here_only = page_keeping.kept_here_only(request)
        if here_only:
            mark_here_only(response)
        else:
            mark_public(response, deadline)
        if key is not None and request.method == "GET":
            self._keep(key, response, seconds, deadline, checks=checks, here_only=here_only)
            self._keep_frame(frame, request, response, seconds, deadline, checks=checks, here_only=here_only)
        response.headers["X-Page-Cache"] = "miss"
        return response

    def _key(self, request, make_key=None):
        try:
            return (make_key or cache_key)(request)
        except DisallowedHost:
            return None  # CommonMiddleware answers 400; nothing is kept for a host we do not serve
        except Exception:  # noqa: BLE001 - a cache outage costs speed, never the page
            logger.warning("Cache unavailable; page rendered without the page cache", exc_info=True)
            return None

    def _keep_frame(self, frame, request, response, seconds, deadline, **marks):
        """Keep the page as rendered, before encoding, with what its redrawable parts depend on."""
        parts = page_keeping.redraw_parts(request)
        unencoded = getattr(response, "unencoded_content", None)
        if frame is None or not parts or page_keeping.kept_whole(request):
            return
        if unencoded is None:
            unencoded = response.content if not response.has_header("Content-Encoding") else None
        if unencoded is None:
            return
        self._keep(
            frame,
            response,
            seconds,
            deadline,
            content=unencoded,
            headers=[(h, response[h]) for h in FRAME_HEADERS if h in response],
            parts=parts,
            **marks,
        )

    def _redrawn(self, request, frame, key):
        """A kept page whose redrawable parts (the alert banner) are drawn again for now, or None.

        When only those parts changed (an alert was published), this answers in a banner's and a
        compression's time instead of a render's, and keeps the result for the next request.
        """
        if frame is None:
            return None
        kept = self._recall(frame)
        if kept is None or not self._passes(request, kept):
            return None
        content = kept["content"]
        for redraw in hooks.get_hooks(REDRAW_HOOK):
            content = redraw(content, kept["parts"])
            if content is None:
                return None  # a part could not be found: render the page
        response = HttpResponse(content, status=kept["status"])
        for header, value in kept["headers"]:
            response.headers[header] = value
        if len(content) >= MIN_BYTES and is_compressible(response):
            response = encode(response, accepted_encoding(request))
        response.headers["Content-Length"] = str(len(response.content))
        deadline = kept["deadline"]
        marks = {"checks": kept.get("checks"), "here_only": kept.get("here_only", False)}
        if marks["here_only"]:
            mark_here_only(response)
        else:
            mark_public(response, deadline)
        if request.method == "GET":
            seconds = settings.PAGE_CACHE_SECONDS
            if deadline is not None:
                seconds = min(seconds, int(deadline - time.time()))
            self._keep(key, response, seconds, deadline, **marks)
        response.headers["X-Page-Cache"] = "redrawn"
        return response

    def _recall(self, key):
        try:
            kept = caches[CACHE_ALIAS].get(key)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache unavailable; page rendered", exc_info=True)
            return None
        if kept is None or (kept["deadline"] is not None and kept["deadline"] <= time.time()):
            return None
        return kept

    def _keep(
        self, key, response, seconds, deadline, content=None, headers=None, parts=None, checks=None, here_only=False
    ):
        if response.status_code == 404:
            seconds = min(seconds, NOT_FOUND_SECONDS)
        if deadline is not None:
            seconds = min(seconds, int(deadline - time.time()))
        if seconds <= 0:
            return
        if headers is None and not response.has_header("ETag"):
            set_response_etag(response)  # once, rather than on every hit
        kept = {
            "status": response.status_code,
            "content": response.content if content is None else content,
            "headers": [(h, response[h]) for h in KEPT_HEADERS if h in response] if headers is None else headers,
            "deadline": deadline,
        }
        if parts is not None:
            kept["parts"] = parts
        if checks:
            kept["checks"] = checks
        if here_only:
            kept["here_only"] = True
        try:
            caches[CACHE_ALIAS].set(key, kept, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache unavailable; page not kept", exc_info=True)

    def _passes(self, request, kept):
        """Whether every check the kept copy asks for passes now (``core.page_keeping.check_on_serve``)."""
        checks = kept.get("checks")
        if not checks:
            return True
        try:
            return all(check(request, checks) for check in hooks.get_hooks(SERVE_CHECK_HOOK))
        except Exception:  # noqa: BLE001 - a failing check means render the page, never an error
            logger.warning("A kept page's check failed; page rendered", exc_info=True)
            return False

    def _from_kept(self, kept):
        response = HttpResponse(kept["content"], status=kept["status"])
        for header, value in kept["headers"]:
            response.headers[header] = value
        if kept.get("here_only"):
            mark_here_only(response)
        else:
            mark_public(response, kept["deadline"])
        response.headers["X-Page-Cache"] = "hit"
        return response

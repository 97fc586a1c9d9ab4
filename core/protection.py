"""Protection for public form endpoints that keeps pages cacheable.

Why this exists
---------------
Public pages must stay cacheable: an anonymous response may carry no
``Set-Cookie`` and nothing that differs between visitors. That rules out
Django's CSRF token (a per-visitor cookie plus a per-visitor field) for forms
that appear on every page, such as the feedback component. Endpoints protected
by this module are therefore ``csrf_exempt`` and rely on five cheap checks
instead, none of which needs state in the page:

1. **Size limits** — a request body larger than ``max_body_bytes`` is refused
   before Django reads it (``Verdict.reason == "too_large"``, HTTP 413).
2. **Same origin** — the ``Origin`` header (or, when a browser sends none, the
   ``Referer``) must name this site's host or one of ``CSRF_TRUSTED_ORIGINS``.
   Browsers always send one of the two on a form POST, so a cross-site form or
   script cannot post on a resident's behalf (``"cross_origin"``, HTTP 403).
3. **Rate limit** — at most ``rate`` submissions per ``per`` seconds per
   client and scope, counted in the Django cache (shared by all workers: on the
   server's disk, or Redis with ``REDIS_URL``). The client address is taken from ``REMOTE_ADDR``,
   or from ``X-Forwarded-For`` only when ``TRUSTED_PROXY_COUNT`` says how many
   proxies of ours sit in front. The address is never stored: the cache key is
   an HMAC of it (``"rate_limited"``, HTTP 429).
4. **Honeypot** — a text field hidden from people (off-screen, ``aria-hidden``,
   ``tabindex="-1"``, ``autocomplete="off"``) that naive bots fill in.
5. **Minimum fill time** — a signed timestamp of when the form was rendered;
   a post that comes back sooner than ``min_seconds`` is a bot.

Checks 4 and 5 give ``Verdict(ok=True, spam=True)``: the caller should answer
exactly as it would for a real submission (so a bot learns nothing) and keep
the item flagged as spam, or drop it.

The timestamp and caching — the trade-off
-----------------------------------------
The timestamp is the render time rounded *down* to
``SUBMISSION_GUARD_TIMESTAMP_GRANULARITY`` seconds (default 1). It is the same
for every visitor who gets that render, so it is not a per-visitor token and a
cache can store and share the page freely. A copy served from a cache carries
an older stamp, which only makes the fill-time check more lenient: it can never
wrongly flag a person, but it also cannot catch a bot that posts instantly
after fetching a cached copy. The fill-time check is thus a cheap filter for
bots that fetch fresh pages, not a guarantee; the rate limit is the backstop.
Rounding down means a post can look up to one granule older than it is, so
keep the granularity well below ``min_seconds`` if the check matters to you.

Using it
--------
::

    FEEDBACK_GUARD = SubmissionGuard(scope="feedback", rate=10, per=60)

    # In a template context (the page render):
    context["guard_fields"] = FEEDBACK_GUARD.fields_context()
    # and in the <form>:
    {% include "core/includes/protection_fields.html" with guard_fields=guard_fields %}

    # In the csrf_exempt view:
    verdict = FEEDBACK_GUARD.check(request)
    if not verdict.ok:
        return HttpResponse(verdict.message, status=verdict.status)
    if verdict.spam:
        ...store as spam / drop, but answer as for success...

Field names are fixed (``website`` for the honeypot, ``rendered_at`` for the
timestamp) so one include serves every form; the signing salt includes the
scope so a stamp from one form cannot be replayed on another.
"""

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "rendered_at"


@dataclass(frozen=True)
class Verdict:
    """The outcome of :meth:`SubmissionGuard.check`.

    ``ok`` False means refuse the request with ``status``; ``spam`` True (with
    ``ok`` True) means answer as for success but do not trust the content.
    """

    ok: bool
    spam: bool = False
    reason: str = ""
    status: int = 200
    message: str = ""


def client_address(request):
    """The client's IP address, trusting X-Forwarded-For only as far as configured.

    With ``TRUSTED_PROXY_COUNT = n`` (our own load balancers/proxies in front
    of the app), the client is the n-th address from the right of
    X-Forwarded-For: everything left of it could have been written by the
    client itself. With 0 (the default) the header is ignored entirely.
    """
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hashed_client(request, scope):
    """An HMAC of the client's address: usable as a cache key, useless as an address."""
    key = f"{settings.SECRET_KEY}:submission-guard".encode()
    return hmac.new(key, f"{scope}:{client_address(request)}".encode(), hashlib.sha256).hexdigest()[:32]


def _origin_netloc(value):
    if not value or value == "null":
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


class SubmissionGuard:
    """Cache-friendly protection for one kind of public form (its ``scope``)."""

    def __init__(self, scope, rate=10, per=60, min_seconds=2.0, max_body_bytes=16 * 1024):
        self.scope = scope
        self.rate = rate
        self.per = per
        self.min_seconds = min_seconds
        self.max_body_bytes = max_body_bytes

    # -- rendering ---------------------------------------------------------------------------

    @property
    def _salt(self):
        return f"jackson.core.protection.{self.scope}"

    @staticmethod
    def now():
        """The clock, in one place so tests can pin it."""
        return time.time()

    def rendered_at(self):
        granularity = max(1, int(getattr(settings, "SUBMISSION_GUARD_TIMESTAMP_GRANULARITY", 1)))
        return int(self.now()) // granularity * granularity

    @property
    def _signer(self):
        # A plain Signer, not signing.dumps(): that adds the *current* second to every value,
        # which would make two renders of the same page differ.
        return signing.Signer(salt=self._salt)

    def signed_timestamp(self, at=None):
        """The signed stamp for render time ``at`` (default: now, rounded down to the granularity)."""
        return self._signer.sign_object(self.rendered_at() if at is None else int(at))

    def _unsign(self, value):
        value = (value or "")[:200]
        try:
            return self._signer.unsign_object(value)
        except (signing.BadSignature, ValueError):
            # Stamps made with signing.dumps() (an earlier format, and some test helpers) still count.
            return signing.loads(value, salt=self._salt)

    def fields_context(self):
        """What ``core/includes/protection_fields.html`` needs; the same for every visitor."""
        return {
            "honeypot_name": HONEYPOT_FIELD,
            "timestamp_name": TIMESTAMP_FIELD,
            "timestamp_value": self.signed_timestamp(),
            "scope": self.scope,
        }

    # -- checking ----------------------------------------------------------------------------

    def check(self, request):
        """Run every check in order of cost; see the module docstring for the meaning."""
        verdict = self.check_size(request) or self.check_origin(request) or self.check_rate(request)
        if verdict:
            return verdict
        return self.check_content(request.POST)

    def check_size(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body_bytes:
            return Verdict(False, reason="too_large", status=413, message="That is too much text to send at once.")
        return None

    def allowed_netlocs(self, request):
        allowed = {request.get_host().lower()}
        for origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
            netloc = _origin_netloc(origin)
            if netloc:
                allowed.add(netloc)
        return allowed

    def check_origin(self, request):
        origin = request.META.get("HTTP_ORIGIN")
        netloc = _origin_netloc(origin) if origin else _origin_netloc(request.META.get("HTTP_REFERER", ""))
        if netloc is None or netloc not in self.allowed_netlocs(request):
            return Verdict(
                False,
                reason="cross_origin",
                status=403,
                message="This form can only be sent from this website's own pages.",
            )
        return None

    def rate_key(self, request):
        return f"submission-guard:{self.scope}:{hashed_client(request, self.scope)}"

    def check_rate(self, request):
        key = self.rate_key(request)
        try:
            count = count_in_window(key, self.per)
        except Exception:  # noqa: BLE001 - any cache outage
            # Fail open: losing the rate limit for a while is better than losing residents'
            # submissions; the other checks still apply.
            logger.warning("Submission guard %r: cache unavailable, rate limit skipped", self.scope, exc_info=True)
            return None
        if count > self.rate:
            return Verdict(
                False,
                reason="rate_limited",
                status=429,
                message="You have sent a lot of messages in a short time. Please wait a minute and try again.",
            )
        return None

    def check_content(self, data):
        if data.get(HONEYPOT_FIELD, ""):
            return Verdict(True, spam=True, reason="honeypot")
        try:
            stamp = float(self._unsign(data.get(TIMESTAMP_FIELD, "")))
        except (signing.BadSignature, TypeError, ValueError):
            return Verdict(True, spam=True, reason="bad_timestamp")
        if self.now() - stamp < self.min_seconds:
            return Verdict(True, spam=True, reason="too_fast")
        return Verdict(True)


def count_in_window(key, seconds):
    """The count under ``key`` in the current ``seconds``-long window, this one included (shared cache)."""
    incr_window = getattr(cache, "incr_window", None)
    if incr_window is not None:  # our Redis cache: one round trip (jackson/cache.py)
        return incr_window(key, seconds)
    # add() opens the window (a no-op if it is open: first writer wins); incr() counts in it
    # and keeps its expiry. Both are atomic on locmem (a lock) and on the shared disk cache
    # (diskcache: one SQLite transaction each, retried while another worker holds the lock),
    # so workers sharing the disk cache never lose a count (tests/test_shared_cache.py).
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return 1
    if count is None:  # diskcache gave up waiting for the lock: fail open, as for any outage
        raise RuntimeError("rate-limit counter unavailable")
    return count


_count_in_window = count_in_window  # the earlier private name, still used by tests/test_shared_cache.py

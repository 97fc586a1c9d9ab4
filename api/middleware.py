"""Web behaviour for ``/api/``: a per-client rate limit, and cache headers a CDN can use.

- **Rate limit.** ``API_RATE_LIMIT`` requests per ``API_RATE_WINDOW_SECONDS`` per client,
  counted in the shared Django cache with the forms' own counter
  (``core.protection.count_in_window``), so the limit holds across every worker and, with
  Redis, every server. The client is the address the forms trust (``TRUSTED_PROXY_COUNT``),
  hashed. Windows are aligned to the clock, so ``Retry-After`` says exactly when the next one
  opens. An outage of the cache lets requests through (the count fails open, as for forms).
- **Deprecation.** Wagtail's API v2 (``/api/v2/``, jackson/api.py) answers with
  ``Deprecation`` and a ``Link`` to v1's documentation.
- **Caching.** A successful GET says ``Cache-Control: public, max-age=API_CACHE_SECONDS``;
  Django's ``ConditionalGetMiddleware`` (outside this one) adds the ``ETag`` and answers a
  matching ``If-None-Match`` with 304. The API keeps itself out of the site's page cache
  (``core.page_keeping``), whose headers and lack of a rate limit suit pages, not an API.
"""

import logging
import math
import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

from core import page_keeping
from core.protection import count_in_window, hashed_client

logger = logging.getLogger(__name__)

PREFIX = "/api/"
OLD_PREFIX = "/api/v2/"


def clock():
    """The time the rate windows are counted in; one place, so tests can pin it."""
    return time.time()


class APIMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        page_keeping.keep_out(request, "the API sets its own cache headers and rate limit")
        refused = self.refusal(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        if request.path.startswith(OLD_PREFIX):
            # Wagtail's API v2 is kept for the clients that use it, and says what replaces it (RFC 9745).
            response["Deprecation"] = "true"
            response["Link"] = '</api/v1/docs>; rel="successor-version"'
        return response

    @staticmethod
    def refusal(request):
        """A 429 once this client is over the limit in the current window (fixed windows), else None."""
        limit = settings.API_RATE_LIMIT
        if limit <= 0 or request.method == "OPTIONS":
            return None
        window = max(1, settings.API_RATE_WINDOW_SECONDS)
        now = clock()
        bucket = int(now // window)
        try:
            count = count_in_window(f"api-rate:{hashed_client(request, 'api')}:{bucket}", window)
        except Exception:  # noqa: BLE001 - a cache outage lets requests through, as for the forms
            logger.warning("API rate limit skipped: cache unavailable", exc_info=True)
            return None
        if count <= limit:
            return None
        retry_after = max(1, math.ceil((bucket + 1) * window - now))
        response = JsonResponse(
            {"error": f"Too many requests: at most {limit} every {window} seconds.", "parameter": None}, status=429
        )
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response

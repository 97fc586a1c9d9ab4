"""Brotli or gzip for text responses that carry no secret.

HTML and JSON shrink to a fifth or less; on a phone during an emergency that is most of
the wait. Brotli when the client accepts ``br`` (every current browser, over HTTPS), else
gzip. Static files are not our concern here: whitenoise serves them precompressed.

BREACH: an attacker who can add text to a compressed page and watch its size can guess a
secret in it a byte at a time. So only responses without secrets are compressed: none that
carries a CSRF token (the token was used for this response, or a CSRF cookie is set) and none
for a signed-in user (the admin, previews, and any page an editor views). Anonymous public
pages and the JSON API have nothing to guess, so they are always compressed; the admin is sent
uncompressed, which costs a few editors some bandwidth and rules out the attack entirely.

This sits inside the page cache (``jackson/page_cache.py``), which keeps each encoding as it
was sent: a cache hit is never compressed again. The ETag is computed on the uncompressed body
and weakened (``W/``) when the body is compressed, as Django's GZipMiddleware does, so it
names the content whatever the encoding.
"""

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.text import compress_string

#: Smaller bodies gain nothing from compression (Django's GZipMiddleware uses the same bound).
MIN_BYTES = 200
#: Brotli quality: 5 compresses about as fast as gzip -6 and 15-20% smaller. Page-cache hits
#: reuse the result, so the cost is paid once per page and version.
BROTLI_QUALITY = 5

COMPRESSIBLE_TYPES = {
    "application/json",
    "application/ld+json",
    "application/geo+json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/manifest+json",
    "image/svg+xml",
}


def accepted_encoding(request):
    """``"br"``, ``"gzip"`` or ``"identity"``: the best encoding the client accepts.

    Reads ``Accept-Encoding`` with its weights (``gzip;q=0`` refuses gzip, ``*`` stands for
    any coding not named). The page cache keys its entries by this answer, so there are at
    most three copies of a page whatever clients send.
    """
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")[:500].lower()
    if not header:
        return "identity"
    weights = {}
    for part in header.split(",")[:20]:
        name, _, params = part.partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip()] = weight
    any_other = weights.get("*", 0.0)
    for coding in ("br", "gzip"):
        if weights.get(coding, any_other) > 0:
            return coding
    return "identity"


def is_compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type.startswith("text/") or content_type in COMPRESSIBLE_TYPES


def carries_secrets(request, response):
    """Whether the body may hold something an attacker wants (see the module docstring)."""
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META or settings.CSRF_COOKIE_NAME in response.cookies:
        return True  # get_token() ran for this response: a CSRF token is in the body
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = getattr(request, "user", None)
        return user is None or user.is_authenticated
    return False


def compress(content, coding):
    if coding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return compress_string(content)


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_BYTES
            or not is_compressible(response)
            or carries_secrets(request, response)
        ):
            return response
        # The page cache keeps the body as it was before encoding, to redraw parts of it later.
        response.unencoded_content = response.content
        return encode(response, accepted_encoding(request))


def encode(response, coding):
    """``response`` compressed with ``coding`` (``identity`` leaves it), its ETag named on the content."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if coding == "identity":
        return response
    if not response.has_header("ETag") and "no-store" not in response.get("Cache-Control", ""):
        set_response_etag(response)  # on the content, before it is encoded
    compressed = compress(response.content, coding)
    if len(compressed) >= len(response.content):
        return response
    response.content = compressed
    response.headers["Content-Length"] = str(len(compressed))
    response.headers["Content-Encoding"] = coding
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    return response

"""Which front-end caches (CDN, Varnish) to purge when content changes, from environment variables alone.

Wagtail's ``wagtail.contrib.frontend_cache`` does the talking to each cache; this module only
builds its ``WAGTAILFRONTENDCACHE`` setting. Nothing configured means no purging at all (the
purge code then does no work: see ``core/frontend_cache.py``).

* ``FRONTEND_CACHE_PURGE_URL``: one or more (comma-separated) caches that accept an HTTP
  ``PURGE`` request, e.g. Varnish, Squid or nginx with a purge module: ``http://127.0.0.1:6081``.
* ``CLOUDFLARE_ZONE_ID`` with ``CLOUDFLARE_API_TOKEN`` (a token with "Cache Purge" permission).
* ``CLOUDFRONT_DISTRIBUTION_ID``: Amazon CloudFront, with credentials from boto3's usual chain
  (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` or an instance role).
* ``FRONTEND_CACHE_HOSTNAMES``: which site host names these caches serve (default: all).
"""

from django.core.exceptions import ImproperlyConfigured

from jackson.settings.env import env_list, env_str

WAGTAIL_BACKENDS = "wagtail.contrib.frontend_cache.backends"
#: Seconds to wait for a cache to answer a purge before giving up on it (and logging).
DEFAULT_TIMEOUT = "5"


def frontend_cache_backends():
    hostnames = env_list("FRONTEND_CACHE_HOSTNAMES", [])
    backends = {}
    for number, location in enumerate(env_list("FRONTEND_CACHE_PURGE_URL", [])):
        if not location.startswith(("http://", "https://")):
            raise ImproperlyConfigured(f"FRONTEND_CACHE_PURGE_URL must be http(s) URLs, not {location!r}.")
        backends[f"http{number}"] = {
            "BACKEND": "core.frontend_cache.TimedHTTPBackend",
            "LOCATION": location,
            "TIMEOUT": float(env_str("FRONTEND_CACHE_TIMEOUT", DEFAULT_TIMEOUT)),
        }
    zone_id = env_str("CLOUDFLARE_ZONE_ID", "")
    token = env_str("CLOUDFLARE_API_TOKEN", "")
    if zone_id or token:
        if not (zone_id and token):
            raise ImproperlyConfigured("Cloudflare purging needs both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN.")
        backends["cloudflare"] = {
            "BACKEND": f"{WAGTAIL_BACKENDS}.CloudflareBackend",
            "BEARER_TOKEN": token,
            "ZONEID": zone_id,
        }
    distribution_id = env_str("CLOUDFRONT_DISTRIBUTION_ID", "")
    if distribution_id:
        backends["cloudfront"] = {
            "BACKEND": f"{WAGTAIL_BACKENDS}.CloudfrontBackend",
            "DISTRIBUTION_ID": distribution_id,
        }
    if hostnames:
        for backend in backends.values():
            backend["HOSTNAMES"] = hostnames
    return backends

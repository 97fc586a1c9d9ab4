"""Which caches to use, chosen by environment variables alone.

Two aliases: ``default`` (the content version, kept navigation and search answers, alert
lists, the forms' rate-limit windows) and ``pages`` (whole anonymous pages, see
``jackson/page_cache.py``). They are kept apart so that page entries, which are many and
large, can never push a rate-limit window or the content version out of the cache.

- Without ``REDIS_URL``: both live on the local disk (``diskcache``, SQLite files under
  ``CACHE_DIR``), in separate directories with separate size limits. Every gunicorn worker
  on the machine opens the same files, so an alert, an unpublished page and a rate limit
  hold across workers at once (a per-process memory cache would let each worker lag).
- With ``REDIS_URL``: ``default`` is Redis, shared by every server. Page entries go to
  ``PAGE_CACHE_REDIS_URL`` when it is set (best a Redis server of its own, with a
  ``maxmemory`` and ``allkeys-lru``: Redis evicts per server, not per database), and
  otherwise stay on each server's own disk, bounded by ``PAGE_CACHE_MAX_MB``. Either way no
  page entry can evict anything from ``REDIS_URL``, and invalidation stays instant on every
  server because the content version in their keys lives in the shared ``default``.
"""

from pathlib import Path

from jackson.settings.env import env_str

MEGABYTE = 1024 * 1024


def _disk(directory, megabytes):
    return {
        "BACKEND": "jackson.cache.JacksonDiskCache",  # diskcache, connections kept open
        "LOCATION": str(directory),
        # Sharded so workers rarely wait on one SQLite write lock; retries (set/add/incr) wait
        # rather than dropping the write.
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 0.25,
        "OPTIONS": {"size_limit": megabytes * MEGABYTE},
    }


def _redis(url, prefix):
    return {"BACKEND": "jackson.cache.JacksonRedisCache", "LOCATION": url, "KEY_PREFIX": prefix}


def caches(base_dir):
    directory = Path(env_str("CACHE_DIR", str(Path(base_dir) / "var" / "cache")))
    prefix = env_str("CACHE_KEY_PREFIX", "jackson")
    redis_url = env_str("REDIS_URL", "")
    page_redis_url = env_str("PAGE_CACHE_REDIS_URL", "")
    default_mb = int(env_str("CACHE_MAX_MB", "256"))
    pages_mb = int(env_str("PAGE_CACHE_MAX_MB", "512"))
    return {
        "default": _redis(redis_url, prefix) if redis_url else _disk(directory / "default", default_mb),
        "pages": (
            _redis(page_redis_url, f"{prefix}-pages") if page_redis_url else _disk(directory / "pages", pages_mb)
        ),
    }

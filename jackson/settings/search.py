"""Which search backend to use, chosen by environment variables alone.

The database backend is always configured (as ``default`` or as
``database``), so the site can fall back to it when a search cluster is
unreachable. modelsearch updates every configured backend on save (unless a
backend says ``AUTO_UPDATE: False``), so the database index stays current
alongside the cluster. With ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` set,
that cluster becomes ``default``; ``SEARCH_INDEX_PREFIX`` names its indexes.

OpenSearch goes through ``search.backends.opensearch3``, a thin wrapper that
lets ``opensearch-py`` import despite our app being called ``events``.
"""

from jackson.settings.env import env_str

#: Wagtail's database backend (search.backends.database adds better SQLite ranking).
#: PostgreSQL stems English ("permits" finds "permit"); SQLite ignores SEARCH_CONFIG.
DATABASE_BACKEND = {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "english"}


def cluster_backend(module, url, prefix, package="wagtail.search.backends"):
    return {
        "BACKEND": f"{package}.{module}",
        "URLS": [url],
        "INDEX_PREFIX": prefix,
        # Residents are waiting: give up quickly and fall back to the database.
        "TIMEOUT": int(env_str("SEARCH_TIMEOUT", "3")),
        "OPTIONS": {"max_retries": 0},
        "INDEX_SETTINGS": {},
    }


def search_backends():
    prefix = env_str("SEARCH_INDEX_PREFIX", "jackson_")
    elasticsearch_url = env_str("ELASTICSEARCH_URL", "")
    opensearch_url = env_str("OPENSEARCH_URL", "")
    if elasticsearch_url:
        cluster = cluster_backend("elasticsearch9", elasticsearch_url, prefix)
    elif opensearch_url:
        cluster = cluster_backend("opensearch3", opensearch_url, prefix, package="search.backends")
    else:
        return {"default": dict(DATABASE_BACKEND)}
    return {"default": cluster, "database": dict(DATABASE_BACKEND)}

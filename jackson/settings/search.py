"""Which search backend to use, chosen by environment variables alone.

The database backend is always configured (as ``default`` or as
``database``), so the site can fall back to it when a search cluster is
unreachable. With ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` set, that
cluster becomes ``default``.
"""

from jackson.settings.env import env_str

DATABASE_BACKEND = {"BACKEND": "wagtail.search.backends.database"}


def search_backends():
    prefix = env_str("SEARCH_INDEX_PREFIX", "jackson_")
    elasticsearch_url = env_str("ELASTICSEARCH_URL", "")
    opensearch_url = env_str("OPENSEARCH_URL", "")
    if elasticsearch_url:
        cluster = {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [elasticsearch_url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    elif opensearch_url:
        cluster = {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [opensearch_url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    else:
        return {"default": DATABASE_BACKEND}
    return {"default": cluster, "database": DATABASE_BACKEND}

"""Wagtail's database search backend, with better ranking on SQLite.

On PostgreSQL this is modelsearch's backend unchanged. On SQLite (FTS5) we
change how results are ranked, for two reasons found with the relevance
suite (tests/test_search_relevance.py):

- modelsearch ranks an AND of several clauses as the product of
  ``1 + bm25()`` terms. FTS5's ``bm25()`` is negative (lower is better) and is
  the score of the whole MATCH anyway, so with two or more clauses the product
  flips sign and the best matches sort last.
- FTS5 weighs every column equally, so a word in a page's title counted no
  more than the same word deep in its body text.

We rank by one ``bm25()`` with column weights instead: title matches count
``TITLE_WEIGHT`` times a body match. The columns of modelsearch's FTS table
are, in order, ``autocomplete, body, title``.
"""

from functools import cache

from django.db import connection
from django.db.models import FloatField, Func
from modelsearch.backends.database import SearchBackend as database_backend

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0


class WeightedBM25(Func):
    output_field = FloatField()

    def __init__(self):
        super().__init__()

    def as_sql(self, compiler, connection, function=None, template=None):
        from modelsearch.conf import get_app_config

        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        return f"bm25({table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


@cache
def weighted_sqlite_compiler():
    """Built on first use: modelsearch's SQLite module only imports on SQLite (its FTS model exists only there)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

    class WeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            return WeightedBM25()

    return WeightedSQLiteSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 (modelsearch looks the backend up by this name)
    backend = database_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = weighted_sqlite_compiler()
    return backend

"""Wagtail's database search backend, with better ranking on SQLite and a cheaper match on PostgreSQL.

On PostgreSQL we change how pages are matched (see
``split_match_postgres_compiler``); ranking is modelsearch's, times the page
type's weight (``search.ranking``), as on SQLite. On SQLite
(FTS5) we change how results are ranked, for two reasons found with the
relevance suite (tests/test_search_relevance.py):

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
from django.db.models import Case, ExpressionWrapper, FloatField, Func, IntegerField, Q, Value, When
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.conf import get_app_config

#: Matches ranked by score on SQLite; later ones (rarely reached) follow newest first.
RANKED_RESULTS = 300
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0


class WeightedBM25(Func):
    output_field = FloatField()

    def __init__(self):
        super().__init__()

    def as_sql(self, compiler, connection, function=None, template=None):
        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        return f"bm25({table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


def type_weight(content_type_field):
    """Each weighted page type's factor (``search.ranking``) as an expression on ``content_type_field``."""
    from search.ranking import type_weights

    weights = type_weights()
    if not weights:
        return Value(1.0, output_field=FloatField())
    return Case(
        *[When(**{content_type_field: pk}, then=Value(weight)) for pk, weight in sorted(weights.items())],
        default=Value(1.0),
        output_field=FloatField(),
    )


def _is_page_query(queryset):
    from wagtail.models import Page

    return issubclass(queryset.model, Page)


class TypeWeightedRank:
    """Mixin for modelsearch's PostgreSQL compiler: a page's rank times its type's weight (search.ranking)."""

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        if not _is_page_query(self.queryset):
            return rank
        return ExpressionWrapper(rank * type_weight("content_type_id"), output_field=FloatField())


def _pk(object_id):
    return int(object_id) if object_id.isdigit() else object_id


@cache
def weighted_sqlite_compiler():
    """Built on first use: modelsearch's SQLite module only imports on SQLite (its FTS model exists only there)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

    class WeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            return WeightedBM25()

        def search(self, config, start, stop, score_field=None):
            """Rank with one FTS query instead of one per matching row.

            modelsearch orders by a correlated subquery that re-runs the FTS
            MATCH for every matching page: fine for a handful, but a broad
            query ("park") on 10,000 pages took seconds. We fetch the best
            ``RANKED_RESULTS`` ids in score order with one query, then order
            the page queryset by that position; matches beyond them follow,
            newest first.
            """
            from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
            from modelsearch.query import MatchAll, Not
            from modelsearch.utils import get_descendants_content_types_pks

            normalized = normalize(self.query)
            if not self.order_by_relevance or score_field is not None or isinstance(normalized, (MatchAll, Not)):
                return super().search(config, start, stop, score_field=score_field)
            fts_model = get_app_config().get_model("SQLiteFTSIndexEntry")
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(normalized, config))
            index_query = fts_model.objects.filter(match).filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            if getattr(self, "_ranked", None) is None:  # once per search: the count and the page share it
                # bm25 is negative, lower is better: a weight above 1 moves a page up.
                score = WeightedBM25()
                if _is_page_query(self.queryset):
                    score = ExpressionWrapper(score * type_weight("index_entry__content_type_id"), FloatField())
                self._ranked = [
                    _pk(object_id)
                    for object_id in index_query.annotate(score=score)
                    .order_by("score")
                    .values_list("index_entry__object_id", flat=True)[:RANKED_RESULTS]
                ]
            ranked = self._ranked
            queryset = self.queryset.filter(pk__in=index_query.values_list("index_entry__object_id", flat=True))
            if ranked and stop is not None and stop < len(ranked):
                # Only the first ``stop`` positions are read: order the best ``stop`` pages this
                # queryset holds (one short query finds which), and let the rest follow. A CASE of
                # all 300 ids cost more than the search itself ("park": 76 ms, 32 ms like this).
                held = set(self.queryset.filter(pk__in=ranked).values_list("pk", flat=True))
                ranked = [pk for pk in ranked if pk in held][:stop]
            if ranked:
                position = Case(
                    *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)],
                    default=Value(len(ranked)),
                    output_field=IntegerField(),
                )
                queryset = queryset.annotate(_search_position=position).order_by("_search_position", "-pk")
            return queryset[start:stop]

    return WeightedSQLiteSearchQueryCompiler


@cache
def split_match_postgres_compiler():
    """Built on first use, like the SQLite one: modelsearch's PostgreSQL module needs psycopg."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
    from modelsearch.query import Boost, Phrase, PlainText

    class SplitMatchPostgresSearchQueryCompiler(TypeWeightedRank, PostgresSearchQueryCompiler):
        """Match a one-word (or one-phrase) query as ``title @@ q OR body @@ q``, not ``(title || body) @@ q``.

        modelsearch filters on the concatenation of the two vectors. For a broad
        query ("park" matches half of 10,000 pages) PostgreSQL rightly scans the
        table rather than the GIN index, and then builds ``title || body`` for every
        row: about 20 of the 40 ms the query took. Asking each vector gives the same
        pages (the word is in the page when it is in its title or its body) without
        the concatenation, and narrow queries combine the GIN indexes on ``title``
        and ``body``. Queries of several words keep modelsearch's match and the GIN
        index on ``title || body`` (search/0003): split word by word, the planner
        dropped the indexes and tested a long OR on every row, up to four times
        slower. Ranking is modelsearch's either way. The one difference: a phrase
        can no longer match across the end of the title and the start of the body,
        an accident of the concatenation. Ranks are weighted by page type (``TypeWeightedRank``).
        """

        def _single_term_match(self, config):
            """The split match for a one-word or one-phrase query; None for anything else."""
            query = self.query
            while isinstance(query, Boost):
                query = query.subquery
            one_term = isinstance(query, Phrase) or (
                isinstance(query, PlainText) and len(query.query_string.split()) == 1
            )
            tsquery = self.build_tsquery_content(query, config=config) if one_term else None
            if tsquery is None:
                return None  # several words, Not, MatchAll, Fuzzy: modelsearch's own match
            return Q(index_entries__title=tsquery) | Q(index_entries__body=tsquery)

        def search(self, config, start, stop, score_field=None, backend=None):
            match = self._single_term_match(config) if self.fields is None else None
            if match is None:
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            vectors = self.get_search_vectors(self.build_tsquery(self.query, config=config))
            rank_expression = self._build_rank_expression(vectors, config)
            return self._apply_ordering_and_scoring(
                self.queryset.filter(match), rank_expression, start, stop, score_field
            )

    return SplitMatchPostgresSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 (modelsearch looks the backend up by this name)
    backend = database_backend(params)
    name = type(backend).__name__
    if connection.vendor == "sqlite" and name == "SQLiteSearchBackend":
        backend.query_compiler_class = weighted_sqlite_compiler()
    elif connection.vendor == "postgresql" and name == "PostgresSearchBackend":
        backend.query_compiler_class = split_match_postgres_compiler()
    return backend

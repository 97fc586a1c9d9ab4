"""A whole search in one SQL statement on PostgreSQL: match, hide, rank, one page of ids, counts.

Why: through modelsearch and the ORM, a search on PostgreSQL cost two passes over
every match (one ranked for the page of results, one grouped for the total and the
facets), two more queries to learn which pages are private or expired, and, for a
query expanded with synonyms, as long again in Python compiling the rank expression
as the database spent running it. Here the statement text is built from the query
tree with string operations, and the database matches once:

- ``hits`` (materialised once) holds every live, public, unexpired page that matches,
  with its rank;
- the first branch returns the requested page of ids, best first;
- the second returns the number of hits per (content type, department path prefix),
  from which the total and both facets are added up in Python, filters or not.

The rank is modelsearch's, written out the same way (``build_tsrank``: ``ts_rank`` of
each leaf with the configured weights; for ``And`` the product of ``1 + rank`` less one,
for ``Or`` the mean; the title's rank times its ``title_norm`` plus the body's), so
results come in the same order: ``tests/test_search_postgres_parity.py`` compares the two for
every relevance query. The match is ``(title || body) @@ q``, served by the GIN index
of search/0003, or, for a single word or phrase, ``title @@ q OR body @@ q``, served by
the GIN indexes on each vector. Each rank is then weighted by page type, and forms that
a visible service shows as its action are left out (``search.ranking``), as on the ORM path.

Anything this module does not handle (another backend, a query node it does not know,
departments at several depths) answers ``None`` and the caller uses the ORM path.
"""

import functools
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import balanced_reduce, get_descendants_content_types_pks
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

from search import ranking

TERM_SPLIT_RE = re.compile(r"[\s\-]+")


class Unsupported(Exception):
    """A query node this module does not compile (the caller falls back to modelsearch)."""


@dataclass
class Hits:
    """One statement's answer: a page of (id, content type id) best first, and the counts."""

    ranked: list = field(default_factory=list)  # [(page id, content type id)], best first
    cells: dict = field(default_factory=dict)  # {(content type id, path prefix): number of hits}


class Compiler:
    """Turns a modelsearch query tree into SQL text and its parameters, as modelsearch's compiler would."""

    def __init__(self, config):
        self.config = config
        self.weights = get_sql_weights()

    def tsquery(self, query):
        """The ``tsquery`` expression matching ``query`` (``build_tsquery_content``): (sql, params)."""
        if isinstance(query, PlainText):
            terms = [term for term in TERM_SPLIT_RE.split(query.query_string) if term]
            if not terms:
                raise Unsupported("empty PlainText")
            # modelsearch starts from the last term and adds the others in order.
            operator = " & " if query.operator == "and" else " | "
            text = _lexeme(terms.pop())
            for term in terms:
                text = f"({text}{operator}{_lexeme(term)})"
            return "to_tsquery(%s::regconfig, %s)", [self.config, text]
        if isinstance(query, Phrase):
            return "phraseto_tsquery(%s::regconfig, %s)", [self.config, query.query_string]
        if isinstance(query, (And, Or)):
            parts = [self.tsquery(subquery) for subquery in query.subqueries]
            joiner = " && " if isinstance(query, And) else " || "
            sql = parts[0][0]
            params = list(parts[0][1])
            for part_sql, part_params in parts[1:]:
                sql = f"({sql}{joiner}{part_sql})"
                params += part_params
            return sql, params
        raise Unsupported(type(query).__name__)

    def rank(self, vector, query):
        """modelsearch's ``build_tsrank`` for one vector column: (sql, params)."""
        if isinstance(query, (PlainText, Phrase)):
            sql, params = self.tsquery(query)
            return f"ts_rank((%s)::float4[], {vector}, {sql})", [self.weights, *params]
        if isinstance(query, And):
            parts = [self.rank(vector, subquery) for subquery in query.subqueries]
            product = balanced_reduce(_times, [(f"(1 + {sql})", params) for sql, params in parts])
            return f"({product[0]} - 1)", product[1]
        if isinstance(query, Or):
            parts = [self.rank(vector, subquery) for subquery in query.subqueries]
            total = balanced_reduce(_plus, parts)
            return f"({total[0]} / {len(parts) or 1})", total[1]
        raise Unsupported(type(query).__name__)

    def match(self, query):
        """The WHERE condition; a single word or phrase asks each vector (see search.backends.database)."""
        sql, params = self.tsquery(query)
        single = isinstance(query, Phrase) or (
            isinstance(query, PlainText) and len(TERM_SPLIT_RE.split(query.query_string.strip())) == 1
        )
        if single:
            return f"(e.title @@ {sql} OR e.body @@ {sql})", params + params
        return f"(e.title || e.body) @@ {sql}", params

    def score(self, query):
        title_sql, title_params = self.rank("e.title", query)
        body_sql, body_params = self.rank("e.body", query)
        return f"(({title_sql} * e.title_norm) + ({body_sql} * 1.0))", title_params + body_params


def _lexeme(term):
    """A quoted tsquery lexeme, escaped as modelsearch's ``Lexeme`` escapes it."""
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"


def _times(left, right):
    return f"({left[0]} * {right[0]})", left[1] + right[1]


def _plus(left, right):
    return f"({left[0]} + {right[0]})", left[1] + right[1]


def applies(backend, department_list, department=None):
    """Whether this module can answer: the database backend on PostgreSQL, departments at one depth.

    Department facets are counted by path prefix, one length for all departments (as
    ``search.engine._count_both`` does); a city with departments at several depths, or a
    department filter outside the list, takes the ORM path.
    """
    lengths = {len(item.path) for item in department_list}
    return (
        connection.vendor == "postgresql"
        and type(backend).__name__ == "PostgresSearchBackend"
        and len(lengths) <= 1
        and (department is None or lengths == {len(department.path)})
    )


def content_type_ids(models):
    """Content type ids of ``models`` and their subclasses (``PageQuerySet.type()``'s meaning)."""
    ids = set()
    for model in models:
        ids.update(get_descendants_content_types_pks(model))
    return ids


def run(backend, query, *, offset, limit, type_ids=None, department_path=None, prefix_length=0):
    """Match, hide, rank and count in one statement: a ``Hits``.

    ``type_ids`` and ``department_path`` narrow the ranked page only; the counts cover every
    hit, so the caller can add up each facet as if the other filter alone were applied.
    """
    compiler = Compiler(backend.config)
    match_sql, match_params = compiler.match(query)
    score_sql, score_params = compiler.score(query)
    weight_sql, weight_params = ranking.weight_cases("p.content_type_id")
    now = timezone.now()
    absorbed_sql, absorbed_params = _absorbed_sql(now)
    index_table = get_app_config().get_model("IndexEntry")._meta.db_table
    filters, filter_params = [], []
    if type_ids is not None:
        filters.append("content_type_id = ANY(%s)")
        filter_params.append(sorted(type_ids))
    if department_path is not None:
        filters.append("path LIKE %s")
        filter_params.append(department_path + "%")
    where = " AND ".join(filters) or "TRUE"
    page_table = Page._meta.db_table
    # Only our own fragments and table names are formatted in; every value the resident
    # typed travels as a parameter. The join casts the entry's id to the page's integer key
    # (hashing 10,000 integers, not 10,000 ids turned into text); the cast only ever sees
    # page entries, as the content type condition filters rows where they are read.
    sql = f"""
        WITH hits AS MATERIALIZED (
            SELECT p.id, p.content_type_id, p.path, {score_sql} * {weight_sql} AS rank
            FROM {index_table} e
            JOIN {page_table} p ON p.id = e.object_id::integer
            WHERE e.content_type_id = ANY(%s)
              AND {match_sql}
              AND {_visible_sql()}
              AND NOT {absorbed_sql}
        )
        (SELECT 0, id, content_type_id, NULL, rank FROM hits WHERE {where}
         ORDER BY rank DESC, id DESC LIMIT %s OFFSET %s)
        UNION ALL
        SELECT 1, NULL, content_type_id, substr(path, 1, %s), count(*) FROM hits GROUP BY 3, 4
    """  # noqa: S608
    params = [
        *score_params,
        *weight_params,
        get_descendants_content_types_pks(Page),
        *match_params,
        now,
        *absorbed_params,
        *filter_params,
        limit,
        offset,
        prefix_length,
    ]
    hits = Hits()
    ranked = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, page_id, content_type_id, prefix, value in cursor.fetchall():
            if kind == 0:
                ranked.append((-value, -page_id, content_type_id))
            else:
                hits.cells[(content_type_id, prefix)] = int(value)
    # UNION ALL promises no order across branches: sort again, exactly as the statement did.
    hits.ranked = [(-negative_id, content_type_id) for _rank, negative_id, content_type_id in sorted(ranked)]
    return hits


def _visible_sql(alias="p"):
    """The condition on page ``alias`` for "the public may see it": live, unexpired, in no private section.

    One parameter: now. Expiry is checked here too, in case ``publish_scheduled`` has not run yet.
    """
    page_table = Page._meta.db_table
    restriction_table = PageViewRestriction._meta.db_table
    return f"""{alias}.live
              AND ({alias}.expire_at IS NULL OR {alias}.expire_at >= %s)
              AND NOT ({alias}.path LIKE ANY (ARRAY(
                  SELECT rp.path || '%%' FROM {restriction_table} r JOIN {page_table} rp ON rp.id = r.page_id
              )))"""  # noqa: S608 - table names only


def _absorbed_sql(now):
    """The condition on page ``p`` for a form that a visible service shows as its action (search.ranking)."""
    service_table = apps.get_model("departments", "ServicePage")._meta.db_table
    page_table = Page._meta.db_table
    sql = f"""(p.content_type_id = ANY(%s) AND EXISTS (
                  SELECT 1 FROM {service_table} s JOIN {page_table} sp ON sp.id = s.page_ptr_id
                  WHERE s.action_page_id = p.id AND {_visible_sql("sp")}
              ))"""  # noqa: S608 - table names only
    return sql, [ranking.form_content_type_ids(), now]


def specific_pages(ranked):
    """The specific pages for ``[(id, content type id)]``, in that order: one query per page type.

    Their StreamFields (bodies, steps) are left unread: a result shows a title, a summary and a
    few facts, never a body, and turning a body's JSON into blocks is work nobody sees here
    (about a tenth of loading ten pages). Each type's query is compiled once per process
    (``_load_sql``): building it through the ORM was 40% of the time spent loading the results.
    """
    by_type = {}
    for page_id, content_type_id in ranked:
        by_type.setdefault(content_type_id, []).append(page_id)
    found = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        for page in model._default_manager.raw(_load_sql(model), [ids]):
            found[page.pk] = page
    return [found[page_id] for page_id, _content_type_id in ranked if page_id in found]


@functools.cache
def _load_sql(model):
    """The ORM's own SQL for ``model``'s pages by id, StreamFields deferred, as ``= ANY(%s)`` of one array.

    Compiled by Django from ``filter(pk__in=…)``, so the joins to parent tables and the column
    list are the ORM's; only the list of ids becomes one array parameter.
    """
    unread = [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]
    queryset = model._default_manager.filter(pk__in=[0]).order_by().defer(*unread)
    sql, params = queryset.query.sql_with_params()
    if tuple(params) != (0,) or sql.count(" IN (%s)") != 1:
        raise Unsupported(f"unexpected SQL for loading {model.__name__}")
    return sql.replace(" IN (%s)", " = ANY(%s)")

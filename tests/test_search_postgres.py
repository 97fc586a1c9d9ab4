"""PostgreSQL's search path: the split match and the index that serves the page join.

Runs with DATABASE_URL pointing at PostgreSQL (CI's second pass); skipped on SQLite,
which has its own FTS5 path (search/backends/database.py).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.models import Page

from search.backends.database import split_match_postgres_compiler
from search.models import synonym_groups
from search.query import build_query
from search.relevance_cases import RELEVANCE_CASES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _indexes(table):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def test_page_id_text_index_exists():
    assert "jackson_page_id_text" in _indexes("wagtailcore_page")


def test_database_backend_uses_the_split_match_compiler():
    assert get_search_backend("default").query_compiler_class is split_match_postgres_compiler()


def _ranked(backend, compiler, query):
    backend.query_compiler_class = compiler
    results = backend.search(query, Page.objects.live())
    return [page.pk for page in results[:10]], results.count()


def test_split_match_finds_what_modelsearch_finds_in_the_same_order():
    """Every relevance query, all-words and any-word: same pages, same order, same total."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    call_command("seed_demo", verbosity=0)
    backend = get_search_backend("default")
    groups = synonym_groups()
    compared = 0
    for text, _acceptable in RELEVANCE_CASES:
        for match_all in (True, False):
            query = build_query(text, groups, match_all=match_all, forms=False)
            if query is None:
                continue
            ours = _ranked(backend, split_match_postgres_compiler(), query)
            theirs = _ranked(backend, PostgresSearchQueryCompiler, query)
            assert ours == theirs, text
            compared += 1
    assert compared >= len(RELEVANCE_CASES)


@pytest.mark.parametrize(
    "query, split",
    [
        (PlainText("park"), True),
        (Phrase("water bill"), True),
        (PlainText("water bill"), False),  # two words in one leaf: modelsearch's own match
        (And([PlainText("water"), PlainText("bill")]), False),
        (Or([PlainText("trash"), PlainText("garbage")]), False),
    ],
)
def test_only_single_leaves_are_split(query, split):
    compiler = split_match_postgres_compiler()(Page.objects.live(), query)
    sql = str(compiler.search(compiler.get_config(get_search_backend("default")), 0, 10).query)
    assert (" || " not in sql.split("WHERE", 1)[1].split("ORDER BY")[0]) is split


def test_split_match_sees_title_and_body(department):
    from departments.models import ServicePage
    from tests.conftest import add_child

    add_child(department["department"], ServicePage(title="Gazebo rental", slug="gazebo", intro="Book it."))
    add_child(department["department"], ServicePage(title="Shelters", slug="shelters", intro="Our gazebo list."))
    titles = {page.title for page in Page.objects.live().search(PlainText("gazebo"))}
    assert titles == {"Gazebo rental", "Shelters"}


def test_search_gin_indexes_have_no_pending_list():
    """Every GIN index on the search table writes straight into the index (search/0005)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'wagtailsearch_indexentry'::regclass "
            "AND a.amname = 'gin'"
        )
        rows = cursor.fetchall()
    assert len(rows) >= 4  # title, body, autocomplete and title || body
    assert all("fastupdate=off" in (options or []) for _name, options in rows), rows

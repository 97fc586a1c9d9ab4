"""PostgreSQL's search path: the split match and the index that serves the page join.

Runs with DATABASE_URL pointing at PostgreSQL (CI's second pass); skipped on SQLite,
which has its own FTS5 path (search/backends/database.py). The parity tests, which compare
this path with modelsearch's own on the seeded demo city, are in test_search_postgres_parity.py.
"""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.models import Page

from search.backends.database import split_match_postgres_compiler

# The conftest tree is built once for the module (shared_tree); tests that add, expire, restrict
# or unpublish pages have that rolled back with their savepoint, search index rows included.
pytestmark = [
    pytest.mark.shared_tree,
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


def test_search_vectors_stay_in_their_rows():
    """Title and body vectors use storage MAIN (search/0006): ranking never fetches them from TOAST."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'wagtailsearch_indexentry'::regclass "
            "AND attname IN ('title', 'body', 'body_text')"
        )
        storage = dict(cursor.fetchall())
    assert storage == {"title": "m", "body": "m", "body_text": "x"}


def test_the_statement_is_used_on_postgresql(department, django_assert_max_num_queries):
    """One statement for the answer and one query per page type shown: no visibility look-ups beside it."""
    from search import engine

    engine.search("trash", remember=False)  # content types, departments and synonyms are kept after this
    with django_assert_max_num_queries(2) as captured:
        outcome = engine.search("pothole", remember=False)
    assert [page.title for page in outcome.results.object_list] == ["Report a pothole"]
    assert sum("WITH hits AS MATERIALIZED" in query["sql"] for query in captured.captured_queries) == 1


def test_a_filter_with_no_results_still_counts_the_others(department):
    """Filtered down to nothing, the resident still sees where the matches are."""
    from events.models import EventPage
    from search import engine

    outcome = engine.search("pothole", page_types=[EventPage], remember=False)
    assert outcome.total == 0
    assert outcome.type_counts == {"service": 1}


def test_statement_hides_drafts_private_and_expired_pages(department):
    """Visibility is decided inside the statement: its counts leave hidden pages out too."""
    import datetime

    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from search import engine

    def found(text):
        outcome = engine.search(text, remember=False)
        return outcome.total, sum(outcome.type_counts.values()), [page.title for page in outcome.results.object_list]

    assert found("pothole") == (1, 1, ["Report a pothole"])
    page = department["service"]
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert found("pothole") == (0, 0, [])
    type(page).objects.filter(pk=page.pk).update(expire_at=None)
    restriction = PageViewRestriction.objects.create(page=department["department"], restriction_type="login")
    assert found("pothole") == (0, 0, [])
    assert found("Whitfield") == (0, 0, [])
    restriction.delete()
    page.unpublish()
    assert found("pothole") == (0, 0, [])


def test_results_load_as_the_orm_loads_them(department):
    """``specific_pages`` (SQL compiled once per type) gives the ORM's pages, field for field, bodies deferred."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.fields import StreamField

    from search.one_statement import specific_pages

    pages = [department[key] for key in ("department", "service", "faq", "contact", "news", "event")]
    missing = 2**31 - 1
    ranked = [(page.pk, ContentType.objects.get_for_model(page).pk) for page in reversed(pages)]
    loaded = specific_pages([*ranked, (missing, ranked[0][1])])  # a page gone since the statement is left out
    assert [(type(page), page.pk) for page in loaded] == [(type(page), page.pk) for page in reversed(pages)]
    for page in loaded:
        fresh = type(page).objects.get(pk=page.pk)
        streams = {f.attname for f in type(page)._meta.concrete_fields if isinstance(f, StreamField)}
        assert streams <= page.get_deferred_fields()
        for field in type(page)._meta.concrete_fields:
            if field.attname not in streams:
                assert getattr(page, field.attname) == getattr(fresh, field.attname), (type(page), field.attname)
        assert page.url == fresh.url


def test_statement_escapes_lexemes_and_reports_unknown_nodes():
    from modelsearch.query import Fuzzy

    from search.one_statement import Compiler, Unsupported

    compiler = Compiler("english")
    sql, params = compiler.tsquery(PlainText("o'brien\\ x-ray"))
    assert params == ["english", "(('ray' & 'o''brien\\\\') & 'x')"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)  # valid tsquery syntax, whatever the resident typed
        assert cursor.fetchone()[0]
    with pytest.raises(Unsupported):
        compiler.tsquery(Fuzzy("pothole"))


def test_departments_at_several_depths_take_the_orm_path(department):
    from search import engine, one_statement

    backend = get_search_backend("default")
    dept = department["department"]
    assert one_statement.applies(backend, [dept])
    assert not one_statement.applies(backend, [dept, department["service"]])
    assert not one_statement.applies(backend, [dept], department["service"])
    assert engine.search("pothole", department=department["service"], remember=False).total == 1

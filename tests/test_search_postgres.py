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
    """Every relevance query, all-words and any-word: same pages, same order, same total.

    Both rank with the page type's weight (``TypeWeightedRank``), so only the match differs.
    """
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    from search.backends.database import TypeWeightedRank

    weighted_modelsearch = type("WeightedModelsearchCompiler", (TypeWeightedRank, PostgresSearchQueryCompiler), {})
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
            theirs = _ranked(backend, weighted_modelsearch, query)
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


def test_search_vectors_stay_in_their_rows():
    """Title and body vectors use storage MAIN (search/0006): ranking never fetches them from TOAST."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'wagtailsearch_indexentry'::regclass "
            "AND attname IN ('title', 'body', 'body_text')"
        )
        storage = dict(cursor.fetchall())
    assert storage == {"title": "m", "body": "m", "body_text": "x"}


def _answer(outcome):
    return (
        [page.pk for page in outcome.results.object_list],
        outcome.total,
        outcome.matched_any_word,
        outcome.results.number,
    )


def _facets(outcome):
    return outcome.type_counts, outcome.department_counts


def test_one_statement_answers_as_the_orm_path_does(monkeypatch):
    """Every relevance query, unfiltered, filtered and paged: same pages in the same order, same counts.

    The ORM path counts no facets when a filter leaves nothing; the statement still does (see
    the next test), so facets are compared where there are results.
    """
    from search import engine, one_statement

    call_command("seed_demo", verbosity=0)
    departments = engine.departments()
    types = engine.type_filters()
    variants = [
        {},
        {"page_number": 2},
        {"page_number": 999},
        {"department": departments[0]},
        {"page_types": types["news"][1]},
        {"page_types": types["service"][1], "department": departments[3]},
    ]
    applies = one_statement.applies
    compared = 0
    for text, _acceptable in RELEVANCE_CASES:
        for variant in variants:
            monkeypatch.setattr(one_statement, "applies", applies)
            ours = engine.search(text, remember=False, **variant)
            monkeypatch.setattr(one_statement, "applies", lambda *args, **kwargs: False)
            theirs = engine.search(text, remember=False, **variant)
            assert _answer(ours) == _answer(theirs), (text, variant)
            if theirs.total:
                assert _facets(ours) == _facets(theirs), (text, variant)
            compared += 1
    assert compared == len(RELEVANCE_CASES) * len(variants)


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

"""PostgreSQL's search path answers as modelsearch's own does, on every relevance query.

Both tests run on the seeded demo city (``seeded`` in tests/conftest.py), shared with the other
files that use it instead of seeded once per test; they moved here from test_search_postgres.py,
whose tests build small trees of their own. Runs with DATABASE_URL pointing at PostgreSQL;
skipped on SQLite, which has its own FTS5 path (search/backends/database.py).
"""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from search.backends.database import split_match_postgres_compiler
from search.models import synonym_groups
from search.query import build_query
from search.relevance_cases import RELEVANCE_CASES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _ranked(backend, compiler, query):
    backend.query_compiler_class = compiler
    results = backend.search(query, Page.objects.live())
    return [page.pk for page in results[:10]], results.count()


def test_split_match_finds_what_modelsearch_finds_in_the_same_order(seeded):
    """Every relevance query, all-words and any-word: same pages, same order, same total.

    Both rank with the page type's weight (``TypeWeightedRank``), so only the match differs.
    """
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    from search.backends.database import TypeWeightedRank

    weighted_modelsearch = type("WeightedModelsearchCompiler", (TypeWeightedRank, PostgresSearchQueryCompiler), {})
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


def _answer(outcome):
    return (
        [page.pk for page in outcome.results.object_list],
        outcome.total,
        outcome.matched_any_word,
        outcome.results.number,
    )


def _facets(outcome):
    return outcome.type_counts, outcome.department_counts


def test_one_statement_answers_as_the_orm_path_does(seeded, monkeypatch):
    """Every relevance query, unfiltered, filtered and paged: same pages in the same order, same counts.

    The ORM path counts no facets when a filter leaves nothing; the statement still does (see
    the next test), so facets are compared where there are results.
    """
    from search import engine, one_statement

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

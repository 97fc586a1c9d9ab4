"""Relevance: resident-style queries on the demo city must find the right page in the top three.

The cases live in ``search/relevance_cases.py`` (shared with bench/search.py).
The demo city is seeded once for this module's single test (seeding takes
seconds, so one test walks every case and reports every miss at once rather
than stopping at the first). Runs on SQLite and, with DATABASE_URL, on
PostgreSQL; the top-3 hit rate is printed either way
(``pytest -s tests/test_search_relevance.py`` shows it).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from search import engine
from search.relevance_cases import RELEVANCE_CASES

#: The share of cases that must find their page in the top three.
REQUIRED_HIT_RATE = 0.9


def top_three(query):
    outcome = engine.search(query, per_page=3, with_facets=False)
    return [page.title for page in outcome.results]


def test_there_are_enough_cases():
    assert len(RELEVANCE_CASES) >= 30
    assert len({query for query, _ in RELEVANCE_CASES}) == len(RELEVANCE_CASES)


@pytest.mark.django_db
def test_top_three_hit_rate_on_demo_city(capsys):
    call_command("seed_demo", verbosity=0)
    misses = []
    for query, acceptable in RELEVANCE_CASES:
        found = top_three(query)
        if not any(title in acceptable for title in found):
            misses.append((query, acceptable, found))
    hits = len(RELEVANCE_CASES) - len(misses)
    rate = hits / len(RELEVANCE_CASES)
    report = [f"Search relevance on {connection.vendor}: {hits}/{len(RELEVANCE_CASES)} top-3 hits ({rate:.0%})"]
    report += [f"  MISS {query!r}: wanted one of {acceptable}, got {found}" for query, acceptable, found in misses]
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert rate >= REQUIRED_HIT_RATE, "\n".join(report)

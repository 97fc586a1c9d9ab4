"""OpenSearch end to end: indexing on publish, the search page, facets, synonyms, suggestions.

There is no OpenSearch server on our machines. These tests run against ``osmem-server``
(PyPI): an in-memory, OpenSearch-compatible server. It is a protocol stand-in, not
OpenSearch: it proves our OpenSearch code path (configuration, indexing on publish,
queries, facets, autocomplete) works over the real wire protocol through
``opensearch-py``, not that OpenSearch ranks like it does here.

The city is published once per module into a base cluster whose indexes were created
first, as an operator would; each test searches a clone of that base, so what one test
indexes never reaches the next (tests/conftest.py shares the database side the same way).
"""

import copy
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from osmem_server import OsmemServer
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from departments.models import ServicePage
from search import engine
from search.models import SynonymGroup
from tests.conftest import add_child
from tests.test_search_backends import backends_for


@pytest.fixture(autouse=True)
def forget_cluster_state():
    cache.delete(engine.CLUSTER_DOWN_CACHE_KEY)
    yield
    cache.delete(engine.CLUSTER_DOWN_CACHE_KEY)


def cluster_backends(url):
    """Our OpenSearch configuration for the cluster at ``url``.

    The stand-in is a process on the same two cores as the test run: give it longer than
    production's 3 s before a request counts as lost.
    """
    with pytest.MonkeyPatch.context() as monkeypatch:
        return backends_for(monkeypatch, OPENSEARCH_URL=url, SEARCH_INDEX_PREFIX="jacksontest_", SEARCH_TIMEOUT="30")


@pytest.fixture(scope="module")
def indexed_city(tree_transaction, request, django_db_blocker):
    """``(base cluster, department tree)``: the shared tree, published into a cluster whose indexes exist.

    The indexes are created first (``update_index --schema-only``, as an operator would), so
    publishing the tree indexes every page as it does in production; a tree built before them
    would be in the database only. The tree lives in the module's transaction (tests/conftest.py);
    the base cluster is frozen by the first clone, and closed at the end of the module.
    """
    server = OsmemServer.start()
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=cluster_backends(server.url)), django_db_blocker.unblock():
            call_command("update_index", backend_name="default", schema_only=True, stdout=io.StringIO())
            tree = request.getfixturevalue("department_once")
        yield server, tree
    finally:
        server.close()


@pytest.fixture
def department(db, indexed_city):
    """This test's own copy of the indexed department tree."""
    return copy.deepcopy(indexed_city[1])


@pytest.fixture
def opensearch(indexed_city):
    """The ``default`` backend on a fresh clone of the indexed base: every test starts from the same index."""
    with indexed_city[0].clone() as clone:
        with override_settings(WAGTAILSEARCH_BACKENDS=cluster_backends(clone.url)):
            yield get_search_backend("default")


def refresh(backend):
    backend.refresh_indexes()


@pytest.mark.django_db
def test_opensearch_end_to_end(opensearch, client, department):
    """Publishing indexes into the cluster; the search page answers from it, with facets."""
    assert opensearch.es.indices.exists(index="jacksontest_wagtailcore_page")
    draft = ServicePage(title="Draft pothole plan", slug="draft-plan", intro="Pothole secrets.", live=False)
    department["department"].add_child(instance=draft)
    private = add_child(department["department"], ServicePage(title="Pothole staff notes", slug="notes", intro="x"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    refresh(opensearch)

    response = client.get("/search/", {"q": "pothole"})
    assert response.status_code == 200
    result_titles = [page.title for page in response.context["search_results"]]
    assert result_titles[0] == "Report a pothole"
    assert "Draft pothole plan" not in result_titles and "Pothole staff notes" not in result_titles

    outcome = engine.search("public works")
    assert outcome.backend == "default" and not outcome.degraded
    assert outcome.type_counts.get("service") == 1 and outcome.type_counts.get("contact") == 1
    assert outcome.department_counts.get(department["department"].pk, 0) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["601-555-0142", "6015550142", "555-0142"])
def test_opensearch_phone_numbers(opensearch, client, department, typed):
    refresh(opensearch)
    outcome = engine.search(typed)
    assert outcome.backend == "default"
    assert [page.title for page in outcome.results][0] == "Dana Whitfield"


@pytest.mark.django_db
def test_opensearch_synonyms_and_filters(opensearch, client, department):
    SynonymGroup.objects.create(terms="trash, garbage, solid waste")
    refresh(opensearch)
    response = client.get("/search/", {"q": "garbage", "type": "faq"})
    assert [page.title for page in response.context["search_results"]] == ["When is trash picked up?"]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', "NEAR(trash", "trash AND", "-x", "a:b", "\x00", "🚧", "x" * 3000])
def test_opensearch_hostile_queries(opensearch, client, department, q):
    refresh(opensearch)
    assert client.get("/search/", {"q": q}).status_code == 200


@pytest.mark.django_db
def test_opensearch_suggest(opensearch, client, department):
    refresh(opensearch)
    data = json.loads(client.get("/search/suggest/", {"q": "poth"}).content)
    assert [item["title"] for item in data["results"]] == ["Report a pothole"]

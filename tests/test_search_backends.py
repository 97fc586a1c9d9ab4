"""Search backends: configuration, the Elasticsearch mapping and the fallback.

There is no Elasticsearch or OpenSearch server on our machines. OpenSearch end to end,
against ``osmem-server``, is in tests/test_search_opensearch.py.
"""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from departments.models import ContactPage, ServicePage
from jackson.settings import search as search_settings
from search import engine
from tests.conftest import add_child

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def forget_cluster_state():
    cache.delete(engine.CLUSTER_DOWN_CACHE_KEY)
    yield
    cache.delete(engine.CLUSTER_DOWN_CACHE_KEY)


def backends_for(monkeypatch, **env):
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "SEARCH_INDEX_PREFIX", "SEARCH_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return search_settings.search_backends()


# --- configuration -------------------------------------------------------------


def test_database_backend_by_default(monkeypatch):
    backends = backends_for(monkeypatch)
    assert list(backends) == ["default"]
    assert backends["default"]["BACKEND"] == "search.backends.database"


def test_elasticsearch_url_selects_elasticsearch9_with_database_alongside(monkeypatch):
    backends = backends_for(monkeypatch, ELASTICSEARCH_URL="https://es.example:9200", SEARCH_INDEX_PREFIX="city_")
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backends["default"]["URLS"] == ["https://es.example:9200"]
    assert backends["default"]["INDEX_PREFIX"] == "city_"
    assert backends["database"]["BACKEND"] == "search.backends.database"
    # Both are updated on save: neither opts out of AUTO_UPDATE.
    assert backends["default"].get("AUTO_UPDATE", True) and backends["database"].get("AUTO_UPDATE", True)


def test_opensearch_url_selects_opensearch3(monkeypatch):
    backends = backends_for(monkeypatch, OPENSEARCH_URL="http://os.example:9200")
    assert backends["default"]["BACKEND"] == "search.backends.opensearch3"
    assert backends["default"]["INDEX_PREFIX"] == "jackson_"
    assert "database" in backends


def test_opensearch_backend_imports_beside_our_events_app():
    import events
    from search.backends import opensearch3

    assert opensearch3.SearchBackend.__name__ == "OpenSearch3SearchBackend"
    assert events.__file__.endswith("events/__init__.py") and hasattr(events, "default_app_config") is False
    assert "site-packages" not in events.__file__


def test_opensearch_client_finds_the_events_library_through_our_app_in_a_fresh_interpreter():
    """opensearch-py's ``from events import Events`` is answered by our events app (events/__init__.py).

    A fresh interpreter, as a worker starts: the client imports first, before Django, and times a
    request with the library's class; ``events`` stays our app throughout.
    """
    code = "\n".join(
        [
            "import sys",
            "import opensearchpy",
            "from opensearchpy.metrics import MetricsEvents",
            "import events",
            "metrics = MetricsEvents()",
            "metrics.request_start()",
            "metrics.request_end()",
            "assert metrics.service_time is not None",
            "assert sys.modules['events'] is events and 'site-packages' not in events.__file__",
            "assert events.Events.__module__ == 'events._events_library'",
            "assert 'events._events_library' not in sys.modules",
            "print('ok')",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_no_module_swaps_sys_modules_for_the_events_collision():
    for module in ("search/backends/opensearch3.py", "events/__init__.py"):
        assert "sys.modules[" not in (Path(settings.BASE_DIR) / module).read_text(), module
    import events

    with pytest.raises(AttributeError):
        events.NoSuchThing  # noqa: B018 - only the library's two names are offered


@pytest.mark.django_db
def test_elasticsearch_mapping_and_documents(monkeypatch, department):
    from wagtail.search.backends import get_search_backend

    backends = backends_for(monkeypatch, ELASTICSEARCH_URL=UNREACHABLE, SEARCH_INDEX_PREFIX="city_")
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        backend = get_search_backend("default")
        assert type(backend).__name__ == "Elasticsearch9SearchBackend"
        assert backend.get_index_for_model(ContactPage).name == "city_wagtailcore_page"
        mapping = backend.mapping_class(ContactPage)
        properties = json.dumps(mapping.get_mapping())
        for field in ("phone_search_text", "get_department_name", "role", "title"):
            assert field in properties
        document = mapping.get_document(department["contact"])
        values = json.dumps(document, default=str)
        assert "6015550142" in values and "5550142" in values and "Public Works" in values
        faq_document = json.dumps(
            backend.mapping_class(type(department["faq"])).get_document(department["faq"]), default=str
        )
        assert "route day" in faq_document


# --- fallback when the cluster is down -------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("variable", ["ELASTICSEARCH_URL", "OPENSEARCH_URL"])
def test_unreachable_cluster_falls_back_to_database(monkeypatch, client, city, caplog, variable):
    backends = backends_for(monkeypatch, **{variable: UNREACHABLE})
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        dept = city["departments"]
        with caplog.at_level(logging.CRITICAL, logger="modelsearch.index"):
            add_child(dept, ServicePage(title="Report a pothole", slug="pothole", intro="Street repairs."))
        with caplog.at_level(logging.WARNING, logger="search"):
            response = client.get("/search/", {"q": "pothole"})
        assert response.status_code == 200
        assert [page.title for page in response.context["search_results"]] == ["Report a pothole"]
        assert any("answering from the database backend" in record.getMessage() for record in caplog.records)
        # The next search skips the dead cluster instead of waiting for it again.
        assert engine.backend_names() == ["database"]
        assert client.get("/search/", {"q": "pothole"}).status_code == 200
        suggestions = json.loads(client.get("/search/suggest/", {"q": "poth"}).content)
        assert suggestions["results"][0]["title"] == "Report a pothole"

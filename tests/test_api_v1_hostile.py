"""Hostile input to every API parameter: a 400 naming the parameter, or a plain answer; never a 500."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

HOSTILE = {
    "oversized": "x" * 5000,
    "nul": "a\x00b",
    "control": "a\x1bb",
    "unicode": "ünïcødé ☃ 水",
    "html": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "quote": '"',
    "malformed-date": "2026-13-45",
    "far-date": "99999-01-01",
    "negative": "-1",
    "huge": "99999999999999999999999",
    "empty": "",
    "percent": "%",
}

#: Each endpoint and its query parameters.
ENDPOINTS = {
    "/api/v1/pages/": ["type", "department", "topic", "limit", "offset"],
    "/api/v1/pages/find/": ["path"],
    "/api/v1/departments/": ["limit", "offset"],
    "/api/v1/services/": ["department", "action", "limit", "offset"],
    "/api/v1/news/": ["from", "to", "department", "topic", "limit", "offset"],
    "/api/v1/events/": ["from", "to", "department", "topic", "limit", "offset"],
    "/api/v1/faqs/": ["department", "topic", "limit", "offset"],
    "/api/v1/directory/": ["department", "q", "limit", "offset"],
    "/api/v1/search/": ["q", "type", "department", "page", "limit"],
    "/api/v1/images/": ["limit", "offset"],
}

#: Values a parameter must refuse with 400 (the others may be a plain answer, even an empty one).
MUST_REFUSE = {
    "limit": {"oversized", "nul", "unicode", "html", "negative", "huge", "malformed-date", "percent", "quote"},
    "offset": {"oversized", "nul", "unicode", "html", "negative", "huge", "malformed-date", "percent", "quote"},
    "page": {"oversized", "nul", "unicode", "html", "negative", "huge", "malformed-date", "percent", "quote"},
    "from": {"oversized", "nul", "unicode", "html", "malformed-date", "far-date", "negative", "huge", "quote"},
    "to": {"oversized", "nul", "unicode", "html", "malformed-date", "far-date", "negative", "huge", "quote"},
    "department": {"oversized", "nul", "control", "html", "sql", "quote", "percent"},
    "topic": {"oversized", "nul", "control", "html", "sql", "quote", "percent"},
    "type": {"oversized", "nul", "control", "html", "sql", "quote", "percent"},
    "action": {"oversized", "nul", "html", "unicode", "sql", "quote"},
    "q": {"oversized", "nul", "control", "empty", "quote", "percent"},
    "path": {"oversized", "nul", "control", "html", "sql", "quote", "unicode", "percent", "empty"},
}


def _cases():
    for url, names in ENDPOINTS.items():
        for name in names:
            yield url, name


@pytest.mark.parametrize(("url", "name"), list(_cases()))
def test_every_parameter_survives_hostile_values(client, department, url, name):
    required = {"/api/v1/search/": {"q": "park"}, "/api/v1/pages/find/": {"path": "/"}}.get(url, {})
    for label, value in HOSTILE.items():
        params = {**required, name: value}
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404), (url, name, label, response.status_code)
        assert response["Content-Type"].startswith("application/json"), (url, name, label)
        body = response.json()
        if label in MUST_REFUSE.get(name, ()):
            assert response.status_code == 400, (url, name, label, body)
        if response.status_code == 400:
            assert body["parameter"] == name, (url, name, label, body)
            assert body["error"]


@pytest.mark.parametrize("base", ["/api/v1/pages/{}/", "/api/v1/pages/{}/children/", "/api/v1/images/{}/"])
@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999999", "%00", "1.5", "%3Cscript%3E"])
def test_path_ids_survive_hostile_values(client, department, base, value):
    response = client.get(base.format(value))
    assert response.status_code in (400, 404), (base, value)
    assert response["Content-Type"].startswith("application/json")
    assert "error" in response.json()


@pytest.mark.parametrize("value", ["x" * 5000, "%00", "%3Cscript%3E", "%E2%98%83"])
def test_department_slug_in_the_path_survives(client, department, value):
    response = client.get(f"/api/v1/departments/{value}/")
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json")


def test_a_thousand_word_search_is_refused_not_failed(client, department):
    response = client.get("/api/v1/search/", {"q": " ".join(["park"] * 1000)})
    assert response.status_code == 400 and response.json()["parameter"] == "q"


def test_a_search_without_words_is_a_400_and_search_syntax_finds_nothing(client, department):
    for words in ("   ", '"*()'):
        response = client.get("/api/v1/search/", {"q": words})
        assert response.status_code == 400 and response.json()["parameter"] == "q"
    response = client.get("/api/v1/search/", {"q": '"* NEAR AND zzzq'})
    assert response.status_code == 200 and response.json()["count"] == 0

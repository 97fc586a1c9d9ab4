"""The API's web behaviour: cache headers and 304s, CORS, the rate limit, and JSON errors."""

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

URL = "/api/v1/pages/"


def test_answers_are_public_for_a_minute_with_an_etag(client, department):
    response = client.get(URL)
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@override_settings(API_CACHE_SECONDS=5)
def test_the_max_age_is_configurable(client, department):
    assert client.get(URL)["Cache-Control"] == "public, max-age=5"


def test_errors_are_not_cached_as_public(client, department):
    response = client.get(URL, {"limit": "abc"})
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")


def test_the_api_stays_out_of_the_page_cache(client, department, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get(URL)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60"


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.gov"])
def test_cors_allows_only_listed_origins_and_only_on_the_api(client, department):
    allowed = client.get(URL, HTTP_ORIGIN="https://app.example.gov")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.gov"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get(URL, HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    site = client.get("/", HTTP_ORIGIN="https://app.example.gov")
    assert "Access-Control-Allow-Origin" not in site
    preflight = client.options(URL, HTTP_ORIGIN="https://app.example.gov", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example.gov"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_no_origin_is_allowed_by_default(client, department):
    response = client.get(URL, HTTP_ORIGIN="https://app.example.gov")
    assert "Access-Control-Allow-Origin" not in response


@pytest.fixture
def pinned_clock(monkeypatch):
    """Early in a window, whatever the wall clock says: a window ending mid-test would reset the count."""
    monkeypatch.setattr("api.middleware.clock", lambda: 1_800_000_000.0 + 5)


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW_SECONDS=60)
def test_a_client_over_the_rate_limit_gets_429_with_retry_after(client, department, pinned_clock):
    for _ in range(3):
        assert client.get(URL).status_code == 200
    refused = client.get(URL)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 55
    assert refused.json()["error"].startswith("Too many requests")
    assert refused["Cache-Control"] == "no-store"
    # Another client is counted on its own.
    assert client.get(URL, REMOTE_ADDR="203.0.113.9").status_code == 200


@override_settings(API_RATE_LIMIT=2, API_RATE_WINDOW_SECONDS=60)
def test_the_count_is_kept_in_the_shared_cache(client, department, pinned_clock):
    """The count lives in Django's cache (shared by every worker: jackson/settings/caches.py), not the process."""
    from django.core.cache import cache

    client.get(URL)
    client.get(URL)
    assert client.get(URL).status_code == 429
    cache.clear()  # what another process's view of the same cache would be after the window
    assert client.get(URL).status_code == 200


def test_a_bad_parameter_is_a_400_naming_it(client, department):
    response = client.get(URL, {"limit": "1000"})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "limit" and "100" in body["error"]
    assert client.get("/api/v1/news/", {"from": "yesterday"}).json()["parameter"] == "from"


def test_an_unexpected_failure_is_a_json_500(department, monkeypatch):
    from django.test import Client

    from api import serialise

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(serialise, "card", broken)
    response = Client(raise_request_exception=False).get(URL)
    assert response.status_code == 500
    assert response.json() == {"error": "Server error", "parameter": None}


def test_the_old_api_says_it_is_deprecated_and_points_to_v1(client, department):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response["Deprecation"] == "true"
    assert "/api/v1/docs" in response["Link"]
    assert "Deprecation" not in client.get(URL)

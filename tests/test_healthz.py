"""/healthz, the load balancers' probe: "ok", never cached, no database."""

import pytest


@pytest.mark.django_db
def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    # Every GET looks up the site and city settings (home/middleware.py), kept after the first; on an
    # empty database the very first request also creates the settings row, which moves the content version.
    client.get("/healthz")
    client.get("/healthz")
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_answers_head_and_refuses_writes(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz", {"x": "<script>alert(1)</script>"}).status_code == 405
    assert client.put("/healthz", data="x" * 100_000).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz?probe=%3Cscript%3E", "/healthz?" + "a=1&" * 500, "/healthz?é=ü"])
def test_healthz_ignores_hostile_query_strings(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_goes_through_the_middleware_stack(client):
    """Security headers are set on it like any page, so the probe exercises the same path."""
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "X-Frame-Options" in response

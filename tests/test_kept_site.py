"""The site and city settings are kept across requests (home/middleware.py), never stale after an edit."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from home.models import CitySettings


def queries(client, url="/"):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


@pytest.mark.django_db
def test_site_and_settings_are_not_queried_on_every_request(client, home):
    queries(client)  # creates the settings row, which forgets what was kept
    queries(client)
    again = queries(client)
    assert not any('FROM "wagtailcore_site"' in sql for sql in again)
    assert not any('FROM "home_citysettings"' in sql for sql in again)


@pytest.mark.django_db
def test_edited_settings_show_on_the_next_request(client, home):
    settings = CitySettings.for_site(home.get_site())
    settings.city_name = "City of Ridgeland"
    settings.phone = "601-555-0999"
    settings.save()
    client.get("/")
    settings.city_name = "City of Flowood <b>"
    settings.save()
    html = client.get("/").content.decode()
    assert "City of Flowood &lt;b&gt;" in html and "City of Ridgeland" not in html


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["testserver", "localhost"])
def test_a_host_we_do_not_serve_is_refused_and_nothing_is_kept(client, home):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    keys = getattr(cache, "_cache", {}).keys()  # the local-memory cache used in tests
    assert not any("evil.example" in key for key in keys)

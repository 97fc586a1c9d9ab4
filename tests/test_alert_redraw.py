"""An alert redraws kept pages instead of rendering them again (alerts/banner.py, jackson/page_cache.py).

In an emergency the alert and the traffic arrive together. Every kept page's key names the alerts
showing, so the first request after an alert misses; it is answered from the page's kept frame
with the banner drawn in, never from the view. These tests hold that what is served that way is
exactly what a render would give, in scope, in every encoding, and that a page whose content
depends on the alerts (the "Current alerts" page) is always rendered.
"""

import gzip
import re

import brotli
import pytest
from django.core.cache import caches
from django.urls import reverse

from alerts.models import Scope, Severity
from tests.test_alert_banner import publish_alert, shown_titles

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]


@pytest.fixture
def kept(settings, city, department):
    from wagtail.models import Site

    from home.models import CitySettings

    CitySettings.for_site(Site.objects.get(is_default_site=True))  # made on first use, which bumps the version
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield {"about": city["about"].url, "service": department["service"].url, "home": city["home"].url}
    caches["pages"].clear()


def masked(html):
    """The feedback form's signed render time changes every second (core/protection.py), kept or not."""
    return re.sub(rb'(name="rendered_at" value=")[^"]*', rb"\1", html)


def served(client, url, **headers):
    response = client.get(url, **headers)
    return response, response.headers.get("X-Page-Cache")


def publish(django_capture_on_commit_callbacks, *args, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_alert(*args, **kwargs)


def test_a_redrawn_page_is_the_page_a_render_gives(client, kept, django_capture_on_commit_callbacks):
    for url in kept.values():
        assert served(client, url)[1] == "miss"
    publish(django_capture_on_commit_callbacks, "Tornado warning", severity=Severity.EMERGENCY)

    redrawn = {}
    for url in kept.values():
        response, status = served(client, url)
        assert (url, status) == (url, "redrawn") and shown_titles(response) == ["Tornado warning"]
        assert served(client, url)[1] == "hit"
        redrawn[url] = response.content
    caches["pages"].clear()
    for url in kept.values():
        rendered, status = served(client, url)
        assert status == "miss"
        assert masked(redrawn[url]) == masked(rendered.content)


def test_a_department_alert_is_drawn_only_into_that_department(
    client, kept, department, django_capture_on_commit_callbacks
):
    for url in kept.values():
        served(client, url)
    publish(
        django_capture_on_commit_callbacks,
        "Water main break",
        severity=Severity.WARNING,
        scope=Scope.DEPARTMENTS,
        departments=[department["department"]],
    )
    inside, status = served(client, kept["service"])
    assert status == "redrawn" and shown_titles(inside) == ["Water main break"]
    outside, status = served(client, kept["about"])
    assert status == "redrawn" and shown_titles(outside) == []


@pytest.mark.parametrize("coding", ["br", "gzip", "identity"])
def test_a_redrawn_page_is_sent_in_the_encoding_asked_for(client, kept, coding, django_capture_on_commit_callbacks):
    served(client, kept["about"], HTTP_ACCEPT_ENCODING=coding)
    publish(django_capture_on_commit_callbacks, "Boil-water notice <script>alert(1)</script>")

    response, status = served(client, kept["about"], HTTP_ACCEPT_ENCODING=coding)
    assert status == "redrawn"
    body = response.content
    if coding == "br":
        assert response["Content-Encoding"] == "br" and response["ETag"].startswith('W/"')
        body = brotli.decompress(body)
    elif coding == "gzip":
        assert response["Content-Encoding"] == "gzip" and response["ETag"].startswith('W/"')
        body = gzip.decompress(body)
    else:
        assert "Content-Encoding" not in response and response["ETag"].startswith('"')
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    html = body.decode()
    assert "Boil-water notice &lt;script&gt;" in html and "<script>alert(1)" not in html

    # The ETag names the content: a conditional GET of the redrawn page is a 304.
    again = client.get(kept["about"], HTTP_ACCEPT_ENCODING=coding, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_current_alerts_page_is_rendered_not_redrawn(client, kept, django_capture_on_commit_callbacks):
    url = reverse("alerts:index")
    assert served(client, url)[1] == "miss"
    publish(django_capture_on_commit_callbacks, "Shelter open at the civic center")
    response, status = served(client, url)
    assert status == "miss"
    assert response.content.decode().count("Shelter open at the civic center") >= 2  # banner and list


def test_a_frame_whose_banner_cannot_be_found_is_rendered_again(
    client, kept, monkeypatch, django_capture_on_commit_callbacks
):
    """A kept frame without the banner's comments (kept by an older release, say) is never served."""
    from alerts import banner

    served(client, kept["about"])
    monkeypatch.setattr(banner, "START", "<!--not-in-any-page-->")
    publish(django_capture_on_commit_callbacks, "Tornado warning", severity=Severity.EMERGENCY)
    response, status = served(client, kept["about"])
    assert status == "miss" and shown_titles(response) == ["Tornado warning"]


def test_nothing_is_redrawn_when_the_page_cache_is_off(client, kept, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 0
    served(client, kept["about"])
    publish(django_capture_on_commit_callbacks, "Tornado warning", severity=Severity.EMERGENCY)
    response, status = served(client, kept["about"])
    assert status == "miss" and shown_titles(response) == ["Tornado warning"]

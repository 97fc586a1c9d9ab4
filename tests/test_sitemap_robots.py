"""The sitemap and robots.txt name the site's public host, never localhost or the request's Host.

The host is ``PUBLIC_BASE_URL`` when set, else the default Wagtail Site's hostname and port.
"""

import re

import pytest
from django.test import Client, override_settings
from wagtail.models import Site

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_sitemap_uses_the_site_record_by_default(client, department):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.jacksonms.gov", 443
    site.save()
    urls = locations(Client(HTTP_HOST="www.jacksonms.gov"))
    assert "https://www.jacksonms.gov/departments/public-works/" in urls
    assert all(url.startswith("https://www.jacksonms.gov/") for url in urls)


def test_public_base_url_wins_over_the_site_record_and_the_host_header(client, department):
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov/"):
        urls = locations(Client(HTTP_HOST="localhost"))
    assert "https://www.jacksonms.gov/" in urls
    assert "https://www.jacksonms.gov/news/" in urls
    assert not [url for url in urls if "localhost" in url]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, department):
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov"):
        response = Client(HTTP_HOST="evil.example").get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /django-admin/" in lines
    assert "Sitemap: https://www.jacksonms.gov/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public site stays open


def test_robots_txt_without_configuration_names_the_site_record(client, department):
    response = client.get("/robots.txt")
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_robots_txt_refuses_posts(client, department):
    assert client.post("/robots.txt").status_code == 405

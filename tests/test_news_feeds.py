"""News feeds: RSS and Atom for the city, a department and a topic, read by a real feed parser.

A department's feed holds exactly the stories in its subtree (a page's department is its nearest
DepartmentPage ancestor); unknown or hostile filters are 404s, never the whole city and never 500.
"""

import datetime
from urllib.parse import quote

import feedparser
import pytest
from django.test import override_settings

from departments.models import DepartmentPage
from news.models import NewsPage
from tests.conftest import add_child

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


def story(parent, title, slug, topics=(), date=None):
    page = add_child(
        parent, NewsPage(title=title, slug=slug, date=date or datetime.date.today(), summary=f"About {title}.")
    )
    if topics:
        page.tags.add(*topics)
        page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def stories(department_once, city_once, django_db_blocker):
    """Public Works (from conftest, one untagged story) plus Parks, and a city-wide story."""
    with django_db_blocker.unblock():
        parks = add_child(city_once["departments"], DepartmentPage(title="Parks", slug="parks", intro="Parks."))
        return {
            "parks": parks,
            "trail": story(parks, "New trail opens", "new-trail", topics=["Trails"]),
            "pool": story(parks, "Pool hours", "pool-hours", topics=["Summer"], date=datetime.date(2024, 6, 1)),
            "works_trail": story(department_once["department"], "Trail repaving", "trail-repaving", ["Trails"]),
            "city": story(city_once["news"], "Mayor's message", "mayors-message"),
        }


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def titles(feed):
    return {entry.title for entry in feed.entries}


@pytest.mark.parametrize("path, content_type", [("/news/feed/", "rss"), ("/news/feed/atom/", "atom")])
def test_city_feeds_parse_and_hold_every_story(client, department, stories, path, content_type):
    response, feed = parsed(client, path)
    assert response["Content-Type"].startswith(f"application/{content_type}+xml")
    assert feed.version.startswith(content_type)
    assert titles(feed) == {
        "Paving starts on State Street",
        "New trail opens",
        "Pool hours",
        "Trail repaving",
        "Mayor's message",
    }
    trail = next(entry for entry in feed.entries if entry.title == "New trail opens")
    assert trail.link == "http://localhost/departments/parks/new-trail/"
    assert [tag.term for tag in trail.tags] == ["Trails"]


@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_department_feed_holds_only_that_departments_stories(client, stories, path):
    _, feed = parsed(client, path + "?department=parks")
    assert titles(feed) == {"New trail opens", "Pool hours"}
    assert "Parks" in feed.feed.title
    _, feed = parsed(client, path + "?department=public-works")
    assert titles(feed) == {"Paving starts on State Street", "Trail repaving"}
    for entry in feed.entries:
        page = NewsPage.objects.get(url_path__endswith=entry.link.split("localhost", 1)[1])
        assert page.department.slug == "public-works"


@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_topic_feed_and_topic_within_department(client, stories, path):
    _, feed = parsed(client, path + "?topic=trails")
    assert titles(feed) == {"New trail opens", "Trail repaving"}
    _, feed = parsed(client, path + "?topic=trails&department=parks")
    assert titles(feed) == {"New trail opens"}


def test_atom_feed_links_to_itself_with_its_filters(client, stories):
    _, feed = parsed(client, "/news/feed/atom/?department=parks")
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://localhost/news/feed/atom/?department=parks"]


def test_feed_links_use_the_public_base_url_not_the_request_host(client, stories):
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov"):
        _, feed = parsed(client, "/news/feed/?department=parks")
    assert {entry.link.split("/departments/")[0] for entry in feed.entries} == {"https://www.jacksonms.gov"}
    _, feed = parsed(client.__class__(HTTP_HOST="evil.example"), "/news/feed/")
    assert all(entry.link.startswith("http://localhost/") for entry in feed.entries)


@pytest.mark.parametrize(
    "query",
    [
        "department=no-such-department",
        "topic=no-such-topic",
        "department=parks&topic=no-such-topic",
        "department=parks&department=public-works",
        "department=" + "x" * 300,
        "topic=%00",
        "department=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "topic=" + quote("Ünïcødé ☃ 𝄞"),
        "department=" + quote("' OR 1=1 --"),
    ],
)
@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_unknown_or_hostile_filters_are_404(client, stories, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


def test_other_parameters_are_ignored(client, stories):
    _, feed = parsed(client, "/news/feed/?page=abc&utm_source=%3Cscript%3E")
    assert len(feed.entries) == 5


def test_characters_xml_cannot_carry_are_dropped_not_a_500(client, stories):
    trail = NewsPage.objects.get(pk=stories["trail"].pk)
    trail.title = "New\x00 trail\x0b opens <b>&</b>"
    trail.summary = "Bell\x07 and \ufffe."
    trail.save_revision().publish()
    for path in ("/news/feed/", "/news/feed/atom/"):
        _, feed = parsed(client, path + "?department=parks")
        assert "New trail opens <b>&</b>" in titles(feed)


def test_news_index_advertises_the_feeds_of_what_it_shows(client, stories):
    html = client.get("/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="News (RSS)" href="/news/feed/">' in html
    assert '<link rel="alternate" type="application/atom+xml" title="News (Atom)" href="/news/feed/atom/">' in html
    html = client.get("/news/?department=parks&topic=trails").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="News from Parks about Trails (RSS)" '
        'href="/news/feed/?department=parks&amp;topic=trails">'
    ) in html
    assert 'href="/news/feed/atom/?department=parks&amp;topic=trails"' in html
    # An unknown topic on the listing finds nothing; it is not advertised as a feed.
    html = client.get("/news/?topic=nothing-here").content.decode()
    assert 'href="/news/feed/">' in html and "nothing-here" not in html.split("<body")[0]


def test_advertised_feeds_all_parse(client, stories):
    import re

    for listing in ("/news/", "/news/?department=parks", "/news/?topic=summer", "/departments/parks/"):
        head = client.get(listing).content.decode().split("</head>")[0]
        links = re.findall(r'<link rel="alternate" type="application/(?:rss|atom)\+xml" [^>]*href="([^"]+)"', head)
        assert links, listing
        for href in links:
            parsed(client, href.replace("&amp;", "&"))


def test_department_page_advertises_its_news_feeds(client, stories):
    html = client.get("/departments/parks/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="News from Parks (RSS)" '
        'href="/news/feed/?department=parks">'
    ) in html
    assert 'href="/news/feed/atom/?department=parks"' in html
    assert '<h2 id="follow-heading">Follow Parks</h2>' in html


def test_news_index_filters_by_year(client, stories):
    this_year = datetime.date.today().year
    html = client.get("/news/?year=2024").content.decode()
    assert "Pool hours" in html and "New trail opens" not in html
    assert '<option value="2024" selected>2024</option>' in html
    assert f'<option value="{this_year}">{this_year}</option>' in html
    assert "1 story in 2024." in html
    html = client.get(f"/news/?year={this_year}&department=parks").content.decode()
    assert "New trail opens" in html and "Pool hours" not in html and "Trail repaving" not in html


@pytest.mark.parametrize("value", ["1999", "20245", "２０２４", "²024", "abcd", "-2024", "%00", "x" * 5000, "<script>"])
def test_news_index_ignores_a_year_it_has_no_stories_for(client, stories, value):
    response = client.get(f"/news/?year={quote(value)}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pool hours" in html and "New trail opens" in html
    assert "<script>" not in html.split("<main")[1].split("</main>")[0] or value != "<script>"

"""RSS 2.0 and Atom 1.0 feeds of the city's news, whole or narrowed to a department or topic.

Addresses (``NewsIndexPage`` routes; the README lists them for residents and local media):

- ``/news/feed/``: RSS, ``/news/feed/atom/``: Atom, for the whole city;
- ``?department=<slug>`` and/or ``?topic=<slug>`` narrow either, with the same values as the
  news listing's filters, so a filtered listing's feed is its own query string on the feed path.
  An unknown department or topic is a 404 (``departments.feed_scope``), never the whole city.

Written by Django's syndication framework (``django.utils.feedgenerator``), which escapes
everything; characters XML 1.0 cannot carry at all are removed first (``xml_text``), or the
generator would refuse the story and the feed would fail.
"""

import re
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.public_url import public_base_url, public_url
from departments.feed_scope import feed_scope
from news.models import NewsPageTag

#: Stories per feed: a reader polls often, and 30 is weeks of a city's news.
ITEMS = 30

# Everything outside XML 1.0's Char production: https://www.w3.org/TR/xml/#charsets
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text):
    """``text`` without the characters no XML 1.0 document may contain."""
    return _NOT_XML_CHAR.sub("", text or "")


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    #: The route name of this feed on ``NewsIndexPage`` (its self link).
    route = "feed"

    def get_object(self, request, index_page):
        self.index_page = index_page
        self.base = public_base_url()
        self.scope = feed_scope(request, NewsPageTag)
        return self.scope

    def title(self, scope):
        return xml_text(scope.describe(self.index_page.title))

    def link(self, scope):
        return public_url(self.index_page.get_url() + scope.query_string, self.base)

    def feed_url(self, scope):
        path = self.index_page.get_url() + self.index_page.reverse_subpage(self.route)
        return public_url(path + scope.query_string, self.base)

    def description(self, scope):
        return xml_text(self.index_page.intro or scope.describe(self.index_page.title))

    subtitle = description

    def items(self, scope):
        return scope.narrow(self.index_page.stories()).prefetch_related("tags")[:ITEMS]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(item.summary)

    def item_link(self, item):
        return public_url(item.get_url(), self.base)

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        # A story has a publication day, not a time: 9 a.m. in the city keeps it on that day everywhere nearby.
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [xml_text(tag.name) for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    route = "feed_atom"

"""City news: stories live in a department's subtree or under /news/.

The news index aggregates every live story across the tree, filtered by department, topic and
year, and offers RSS and Atom feeds of the city, a department or a topic (news/feeds.py).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import structured_data
from core.blocks import BodyBlock
from core.listings import filter_by_department_and_topic, live_departments, paginate, query_value
from core.pages import BasePage, MenuTitleMixin
from departments.feed_scope import listing_scope

#: A year as ``?year=`` gives it; ASCII so that "²" or Arabic-Indic digits are not taken for one.
YEAR = re.compile(r"[0-9]{4}", re.ASCII)


def selected_year(request, years):
    """The year chosen with ``?year=``, if it is one of ``years`` (ASCII digits only), else None."""
    value = query_value(request, "year", max_length=10)
    if YEAR.fullmatch(value) and int(value) in years:
        return int(value)
    return None


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, MenuTitleMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["news.NewsPage"]
    max_count = 1

    def get_cached_paths(self):
        """The listing and its feeds, purged from front-end caches with the index (core/frontend_cache.py)."""
        return ["/", "/feed/", "/feed/atom/"]

    def stories(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")

    def years(self):
        """The years that have stories, newest first (one query), for the year filter."""
        return [day.year for day in self.stories().dates("date", "year", order="DESC")]

    @path("")
    def index(self, request):
        stories, department, topic = filter_by_department_and_topic(request, self.stories())
        years = self.years()
        year = selected_year(request, years)
        if year:
            stories = stories.filter(date__year=year)
        # The feeds of what is shown (a year is a slice of the past, not something to follow).
        scope = listing_scope(department, topic, NewsPageTag)
        return self.render(
            request,
            context_overrides={
                "stories": paginate(request, stories, per_page=12),
                "departments": live_departments(),
                "selected_department": department,
                "selected_topic": topic,
                "years": years,
                "selected_year": year,
                "feed_scope": scope,
                "feed_title": scope.describe(self.title),
            },
        )

    @path("feed/", name="feed")
    def feed(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self)


class NewsPage(BasePage):
    date = models.DateField("Published date", default=timezone.localdate)
    summary = models.TextField(max_length=400)
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    image_alt = models.CharField(
        "Image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required when there is an image.",
    )
    body = StreamField(BodyBlock(), blank=True)
    tags = ClusterTaggableManager("Topics", through=NewsPageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("get_department_name"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage", "departments.DepartmentPage"]
    subpage_types = []
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("image"),
        APIField("image_alt"),
        APIField("body"),
        APIField("tags"),
        APIField("department_name"),
    ]
    type_label = "News"
    #: The city-wide index that lists this type: the main navigation marks it as the current section
    #: wherever the page lives in the tree (home/templatetags/jackson_tags.py).
    listing_index = "news.NewsIndexPage"
    #: A story is of its day: the service or answer it announces should come first in search.
    search_weight = 0.75

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image, so people who cannot see it get the news too."})

    def listing_summary(self):
        return self.summary

    def linked_data(self, describer):
        """A ``NewsArticle``: headline, dates, picture, the department that wrote it and the city that publishes it."""
        url = describer.page_url(self)
        data = {
            "@context": structured_data.SCHEMA,
            "@type": "NewsArticle",
            "headline": structured_data.plain_text(self.title, structured_data.HEADLINE_LENGTH),
            "description": self.summary,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": self.date.isoformat(),
        }
        if self.last_published_at:
            modified = timezone.localtime(self.last_published_at)
            if modified.date() >= self.date:
                data["dateModified"] = modified.isoformat(timespec="minutes")
        if describer.image:
            data["image"] = [describer.image]
        department = self.department
        author = department.reference(describer) if department is not None else describer.organization
        if author:
            data["author"] = [author]
        if describer.organization:
            data["publisher"] = describer.organization
        return data

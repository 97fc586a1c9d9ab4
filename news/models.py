"""City news: stories live in a department's subtree or under /news/.

The news index aggregates every live story across the tree and offers an
RSS feed at /news/feed/.
"""

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

from departments.models import filter_by_department_and_topic, live_departments, paginate
from home.blocks import BodyBlock
from home.models import BasePage


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    def get_cached_paths(self):
        """The listing and its feed, purged from front-end caches with the index (home/frontend_cache.py)."""
        return ["/", "/feed/"]

    def stories(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")

    @path("")
    def index(self, request):
        stories, department, topic = filter_by_department_and_topic(request, self.stories())
        return self.render(
            request,
            context_overrides={
                "stories": paginate(request, stories, per_page=12),
                "departments": live_departments(),
                "selected_department": department,
                "selected_topic": topic,
            },
        )

    @path("feed/")
    def feed(self, request):
        from news.feeds import NewsFeed

        return NewsFeed(self)(request)


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

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image, so people who cannot see it get the news too."})

    def listing_summary(self):
        return self.summary

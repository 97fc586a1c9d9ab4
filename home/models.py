"""The home page, generic pages and the city's site-wide settings.

Every page type derives from ``core.pages.BasePage``. The home page shows the latest news and
upcoming events, which the news and events apps contribute (``core.page_context``).
"""

import functools

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import freshness, structured_data
from core.blocks import BodyBlock
from core.pages import BasePage
from departments.models import DepartmentPage
from home.blocks import TopTaskBlock
from news.models import NewsPage

#: Stories on the home page: the featured ones first, then the newest.
HOME_NEWS_COUNT = 3
#: How long the featured list is kept; any publish forgets it sooner (the content version).
FEATURED_KEEP_SECONDS = 300


class HomePage(BasePage):
    hero_heading = models.CharField(max_length=120, blank=True, help_text="Defaults to the city's name.")
    hero_text = models.TextField(max_length=400, blank=True)
    top_tasks = StreamField(
        [("task", TopTaskBlock())],
        blank=True,
        max_num=12,
        help_text="Shortcuts to the things residents come to do most.",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading="Welcome"),
        FieldPanel("top_tasks"),
        InlinePanel(
            "featured_stories",
            heading="Featured news",
            label="Featured story",
            max_num=HOME_NEWS_COUNT,
            help_text=(
                "Stories shown first under “Latest news”, in this order. The newest other stories fill "
                "the remaining places. Unpublished stories are skipped."
            ),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_description"), index.SearchField("hero_text")]
    api_fields = [APIField("hero_heading"), APIField("hero_text"), APIField("top_tasks"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "departments.DepartmentIndexPage",
        "departments.ServiceIndexPage",
        "departments.FAQIndexPage",
        "departments.DirectoryPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "home.StandardPage",
    ]
    max_count = 1
    type_label = "Home"
    #: The city's latest stories (enough to fill the section after the featured ones) and next four
    #: events, from the news and events apps.
    contributed_context = {"latest_news": HOME_NEWS_COUNT * 2, "upcoming_events": 4}

    def route(self, request, path_components):
        """Pages below the home page in one query where Wagtail's routing takes two per level (home/routing.py)."""
        from home import routing

        return routing.route(self, request, path_components) or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = DepartmentPage.objects.live().public().order_by("title")
        # A callable, so the template reads the stories only where its kept fragment is rendered.
        context["home_news"] = functools.partial(self.home_news, request, context.get("latest_news", ()))
        return context

    def home_news(self, request, latest):
        """``[(story, featured)]``: the featured stories in the editors' order, then the newest others."""
        featured = self.featured_news(request)
        chosen = {story.pk for story in featured}
        others = [story for story in latest if story.pk not in chosen][: HOME_NEWS_COUNT - len(featured)]
        return [(story, True) for story in featured] + [(story, False) for story in others]

    def featured_news(self, request=None):
        """The stories editors chose, in their order, that are live and public now.

        A preview shows the choice being edited; the published page keeps the list under the
        content version (core/freshness.py), so it costs no query once warm, and publishing or
        unpublishing a story forgets it.
        """

        def chosen():
            ids = [item.story_id for item in self.featured_stories.all()]
            stories = NewsPage.objects.live().public().filter(pk__in=ids).select_related("image")
            found = {story.pk: story for story in stories}
            return [found[pk] for pk in ids if pk in found]

        if getattr(request, "is_preview", False) or not self.pk:
            return chosen()
        return freshness.kept(f"home-featured-news:{self.pk}", FEATURED_KEEP_SECONDS, chosen)

    def linked_data(self, describer):
        """The city as a ``GovernmentOrganization`` with City Hall's contacts, and the site with its search."""
        city = describer.city
        home = describer.page_url(self)
        organization = structured_data.organization(
            describer.city_name,
            home,
            phone=getattr(city, "phone", ""),
            email=getattr(city, "email", ""),
            address=getattr(city, "street_address", ""),
            hours=getattr(city, "office_hours", ""),
            logo=describer.organization.get("logo"),
            description=getattr(city, "tagline", ""),
            sameAs=[url for url in (getattr(city, name, "") for name in SOCIAL_FIELDS) if url],
        )
        organization["@id"] = f"{home}#city"
        website = {
            "@type": "WebSite",
            "name": describer.city_name,
            "url": home,
            "publisher": {"@id": organization["@id"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": describer.url("/search/") + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            },
        }
        return {"@context": structured_data.SCHEMA, "@graph": [organization, website]}


class HomeFeaturedStory(Orderable):
    """A news story editors put first on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey("news.NewsPage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("story", "news.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = "featured story"


class StandardPage(BasePage):
    """Generic content: about the city, accessibility statement, privacy."""

    intro = models.TextField(max_length=500, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body"), APIField("department_name")]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.SearchField("get_department_name"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage", "departments.DepartmentPage"]
    subpage_types = ["home.StandardPage"]

    def listing_summary(self):
        return self.search_description or self.intro


#: The city's social media accounts, in the order the footer shows them.
SOCIAL_FIELDS = ("facebook_url", "x_url", "instagram_url", "youtube_url", "nextdoor_url")


@register_setting(icon="site")
class CitySettings(BaseSiteSetting):
    """Who the city is and how to reach it: shown in the header and footer."""

    city_name = models.CharField(max_length=120, default="City of Jackson")
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    street_address = models.TextField(max_length=300, blank=True)
    office_hours = models.CharField(max_length=200, blank=True)
    facebook_url = models.URLField(blank=True)
    x_url = models.URLField("X (Twitter) URL", blank=True)
    instagram_url = models.URLField(blank=True)
    youtube_url = models.URLField(blank=True)
    nextdoor_url = models.URLField(blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        MultiFieldPanel([FieldPanel("city_name"), FieldPanel("tagline")], heading="Identity"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("street_address"), FieldPanel("office_hours")],
            heading="City Hall contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("nextdoor_url"),
            ],
            heading="Social media",
        ),
        MultiFieldPanel([FieldPanel("accessibility_page"), FieldPanel("privacy_page")], heading="Footer links"),
    ]

    class Meta:
        verbose_name = "City settings"

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("X (Twitter)", self.x_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("Nextdoor", self.nextdoor_url),
        ]
        return [(name, url) for name, url in links if url]

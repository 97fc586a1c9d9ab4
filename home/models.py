"""The home page, generic pages and the city's site-wide settings.

``BasePage`` is the parent of every page type in the project. It gives each
page one answer to "which department owns this?" (its nearest
``DepartmentPage`` ancestor, never a stored field) and the shared summary and
listing helpers that index pages and search results use.
"""

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from home.blocks import BodyBlock, TopTaskBlock
from home.visibility import KeptPageManager, may_be_restricted


def department_of(page):
    """The nearest DepartmentPage at or above ``page``, or None.

    One source of truth: department content lives in the department's
    subtree, so the tree itself says who owns a page.
    """
    from departments.models import DepartmentPage

    if page is None or not getattr(page, "path", None):
        return None
    if isinstance(page, DepartmentPage):
        return page
    return DepartmentPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


class BasePage(Page):
    """Abstract parent of every Jackson page type."""

    #: Human name of the type, shown in search results and listings.
    type_label = "Page"

    objects = KeptPageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's answer, without its two queries for a page no restriction can reach (home/visibility.py)."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @cached_property
    def department(self):
        return department_of(self)

    def get_department_name(self):
        department = self.department
        return department.title if department else ""

    @property
    def department_name(self):
        """The owning department's name, for the API and the search index."""
        return self.get_department_name()

    def listing_summary(self):
        """A sentence or two for listings and search results."""
        return self.search_description or ""


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

    def get_context(self, request, *args, **kwargs):
        from departments.models import DepartmentPage
        from events.models import EventPage
        from news.models import NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.live().public().select_related("image").order_by("-date", "-pk")[:3]
        context["upcoming_events"] = EventPage.objects.upcoming()[:4]
        context["departments"] = DepartmentPage.objects.live().public().order_by("title")
        return context


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

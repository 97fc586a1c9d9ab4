"""City events: meetings, classes, festivals, closures.

Times are stored time-zone aware and shown in the city's time zone
(settings.TIME_ZONE, America/Chicago). The events index shows what is coming
up, keeps past events reachable, and offers the whole calendar as iCal.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from departments.models import filter_by_department_and_topic, live_departments, paginate
from home.blocks import BodyBlock
from home.models import BasePage
from home.visibility import KeptPageQuerySet


class EventQuerySet(KeptPageQuerySet):
    def upcoming(self):
        """Live, public events that have not ended yet, soonest first."""
        return self.live().public().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.live().public().filter(end__lt=timezone.now()).order_by("-start", "-pk")


EventManager = PageManager.from_queryset(EventQuerySet)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("events.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def get_cached_paths(self):
        """The listings and the calendar, purged from front-end caches with the index (home/frontend_cache.py)."""
        return ["/", "/past/", "/calendar.ics"]

    @path("")
    def upcoming(self, request):
        return self._listing(request, EventPage.objects.upcoming(), showing_past=False)

    @path("past/")
    def past(self, request):
        return self._listing(request, EventPage.objects.past(), showing_past=True)

    def _listing(self, request, events, showing_past):
        events, department, topic = filter_by_department_and_topic(request, events)
        return self.render(
            request,
            context_overrides={
                "events": paginate(request, events, per_page=20),
                "showing_past": showing_past,
                "departments": live_departments(),
                "selected_department": department,
                "selected_topic": topic,
            },
        )

    # Wagtail routes every sub-path with a trailing slash; the optional slash lets
    # "/events/calendar.ics" resolve while links are still reversed without it.
    @re_path(r"^calendar\.ics/?$", name="ical")
    def ical(self, request):
        from events.ical import calendar_for

        events, _, _ = filter_by_department_and_topic(request, EventPage.objects.upcoming())
        body = calendar_for(events[:500], request, name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.ics"'
        return response


class EventPage(RoutablePageMixin, BasePage):
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    summary = models.TextField(max_length=400)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(max_length=300, blank=True)
    online_url = models.URLField("Online link", blank=True)
    cost = models.CharField(max_length=100, blank=True, help_text="For example “Free”.")
    registration_url = models.URLField("Registration link", blank=True)
    canceled = models.BooleanField(default=False, help_text="Keep the page up, clearly marked as canceled.")
    body = StreamField(BodyBlock(), blank=True)
    tags = ClusterTaggableManager("Topics", through=EventPageTag, blank=True)

    objects = EventManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day"), FieldPanel("canceled")],
            heading="When",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("online_url")], heading="Where"
        ),
        MultiFieldPanel([FieldPanel("cost"), FieldPanel("registration_url")], heading="Cost and registration"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("summary", boost=1.5),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("cost"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("get_department_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["events.EventIndexPage", "departments.DepartmentPage"]
    subpage_types = []
    api_fields = [
        APIField(name)
        for name in (
            "start",
            "end",
            "all_day",
            "summary",
            "venue_name",
            "venue_address",
            "online_url",
            "cost",
            "registration_url",
            "canceled",
            "body",
            "tags",
            "department_name",
        )
    ]
    type_label = "Event"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The event cannot end before it starts."})

    def listing_summary(self):
        return self.summary

    def get_cached_paths(self):
        return ["/", "/event.ics"]

    @property
    def is_past(self):
        return self.end < timezone.now()

    @re_path(r"^event\.ics/?$", name="ical")
    def ical(self, request):
        from events.ical import calendar_for

        response = HttpResponse(calendar_for([self], request, name=self.title), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

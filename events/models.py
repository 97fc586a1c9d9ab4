"""City events: meetings, classes, festivals, closures.

Times are stored time-zone aware and shown in the city's time zone
(settings.TIME_ZONE, America/Chicago). The events index shows what is coming
up, keeps past events reachable, and offers the whole calendar as iCal.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core import structured_data
from core.blocks import BodyBlock
from core.listings import filter_by_department_and_topic, live_departments, paginate, query_value
from core.pages import BasePage, MenuTitleMixin
from core.visibility import KeptPageQuerySet
from departments.feed_scope import feed_scope, listing_scope
from events import dates

#: How long an ended event stays in subscribed calendars (apps delete what a feed no longer holds).
CALENDAR_KEEPS_PAST = timedelta(days=30)
#: The most events one calendar file holds.
CALENDAR_EVENTS = 500


class EventQuerySet(KeptPageQuerySet):
    def upcoming(self):
        """Live, public events that have not ended yet, soonest first."""
        return self.live().public().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.live().public().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def calendar(self):
        """Live, public events for a subscribed calendar: upcoming, and those ended within CALENDAR_KEEPS_PAST."""
        return self.live().public().filter(end__gte=timezone.now() - CALENDAR_KEEPS_PAST)


EventManager = PageManager.from_queryset(EventQuerySet)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("events.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventIndexPage(RoutablePageMixin, MenuTitleMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["events.EventPage"]
    max_count = 1

    def get_cached_paths(self):
        """The listings and the calendar, purged from front-end caches with the index (core/frontend_cache.py)."""
        return ["/", "/past/", "/month/", "/calendar.ics"]

    @path("")
    def upcoming(self, request):
        return self._listing(request, EventPage.objects.upcoming(), showing_past=False)

    @path("past/")
    def past(self, request):
        return self._listing(request, EventPage.objects.past(), showing_past=True)

    def _listing(self, request, events, showing_past):
        events, department, topic = filter_by_department_and_topic(request, events)
        # ?from=&to=, in the city's time zone; a refused value is reported next to its field and ignored.
        date_range = dates.date_range(query_value(request, "from", 20), query_value(request, "to", 20))
        events = date_range.narrow(events)
        # The subscribable calendar of what is shown (events/ical.py).
        scope = listing_scope(department, topic, EventPageTag)
        return self.render(
            request,
            context_overrides={
                "events": paginate(request, events, per_page=20),
                "showing_past": showing_past,
                "departments": live_departments(),
                "selected_department": department,
                "selected_topic": topic,
                "date_range": date_range,
                "filter_query": _filter_query(department, topic),
                "calendar_scope": scope,
                "calendar_title": scope.describe(self.title),
            },
        )

    @path("month/", name="month")
    def this_month(self, request):
        today = timezone.localdate()
        return self._month(request, today.year, today.month)

    @re_path(r"^month/(?P<year_month>[0-9]{4}-[0-9]{2})/$", name="month_of")
    def month_of(self, request, year_month):
        year, month = year_month.split("-")
        return self._month(request, int(year), int(month))

    def _month(self, request, year, month):
        """The accessible month calendar: one query for the month's events, whatever their number.

        A month outside dates.FIRST_YEAR..LAST_YEAR, or month 00 or 13, is a 404 (crawlers follow
        "Next month" for ever otherwise; the links stop at the edges too).
        """
        if not (dates.FIRST_YEAR <= year <= dates.LAST_YEAR and 1 <= month <= 12):
            raise Http404("No such month")
        first, following = dates.month_bounds(year, month)
        events = (
            EventPage.objects.live()
            .public()
            .filter(start__lt=dates.day_start(following), end__gte=dates.day_start(first))
        )
        events, department, topic = filter_by_department_and_topic(request, events)
        weeks = dates.month_grid(year, month, events.order_by("start", "pk"))
        previous, following_month = dates.neighbour_months(year, month)
        scope = listing_scope(department, topic, EventPageTag)
        return self.render(
            request,
            template="events/event_month_page.html",
            context_overrides={
                "month": first,
                "weeks": weeks,
                "event_days": [day for week in weeks for day in week if day.entries],
                "weekdays": dates.weekday_names(),
                "previous_month": previous and f"{previous[0]:04d}-{previous[1]:02d}",
                "next_month": following_month and f"{following_month[0]:04d}-{following_month[1]:02d}",
                "departments": live_departments(),
                "selected_department": department,
                "selected_topic": topic,
                "filter_query": _filter_query(department, topic),
                "calendar_scope": scope,
                "calendar_title": scope.describe(self.title),
            },
        )

    # Wagtail routes every sub-path with a trailing slash; the optional slash lets
    # "/events/calendar.ics" resolve while links are still reversed without it.
    @re_path(r"^calendar\.ics/?$", name="ical")
    def ical(self, request):
        """The subscribable calendar of the city, a department or a topic (events/ical.py).

        An unknown department or topic is a 404 (departments/feed_scope.py). Events stay in it for
        CALENDAR_KEEPS_PAST after they end, so a subscriber's calendar does not lose last week.
        """
        from events.ical import calendar_for

        scope = feed_scope(request, EventPageTag)
        events = scope.narrow(EventPage.objects.calendar()).order_by("start", "pk")[:CALENDAR_EVENTS]
        body = calendar_for(events, name=scope.describe(self.title))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.ics"'
        return response


def _filter_query(department, topic):
    """The department and topic filters as a query string ("?department=…&topic=…" or ""), to keep
    them when moving between the list, the past events and the months."""
    params = {}
    if department:
        params["department"] = department.slug
    if topic:
        params["topic"] = topic
    return "?" + urlencode(params) if params else ""


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
    what_to_bring = RichTextField(
        "What to bring",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="For example ID, a water bottle, lawn chairs. Shown only when filled in.",
    )
    accessibility = RichTextField(
        "Accessibility",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="Step-free access, accessible parking and restrooms, interpreters or captions, and how to "
        "ask for an accommodation. Shown only when filled in.",
    )
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
        MultiFieldPanel([FieldPanel("what_to_bring"), FieldPanel("accessibility")], heading="Before you go"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("summary", boost=1.5),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("cost"),
        index.SearchField("what_to_bring"),
        index.SearchField("accessibility"),
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
            "what_to_bring",
            "accessibility",
            "body",
            "tags",
            "department_name",
        )
    ]
    type_label = "Event"
    #: The city-wide index that lists this type: the main navigation marks it as the current section
    #: wherever the page lives in the tree (home/templatetags/jackson_tags.py).
    listing_index = "events.EventIndexPage"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The event cannot end before it starts."})

    def listing_summary(self):
        return self.summary

    def get_cached_paths(self):
        return ["/", "/event.ics"]

    def linked_data(self, describer):
        """An ``Event`` with its status, place (or online link), organizer and cost."""
        url = describer.page_url(self)
        data = {
            "@context": structured_data.SCHEMA,
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "startDate": _schema_time(self.start, self.all_day),
            "endDate": _schema_time(self.end, self.all_day),
            "eventStatus": f"{structured_data.SCHEMA}/{'EventCancelled' if self.canceled else 'EventScheduled'}",
        }
        places = []
        if self.venue_name or self.venue_address:
            place = {"@type": "Place", "name": self.venue_name or self.venue_address}
            address = structured_data.postal_address(self.venue_address)
            if address:
                place["address"] = address
            places.append(place)
        if self.online_url:
            places.append({"@type": "VirtualLocation", "url": self.online_url})
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        mode = {
            (True, False): "OfflineEventAttendanceMode",
            (False, True): "OnlineEventAttendanceMode",
            (True, True): "MixedEventAttendanceMode",
        }.get((bool(self.venue_name or self.venue_address), bool(self.online_url)))
        if mode:
            data["eventAttendanceMode"] = f"{structured_data.SCHEMA}/{mode}"
        department = self.department
        organizer = department.reference(describer) if department is not None else describer.organization
        if organizer:
            data["organizer"] = organizer
        if self.cost:
            data["offers"] = structured_data.offer(self.cost, self.registration_url or url)
        if describer.image:
            data["image"] = [describer.image]
        return data

    @property
    def is_past(self):
        return self.end < timezone.now()

    @re_path(r"^event\.ics/?$", name="ical")
    def ical(self, request):
        """ "Add to calendar": this one event as a file (events/ical.py)."""
        from events.ical import calendar_for

        response = HttpResponse(calendar_for([self], name=self.title), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


def _schema_time(moment, all_day):
    """ISO 8601 in the city's time zone, with its offset; a date alone for an all-day event."""
    local = timezone.localtime(moment)
    return local.date().isoformat() if all_day else local.isoformat(timespec="minutes")

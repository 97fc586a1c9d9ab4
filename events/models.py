"""City events: meetings, classes, festivals, closures.

Times are stored time-zone aware and shown in the city's time zone
(settings.TIME_ZONE, America/Chicago). The events index shows what is coming
up, keeps past events reachable, and offers the whole calendar as iCal.

An event happens once, or repeats by a rule (events/recurrence.py) with single dates canceled,
moved or skipped (``EventDateChange``). Every date an event page gives is a row of
``EventOccurrence``, written when the page is saved in full (published, created, copied), so the
listings, the month calendar, the home page and the API page and filter dates in SQL, and a
repeating meeting is listed on each of its dates with no copy pages.
"""

import datetime
from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core import page_keeping, structured_data
from core.blocks import BodyBlock
from core.listings import filter_by_department_and_topic, live_departments, paginate, query_value
from core.pages import BasePage, MenuTitleMixin
from core.visibility import KeptPageQuerySet
from departments.feed_scope import feed_scope, listing_scope
from events import dates, recurrence
from events.forms import EventPageForm
from events.recurrence import wall_clock

#: How long an ended event stays in subscribed calendars (apps delete what a feed no longer holds).
CALENDAR_KEEPS_PAST = timedelta(days=30)
#: The most events one calendar file holds.
CALENDAR_EVENTS = 500


class EventQuerySet(KeptPageQuerySet):
    """Event *pages*; a listing of dates is ``EventOccurrence.objects`` (a repeating event is one page)."""

    def upcoming(self):
        """Live, public events with a date that has not ended yet, by their first date."""
        return self.live().public().filter(last_end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        """Live, public events whose every date has ended, latest first."""
        return self.live().public().filter(last_end__lt=timezone.now()).order_by("-start", "-pk")

    def calendar(self):
        """Live, public events for a subscribed calendar: upcoming, and those ended within CALENDAR_KEEPS_PAST."""
        return self.live().public().filter(last_end__gte=timezone.now() - CALENDAR_KEEPS_PAST)


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
        return self._listing(request, showing_past=False)

    @path("past/")
    def past(self, request):
        return self._listing(request, showing_past=True)

    def _listing(self, request, showing_past):
        """Every date of every event, one line each: a Council meeting twice a month is listed twice."""
        pages, department, topic = filter_by_department_and_topic(request, EventPage.objects.live().public())
        occurrences = EventOccurrence.objects.of(pages)
        occurrences = occurrences.past() if showing_past else occurrences.upcoming()
        # ?from=&to=, in the city's time zone; a refused value is reported next to its field and ignored.
        date_range = dates.date_range(query_value(request, "from", 20), query_value(request, "to", 20))
        occurrences = date_range.narrow(occurrences)
        listed = paginate(request, occurrences, per_page=20)
        if not showing_past:
            # The list changes when a listed date ends: no kept copy outlives the first of them.
            ends = [occurrence.end for occurrence in listed]
            if ends:
                page_keeping.keep_until(request, min(ends))
        # The subscribable calendar of what is shown (events/ical.py).
        scope = listing_scope(department, topic, EventPageTag)
        return self.render(
            request,
            context_overrides={
                "events": listed,
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
        pages, department, topic = filter_by_department_and_topic(request, EventPage.objects.live().public())
        events = EventOccurrence.objects.of(pages).filter(
            start__lt=dates.day_start(following), end__gte=dates.day_start(first)
        )
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
        events = (
            scope.narrow(EventPage.objects.calendar())
            .order_by("start", "pk")
            .prefetch_related("date_changes", "occurrences")[:CALENDAR_EVENTS]
        )
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
    canceled = models.BooleanField(
        default=False, help_text="Keep the page up, clearly marked as canceled (every date, for a repeating event)."
    )
    repeat = models.CharField(
        "Repeats",
        max_length=10,
        choices=recurrence.REPEAT_CHOICES,
        blank=True,
        default="",
        help_text="Start and end above are the first date. A repeating event is one page, listed on each date.",
    )
    repeat_interval = models.PositiveSmallIntegerField(
        "Every",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1 for every week or month, 2 for every other week or month, and so on.",
    )
    repeat_days = recurrence.ChoiceListField(
        "On",
        codes=recurrence.DAY_CHOICES,
        help_text="Weekly: the days of the week. Monthly: the day for “the 1st and 3rd Tuesday”. "
        "None ticked: the first date's day.",
    )
    repeat_weeks = recurrence.ChoiceListField(
        "Weeks of the month",
        codes=recurrence.WEEK_CHOICES,
        help_text="Monthly only: tick 1st and 3rd for “the 1st and 3rd Tuesday”. None ticked: the same day of the "
        "month as the first date (a month without that day is left out).",
    )
    repeat_until = models.DateField("Last date", null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        "Or number of dates", null=True, blank=True, help_text="Counting the first date."
    )
    #: When the last date ends (``end`` for a single event): which events are upcoming, in one column.
    last_end = models.DateTimeField(null=True, editable=False, db_index=True)
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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_days"),
                FieldPanel("repeat_weeks"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("date_changes", heading="Canceled, moved or skipped dates", label="Date change"),
            ],
            heading="Repeats",
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
    base_form_class = EventPageForm
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
        rule = self.rule
        if rule and self.start and self.end:
            errors = recurrence.problems(rule, wall_clock(self.start), wall_clock(self.end))
            if errors:
                raise ValidationError(errors)

    def listing_summary(self):
        return self.summary

    # ---------- dates ----------

    @property
    def rule(self):
        """How this event repeats (events/recurrence.py), or None for a single event."""
        return recurrence.Rule.of(self)

    @property
    def repeats(self):
        """The rule in words ("Every 1st and 3rd Tuesday of the month, until …"), or ""."""
        rule = self.rule
        return rule.describe(wall_clock(self.start)) if rule and self.start else ""

    def occurrence_plan(self):
        """The dates this page gives now, as unsaved ``EventOccurrence`` rows, in order."""
        if self.start is None or self.end is None:
            return []
        rule = self.rule
        if rule is None:
            return [EventOccurrence(page=self, scheduled=self.start, start=self.start, end=self.end)]
        first = wall_clock(self.start)
        duration = wall_clock(self.end) - first
        changes = {change.date: change for change in self.date_changes.all()}
        plan = []
        for local_start in rule.starts(first):
            scheduled = timezone.make_aware(local_start)
            occurrence = EventOccurrence(
                page=self, scheduled=scheduled, start=scheduled, end=timezone.make_aware(local_start + duration)
            )
            change = changes.get(local_start.date())
            if change is not None:
                if change.change == EventDateChange.SKIPPED:
                    continue
                occurrence.note = change.note
                if change.change == EventDateChange.CANCELED:
                    occurrence.status = EventOccurrence.CANCELED
                elif change.new_start:
                    occurrence.status = EventOccurrence.MOVED
                    occurrence.start = change.new_start
                    occurrence.end = change.new_end or change.new_start + (occurrence.end - scheduled)
            plan.append(occurrence)
        return plan

    def save(self, *args, **kwargs):
        """A full save (publishing, creating, copying) writes the dates; a draft's save leaves them.

        Wagtail saves a live page's draft with ``update_fields``: the page in memory holds the draft
        then, and the published dates must stay what the listings show.
        """
        if kwargs.get("update_fields") is not None:
            return super().save(*args, **kwargs)
        plan = self.occurrence_plan()
        self.last_end = max((occurrence.end for occurrence in plan), default=self.end)
        result = super().save(*args, **kwargs)
        EventOccurrence.objects.filter(page=self).delete()
        for occurrence in plan:
            occurrence.page = self
        EventOccurrence.objects.bulk_create(plan)
        self.__dict__.pop("dates", None)
        return result

    @cached_property
    def dates(self):
        """Every stored date of this event, in order: one query for a repeating event, none for a
        single one, whose one date is the page's own start and end."""
        if not self.repeat:
            return self.occurrence_plan()
        return list(self.occurrences.order_by("start", "pk"))

    def shown_date(self, on=None):
        """The date the page shows: ``on`` (a local date) when it is one of the event's scheduled
        dates, else the next that has not ended, else the last."""
        if on is not None:
            return next((d for d in self.dates if d.day == on), None)
        return recurrence.next_or_last(self.dates, timezone.now())

    @property
    def listed_date(self):
        """The date a search result or an API card shows: the one a listing chose (``_listed_date``,
        the API's list of dates), else a repeating event's next (or last); None for a single event,
        whose date is its own."""
        if "_listed_date" in self.__dict__:
            return self._listed_date
        return self.shown_date() if self.repeat else None

    def upcoming_dates(self, limit=12):
        """The dates that have not ended, soonest first."""
        now = timezone.now()
        return [d for d in self.dates if d.end >= now][:limit]

    def get_cached_paths(self):
        """The page, its calendar file, and the page of each date of a repeating event."""
        paths = ["/", "/event.ics"]
        if self.repeat:
            paths += [f"/{timezone.localtime(d.scheduled).date().isoformat()}/" for d in self.dates]
        return paths

    def linked_data(self, describer):
        """An ``Event`` with its status, place (or online link), organizer and cost."""
        url = describer.page_url(self)
        shown = getattr(self, "_shown_date", None) or self.shown_date()
        start, end = (shown.start, shown.end) if shown is not None else (self.start, self.end)
        if shown is not None and shown.canceled:
            status = "EventCancelled"
        elif shown is not None and shown.moved:
            status = "EventRescheduled"
        else:
            status = "EventCancelled" if self.canceled else "EventScheduled"
        data = {
            "@context": structured_data.SCHEMA,
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "startDate": _schema_time(start, self.all_day),
            "endDate": _schema_time(end, self.all_day),
            "eventStatus": f"{structured_data.SCHEMA}/{status}",
        }
        if status == "EventRescheduled":
            data["previousStartDate"] = _schema_time(shown.scheduled, self.all_day)
        rule = self.rule
        if rule is not None:
            last = self.dates[-1] if self.dates else None
            data["eventSchedule"] = rule.schedule(
                wall_clock(self.start),
                last and last.day,
                wall_clock(self.end) - wall_clock(self.start),
            )
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
        """Every date has ended."""
        return (self.last_end or self.end) < timezone.now()

    @path("", name="event")
    def event_page(self, request):
        return self._render_on(request, None)

    @re_path(r"^(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})/$", name="date")
    def one_date(self, request, day):
        """One date of a repeating event: its own time, and whether it was canceled or moved."""
        if not self.repeat:
            raise Http404("This event does not repeat")
        try:
            on = datetime.date.fromisoformat(day)
        except ValueError as error:
            raise Http404("No such date") from error
        if self.shown_date(on) is None:
            raise Http404("The event is not on that date")
        return self._render_on(request, on)

    def _render_on(self, request, on):
        shown = self.shown_date(on)
        # The JSON-LD (linked_data) describes the date the page shows.
        self._shown_date = shown
        if shown is not None and shown.end >= timezone.now():
            # When the shown date ends, the page says so (or shows the next): no kept copy outlives it.
            page_keeping.keep_until(request, shown.end)
        return self.render(
            request, context_overrides={"shown_date": shown, "on_date": on, "upcoming_dates": self.upcoming_dates()}
        )

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


class EventDateChange(Orderable):
    """One date of a repeating event that is not as the rule says: canceled, moved or skipped."""

    CANCELED, MOVED, SKIPPED = "canceled", "moved", "skipped"
    CHANGES = [
        (CANCELED, "Canceled: still listed, marked canceled"),
        (MOVED, "Moved to another time"),
        (SKIPPED, "Skipped: not listed at all (a date the series never meets on, such as a holiday)"),
    ]

    page = ParentalKey("events.EventPage", related_name="date_changes", on_delete=models.CASCADE)
    date = models.DateField(help_text="The date as the repeat rule gives it.")
    change = models.CharField(max_length=10, choices=CHANGES, default=CANCELED)
    new_start = models.DateTimeField("Moved to (start)", null=True, blank=True)
    new_end = models.DateTimeField("Moved to (end)", null=True, blank=True, help_text="Empty: the usual length.")
    note = models.CharField(
        max_length=200, blank=True, help_text="Shown with the date, for example “Moved for Election Day”."
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "date change"


class OccurrenceQuerySet(models.QuerySet):
    def of(self, pages):
        """The dates of ``pages`` (an event page queryset), each with its page (one query)."""
        return self.filter(page__in=pages.values("pk")).select_related("page")

    def shown(self):
        """The dates of live, public events."""
        return self.of(EventPage.objects.live().public())

    def upcoming(self):
        """Dates that have not ended yet, soonest first."""
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def next_of_each(self):
        """Each event's next date that is not canceled: the home and department pages show an event
        once, not a weekly class four times over."""
        now = timezone.now()
        following = (
            EventOccurrence.objects.filter(page=models.OuterRef("page"), end__gte=now)
            .exclude(status=EventOccurrence.CANCELED)
            .order_by("start", "pk")
            .values("pk")[:1]
        )
        return self.filter(pk=models.Subquery(following)).order_by("start", "pk")


class EventOccurrence(models.Model):
    """One date of an event, as listed: a single event's only date, or one date of a repeating one.

    Written by ``EventPage.save`` from the page and its date changes, never edited by hand.
    ``scheduled`` is the start the rule gave (a calendar file's ``RECURRENCE-ID``); ``start`` and
    ``end`` are when it happens, which differ from it only for a moved date.
    """

    SCHEDULED, CANCELED, MOVED = "scheduled", "canceled", "moved"

    page = models.ForeignKey(EventPage, related_name="occurrences", on_delete=models.CASCADE)
    scheduled = models.DateTimeField()
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=10,
        choices=[(SCHEDULED, "Scheduled"), (CANCELED, "Canceled"), (MOVED, "Moved")],
        default=SCHEDULED,
    )
    note = models.CharField(max_length=200, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self):
        return f"{self.page.title} ({timezone.localtime(self.start):%Y-%m-%d %H:%M})"

    # What a listing card, the month calendar and ``event_when`` read, as they read an event page.
    @property
    def title(self):
        return self.page.title

    @property
    def summary(self):
        return self.page.summary

    @property
    def venue_name(self):
        return self.page.venue_name

    @property
    def all_day(self):
        return self.page.all_day

    @property
    def canceled(self):
        return self.status == self.CANCELED or self.page.canceled

    @property
    def moved(self):
        return self.status == self.MOVED

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def day(self):
        """The scheduled date in the city's time zone: this date's page is ``<event>/<day>/``."""
        return timezone.localtime(self.scheduled).date()

    @property
    def path_suffix(self):
        """What follows the event page's URL to reach this date ("" for a single event)."""
        return f"{self.day.isoformat()}/" if self.page.repeat else ""


def attach_listed_dates(pages):
    """Read the dates of every repeating event page in ``pages`` in one query, for a list of mixed
    pages such as search results; each then shows its ``listed_date`` with no query of its own."""
    events = {page.pk: page for page in pages if isinstance(page, EventPage) and page.repeat}
    if not events:
        return
    dates = {pk: [] for pk in events}
    for occurrence in EventOccurrence.objects.filter(page_id__in=events).order_by("start", "pk"):
        occurrence.page = events[occurrence.page_id]
        dates[occurrence.page_id].append(occurrence)
    for pk, page in events.items():
        page.__dict__["dates"] = dates[pk]  # the ``dates`` cached_property, filled

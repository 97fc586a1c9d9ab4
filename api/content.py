"""The typed lists: departments, the services catalogue, news, events, FAQs and the directory.

Each answers with cards of its page type (no body: fetch ``/pages/{id}/`` for that), filtered
the way the site's own index pages filter (department by slug, topic by tag slug), plus date
ranges for news and events.
"""

import datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router

from api import serialise
from api.listing import department_by_slug, in_department, paginate, shown, with_topic
from api.params import Limit, Offset, QueryText, Slug
from api.schemas import (
    ContactCards,
    DepartmentCards,
    DepartmentDetail,
    Error,
    EventCards,
    FAQCards,
    NewsCards,
    ServiceCards,
)
from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
from events.dates import day_start
from events.models import EventOccurrence, EventPage
from news.models import NewsPage

router = Router(tags=["content"])
ERRORS = {400: Error, 404: Error, 429: Error}

DEPARTMENT = Query(None, description="Only this department's (its slug).")
TOPIC = Query(None, description="Only this topic's (a tag slug).")
SINCE = Query(None, alias="from", description="On or after this date (YYYY-MM-DD, the city's time zone).")
UNTIL = Query(None, alias="to", description="On or before this date (YYYY-MM-DD, the city's time zone).")


def _cards(context, queryset, limit, offset):
    return paginate(queryset, limit, offset, lambda page: serialise.typed_card(context, page))


@router.get("/departments/", response={200: DepartmentCards, **ERRORS}, summary="Departments")
def list_departments(request, limit: Limit = 100, offset: Offset = 0):
    context = serialise.Context.for_request(request)
    return _cards(context, shown(DepartmentPage, context).order_by("title"), limit, offset)


@router.get(
    "/departments/{slug}/",
    response={200: DepartmentDetail, **ERRORS},
    summary="A department, with its services, contacts, FAQs and forms",
)
def department_detail(request, slug: Slug):
    context = serialise.Context.for_request(request)
    department = department_by_slug(context, slug)
    if department is None:
        raise Http404("No such department")
    return serialise.detail(context, shown(DepartmentPage, context).get(pk=department.pk))


@router.get("/services/", response={200: ServiceCards, **ERRORS}, summary="The services catalogue")
def list_services(
    request,
    department: Slug | None = DEPARTMENT,
    action: str | None = Query(None, pattern="^(apply|pay|report|request|register|schedule|learn)$"),
    limit: Limit = 50,
    offset: Offset = 0,
):
    context = serialise.Context.for_request(request)
    services = in_department(context, shown(ServicePage, context), department)
    if action:
        services = services.filter(action_type=action)
    return _cards(context, services.select_related("action_page").order_by("title"), limit, offset)


@router.get("/news/", response={200: NewsCards, **ERRORS}, summary="News, newest first")
def list_news(
    request,
    since: datetime.date | None = SINCE,
    until: datetime.date | None = UNTIL,
    department: Slug | None = DEPARTMENT,
    topic: Slug | None = TOPIC,
    limit: Limit = 20,
    offset: Offset = 0,
):
    context = serialise.Context.for_request(request)
    stories = in_department(context, shown(NewsPage, context), department)
    stories = with_topic(stories, topic, [NewsPage])
    if since:
        stories = stories.filter(date__gte=since)
    if until:
        stories = stories.filter(date__lte=until)
    stories = stories.select_related("image").prefetch_related(serialise.TOPICS).order_by("-date", "-pk")
    return _cards(context, stories, limit, offset)


@router.get("/events/", response={200: EventCards, **ERRORS}, summary="Events, soonest first")
def list_events(
    request,
    since: datetime.date | None = Query(
        None, alias="from", description="Events still on at or after this date (default: today)."
    ),
    until: datetime.date | None = Query(None, alias="to", description="Events starting on or before this date."),
    department: Slug | None = DEPARTMENT,
    topic: Slug | None = TOPIC,
    limit: Limit = 20,
    offset: Offset = 0,
):
    """Each date of each event, as the site's events page lists them: a repeating event once per date.

    Without ``from``, dates that have not ended (as the site's events page); give a past date for past ones.
    """
    context = serialise.Context.for_request(request)
    events = in_department(context, shown(EventPage, context), department)
    events = with_topic(events, topic, [EventPage])
    dates = EventOccurrence.objects.of(events)
    if since:
        dates = dates.filter(end__gte=day_start(since))
    else:
        dates = dates.filter(end__gte=timezone.now())
    if until:
        dates = dates.filter(start__lt=day_start(until + datetime.timedelta(days=1)))
    dates = dates.prefetch_related(Prefetch("page__tags", to_attr="topic_tags")).order_by("start", "pk")
    return paginate(dates, limit, offset, lambda date: serialise.typed_card(context, _listed_on(date)))


def _listed_on(date):
    """The date's event page, carrying the date (``serialise.event_fields`` reads it)."""
    page = date.page
    page._listed_date = date
    return page


@router.get("/faqs/", response={200: FAQCards, **ERRORS}, summary="Frequently asked questions")
def list_faqs(
    request, department: Slug | None = DEPARTMENT, topic: Slug | None = TOPIC, limit: Limit = 50, offset: Offset = 0
):
    context = serialise.Context.for_request(request)
    faqs = with_topic(in_department(context, shown(FAQPage, context), department), topic, [FAQPage])
    return _cards(context, faqs.prefetch_related(serialise.TOPICS).order_by("title"), limit, offset)


@router.get("/directory/", response={200: ContactCards, **ERRORS}, summary="The contact directory")
def list_contacts(
    request,
    department: Slug | None = DEPARTMENT,
    q: QueryText | None = Query(None, description="Words in a name, role, phone number or email address."),
    limit: Limit = 50,
    offset: Offset = 0,
):
    context = serialise.Context.for_request(request)
    contacts = in_department(context, shown(ContactPage, context), department)
    query = " ".join((q or "").split())
    if query:
        contacts = contacts.filter(
            Q(title__icontains=query) | Q(role__icontains=query) | Q(phone__icontains=query) | Q(email__icontains=query)
        )
    return _cards(context, contacts.order_by("title"), limit, offset)

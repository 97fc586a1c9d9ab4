"""A small slice of the demo city, built by the same seeder, for tests that need a whole site.

The browser tests (accessibility, HTML validity, search, feedback) need every page type in a
realistic state: a department with services, FAQs, contacts and a form with every kind of
field, news with illustrations, upcoming, past, all-day and canceled events. Seeding the whole
city takes most of a minute; this slice (two departments and a handful of stories and events,
the city's index and policy pages, the home page's top tasks and the city settings) takes a
few seconds and is the same content a person sees in ``make run``: one demo dataset, not a
second one kept by hand for the tests.

``build_sample_city()`` returns {name: URL path} so tests say "the event page" rather than
spell out slugs; ``PAGE_TYPES`` lists the names every page-level check goes through.
"""

from wagtail.models import Page

from demo.indexing import search_indexing_paused
from demo.seeder import DemoSeeder

SAMPLE = {
    "departments": {
        "public-works": {
            "report-a-pothole",  # a service whose action is the form below
            "report-a-streetlight-outage",
            "report-a-pothole-form",  # every kind of field, a file upload among them
            "marcus-bellamy",
            "dana-whitfield",
            "traffic-engineering-division",
            "how-long-until-my-pothole-is-fixed",
            "my-street-floods-when-it-rains",
        },
        "parks-recreation": {
            "reserve-a-park-pavilion",
            "park-pavilion-reservation",
            "park-reservations-office",
            "when-do-pools-open",
        },
    },
    "news": {
        "summer-paving-program-begins",  # in a department, with an illustration
        "new-traffic-signals-on-meadowbrook-parkway",
        "city-launches-new-website",  # city-wide
    },
    "events": {
        "senior-fitness-walk",  # repeating: twice a week, one date canceled and one moved
        "movies-in-the-park-canceled",
        "fall-festival",  # all day, over two days
        "fishing-rodeo",  # past
        "small-business-grants-info-session",  # city-wide
    },
}

#: Every page type (and state) in the slice, by name: what the accessibility and HTML-validity
#: checks each go through.
PAGE_TYPES = [
    "home",
    "standard",
    "department_index",
    "department",
    "service_index",
    "service",
    "faq_index",
    "faq",
    "directory",
    "contact",
    "news_index",
    "news",
    "event_index",
    "event_index_past",
    "event_index_month",
    "event",
    "event_all_day",
    "event_canceled",
    "event_date_canceled",
    "event_date_moved",
    "form",
]

#: name -> (department slug or None for the home page's children, page slug)
PAGES = {
    "standard": (None, "about"),
    "accessibility": (None, "accessibility"),
    "department_index": (None, "departments"),
    "service_index": (None, "services"),
    "faq_index": (None, "faq"),
    "directory": (None, "directory"),
    "news_index": (None, "news"),
    "event_index": (None, "events"),
    "department": ("departments", "public-works"),
    "department_parks": ("departments", "parks-recreation"),
    "service": ("public-works", "report-a-pothole"),
    "faq": ("public-works", "how-long-until-my-pothole-is-fixed"),
    "contact": ("public-works", "dana-whitfield"),
    "news": ("public-works", "summer-paving-program-begins"),
    "event": ("parks-recreation", "senior-fitness-walk"),
    "event_all_day": ("parks-recreation", "fall-festival"),
    "event_canceled": ("parks-recreation", "movies-in-the-park-canceled"),
    "form": ("public-works", "report-a-pothole-form"),
}


def build_sample_city():
    """Seed the slice (idempotently, like ``seed_demo``); returns {name: URL path}."""
    from modelsearch import index

    seeder = DemoSeeder(only=SAMPLE)
    # A publish saves a page up to three times; index each page once at the end instead.
    with search_indexing_paused():
        for step in (
            seeder.seed_home,
            seeder.seed_indexes,
            seeder.seed_standard_pages,
            seeder.seed_departments,
            seeder.seed_top_tasks_and_settings,
            seeder.seed_news,
            seeder.seed_events,
        ):
            step()
    for page in Page.objects.descendant_of(seeder.home, inclusive=True).specific():
        index.insert_or_update_object(page)
    parents = {"departments": seeder.indexes["departments"], **seeder.departments}
    paths = {"home": "/"}
    for name, (parent_slug, slug) in PAGES.items():
        parent = seeder.home if parent_slug is None else parents[parent_slug]
        paths[name] = Page.objects.child_of(parent).get(slug=slug).url
    # The repeating walk's canceled and moved dates, each a page of its own.
    from events.models import EventOccurrence

    walk = Page.objects.child_of(parents["parks-recreation"]).get(slug="senior-fitness-walk")
    for status in (EventOccurrence.CANCELED, EventOccurrence.MOVED):
        occurrence = EventOccurrence.objects.filter(page_id=walk.pk, status=status).select_related("page").first()
        paths[f"event_date_{status}"] = paths["event"] + occurrence.path_suffix
    paths["event_index_past"] = paths["event_index"] + "past/"
    paths["event_index_month"] = paths["event_index"] + "month/"
    return paths

"""What the events app adds to other pages: upcoming events on the home and department pages
(core/page_context.py), and a front-end cache purge (core/frontend_cache.py).

An event shows on the city-wide events index (upcoming or past) and in its iCal feed wherever
the event lives; the index's department filter lists every department.
"""

from wagtail import hooks

from core import page_context
from departments.models import DepartmentPage
from events import dates
from events.models import EventIndexPage, EventOccurrence, EventPage


@hooks.register("frontend_cache_related")
def event_listings(page):
    """Every events index; for an event, also the month pages of the months it falls in."""
    if not isinstance(page, EventPage | DepartmentPage):
        return ()
    indexes = list(EventIndexPage.objects.live())
    related = list(indexes)
    if isinstance(page, EventPage) and page.start:
        for index in indexes:
            parts = index.get_url_parts()
            if parts:
                related += [f"{parts[2]}month/{month}/" for month in dates.months_spanned(page)]
    return related


@hooks.register(page_context.HOOK)
def upcoming_events(page, request, context):
    """``upcoming_events``: a department's next events, else the city's, each on its next date (a
    weekly class once, not four times). Read every time: they depend on the clock."""
    if "upcoming_events" not in page.contributed_context:
        return
    count = page.contributed_context["upcoming_events"]
    pages = EventPage.objects.live().public()
    if isinstance(page, DepartmentPage):
        pages = pages.descendant_of(page)
    context["upcoming_events"] = EventOccurrence.objects.of(pages).next_of_each()[:count]

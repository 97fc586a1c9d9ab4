"""What the events app adds to other pages: upcoming events on the home and department pages
(core/page_context.py), and a front-end cache purge (core/frontend_cache.py).

An event shows on the city-wide events index (upcoming or past) and in its iCal feed wherever
the event lives; the index's department filter lists every department.
"""

from wagtail import hooks

from core import page_context
from departments.models import DepartmentPage
from events.models import EventIndexPage, EventPage


@hooks.register("frontend_cache_related")
def event_listings(page):
    if isinstance(page, EventPage | DepartmentPage):
        return EventIndexPage.objects.live()
    return ()


@hooks.register(page_context.HOOK)
def upcoming_events(page, request, context):
    """``upcoming_events``: a department's next events, else the city's. Read every time: they depend on the clock."""
    if "upcoming_events" not in page.contributed_context:
        return
    count = page.contributed_context["upcoming_events"]
    events = EventPage.objects.upcoming()
    if isinstance(page, DepartmentPage):
        events = events.descendant_of(page)
    context["upcoming_events"] = events[:count]

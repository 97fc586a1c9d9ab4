"""What the events app adds to a front-end cache purge (see home/frontend_cache.py).

An event shows on the city-wide events index (upcoming or past) and in its iCal feed wherever
the event lives; the index's department filter lists every department.
"""

from wagtail import hooks

from departments.models import DepartmentPage
from events.models import EventIndexPage, EventPage


@hooks.register("frontend_cache_related")
def event_listings(page):
    if isinstance(page, EventPage | DepartmentPage):
        return EventIndexPage.objects.live()
    return ()

"""Helpers every city-wide listing shares: paging, query parameters, the department and topic filter.

The FAQ, news, events, services and directory index pages all filter by ``?department=<slug>``
and ``?topic=<tag slug>`` and page through the result. The department page model sits above
this layer, so it is looked up by name (``apps.get_model``).
"""

from django.apps import apps
from django.core.paginator import Paginator


def paginate(request, queryset, per_page=20):
    """The requested page of ``queryset``; bad or out-of-range numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_value(request, name, max_length=100):
    """A GET parameter cut to ``max_length``, without NUL bytes: PostgreSQL refuses them in queries."""
    return request.GET.get(name, "")[:max_length].replace("\x00", "")


def live_departments():
    return apps.get_model("departments", "DepartmentPage").objects.live().public().order_by("title")


def selected_department(request):
    """The department chosen with ?department=<slug>, or None."""
    slug = query_value(request, "department")
    if not slug:
        return None
    return live_departments().filter(slug=slug).first()


def filter_by_department_and_topic(request, pages):
    """Narrow a city-wide listing to ``?department=<slug>`` (its subtree) and ``?topic=<tag slug>``.

    Shared by the FAQ, news and events index pages. Returns ``(pages, department, topic)``;
    an unknown department filters nothing, an unknown topic finds nothing.
    """
    department = selected_department(request)
    if department:
        pages = pages.descendant_of(department)
    topic = query_value(request, "topic")
    if topic:
        pages = pages.filter(tags__slug=topic).distinct()
    return pages, department, topic

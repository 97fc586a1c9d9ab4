"""Which slice of the city a feed or calendar subscription follows: ``?department=`` and ``?topic=``.

Listing pages forgive a bad filter (an unknown department filters nothing, see
``departments.models.filter_by_department_and_topic``): a person sees the result and can change it.
A feed is read by a program that keeps its URL for years, so a typo must not quietly become
"everything the city publishes": an unknown department or topic is a 404, and so is any value no
slug could be (too long, NUL bytes). The same two parameters as the listings, so a listing's feed
is its own URL's query string on the feed's path.

Listing-helper layer (it sits with ``filter_by_department_and_topic``): news and events use it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404

from departments.models import DepartmentPage, live_departments

#: No department or tag slug is longer (Wagtail's slug and taggit's slug are 255; ours are far shorter).
MAX_SLUG = 255


@dataclass(frozen=True)
class FeedScope:
    department: DepartmentPage | None = None
    #: The taggit ``Tag`` of the topic, or None.
    topic: object | None = None

    def narrow(self, pages):
        """``pages`` in the department's subtree (its nearest-department pages) and with the topic."""
        if self.department is not None:
            pages = pages.descendant_of(self.department)
        if self.topic is not None:
            pages = pages.filter(tags=self.topic).distinct()
        return pages

    @property
    def query_string(self):
        """``?department=…&topic=…`` for this scope, or ""."""
        params = {}
        if self.department is not None:
            params["department"] = self.department.slug
        if self.topic is not None:
            params["topic"] = self.topic.slug
        return f"?{urlencode(params)}" if params else ""

    def describe(self, noun):
        """``noun`` narrowed in words, e.g. "News from Parks about Trails"."""
        words = noun
        if self.department is not None:
            words += f" from {self.department.title}"
        if self.topic is not None:
            words += f" about {self.topic.name}"
        return words


def _param(request, name):
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise Http404(f"Give one {name}.")
    value = values[0] if values else ""
    if len(value) > MAX_SLUG or "\x00" in value:
        raise Http404(f"No such {name}.")
    return value.strip()


def feed_scope(request, tagged_item_model):
    """The scope ``request`` asks for, or Http404 for a department or topic that does not exist.

    ``tagged_item_model`` is the through model of the feed's page type (``NewsPageTag``): a topic
    exists for a feed when at least one page of that type has ever carried it.
    """
    department = topic = None
    department_slug = _param(request, "department")
    if department_slug:
        department = live_departments().filter(slug=department_slug).first()
        if department is None:
            raise Http404("No such department.")
    topic_slug = _param(request, "topic")
    if topic_slug:
        item = tagged_item_model.objects.filter(tag__slug=topic_slug).select_related("tag").first()
        if item is None:
            raise Http404("No such topic.")
        topic = item.tag
    return FeedScope(department=department, topic=topic)


def listing_scope(department, topic_slug, tagged_item_model):
    """The feed scope matching a listing's filters, leaving out a topic no page carries (no 404 here)."""
    topic = None
    if topic_slug:
        item = tagged_item_model.objects.filter(tag__slug=topic_slug).select_related("tag").first()
        topic = item.tag if item is not None else None
    return FeedScope(department=department, topic=topic)

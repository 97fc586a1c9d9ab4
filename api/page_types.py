"""The page types the API names, by a short, stable slug (``?type=service``).

The slug is part of the v1 contract, so it is written out here rather than derived from
class names that a refactor may change.
"""

from enum import Enum

from departments.models import (
    ContactPage,
    DepartmentIndexPage,
    DepartmentPage,
    DirectoryPage,
    FAQIndexPage,
    FAQPage,
    ServiceIndexPage,
    ServicePage,
)
from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage

MODELS = {
    "home": HomePage,
    "standard": StandardPage,
    "department-index": DepartmentIndexPage,
    "department": DepartmentPage,
    "service-index": ServiceIndexPage,
    "service": ServicePage,
    "faq-index": FAQIndexPage,
    "faq": FAQPage,
    "directory": DirectoryPage,
    "contact": ContactPage,
    "news-index": NewsIndexPage,
    "news": NewsPage,
    "event-index": EventIndexPage,
    "event": EventPage,
    "form": FormPage,
}
SLUGS = {model: slug for slug, model in MODELS.items()}

#: The ``type`` parameter's values, so the OpenAPI schema lists them.
PageType = Enum("PageType", {slug.replace("-", "_"): slug for slug in MODELS}, type=str)


def slug_of(page):
    return SLUGS.get(type(page), "standard")

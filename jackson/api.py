"""Read-only JSON for apps, chatbots and voice assistants (Wagtail API v2).

Only live, public pages are exposed; the endpoints are read-only by design.

Wagtail's v2 endpoints pass some parameters straight to the database or the
search backend, so malformed ones became 500s (an unmatched ``"`` or a NUL in
``search``, a thousand-word search, ``search_operator=xyz``, ``start=abc`` on
events, ``find/?id=abc``, an offset too large for the database). ``ParameterChecks`` refuses them first with a 400 and
a message saying what was wrong, as Wagtail does for the parameters it checks.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from search.text import clean_query

#: Characters a search may have (more than the site's search box allows; API clients paste).
MAX_SEARCH_CHARACTERS = 1000
#: Search words the backends are asked to combine at most (each becomes a nested query term).
MAX_SEARCH_WORDS = 32
#: The largest offset a database is asked for (SQLite refuses integers beyond 64 bits).
MAX_OFFSET = 2**31
#: Fields whose filter values Wagtail passes to the database unconverted.
CONVERTED_FIELDS = (models.DateField, models.TimeField, models.DecimalField, models.FloatField, models.UUIDField)


def check_no_nul(params):
    for name, value in params.items():
        if "\x00" in value or "\x00" in name:
            raise BadRequestError(f"{name} error: null characters are not allowed")


def check_search(params):
    if "search" not in params:
        return
    search = params["search"]
    if search and not clean_query(search)[0]:
        # Only spaces or control characters: the search backend builds no query from them and fails.
        raise BadRequestError("search error: the search has no words")
    if len(search) > MAX_SEARCH_CHARACTERS:
        raise BadRequestError(f"search error: keep the search to {MAX_SEARCH_CHARACTERS} characters or fewer")
    if len(search.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(f"search error: keep the search to {MAX_SEARCH_WORDS} words or fewer")
    if search.count('"') % 2:
        raise BadRequestError('search error: a double quote (") is not closed')
    if params.get("search_operator", "or") not in ("and", "or"):
        raise BadRequestError("search_operator error: use 'and' or 'or'")


def check_field_filters(params, model):
    for name, value in params.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, CONVERTED_FIELDS):
            try:
                field.to_python(value)
            except ValidationError as error:
                raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error


class ParameterChecks:
    """Refuse malformed query parameters with a 400 before they reach the database."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        check_no_nul(params)
        offset = params.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset error: offset must be {MAX_OFFSET} or less")
        check_search(params)
        check_field_filters(params, queryset.model)

    def find_object(self, queryset, request):
        check_no_nul(request.GET)  # PostgreSQL refuses NUL in html_path
        if "id" in request.GET and not (request.GET["id"].isascii() and request.GET["id"].isdigit()):
            raise BadRequestError("id error: the id must be a whole number")
        return super().find_object(queryset, request)


class JacksonPagesAPIViewSet(ParameterChecks, PagesAPIViewSet):
    pass


class JacksonImagesAPIViewSet(ParameterChecks, ImagesAPIViewSet):
    pass


class JacksonDocumentsAPIViewSet(ParameterChecks, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", JacksonPagesAPIViewSet)
api_router.register_endpoint("images", JacksonImagesAPIViewSet)
api_router.register_endpoint("documents", JacksonDocumentsAPIViewSet)

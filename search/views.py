"""Site search: one query over every page type.

A first slice; the search issue grows this into facets, suggestions, best
bets and synonyms.
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search(request):
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = Paginator(pages, 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "query_truncated": truncated},
    )

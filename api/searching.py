"""``/search/``: the site search's own engine, so synonyms, best bets and facets match the website."""

from ninja import Query, Router

from api import serialise
from api.listing import department_by_slug
from api.params import QueryText, Slug
from api.schemas import Error, SearchResults
from search import engine
from search.text import clean_query
from search.views import promotions_for

router = Router(tags=["search"])

#: Results per page at most (the site shows 10).
MAX_PER_PAGE = 50
#: Deepest page of results served.
MAX_PAGE = 100


def _nothing(query, limit):
    return {
        "query": query,
        "count": 0,
        "page": 1,
        "limit": limit,
        "matched_any_word": False,
        "best_bets": [],
        "type_facets": [],
        "department_facets": [],
        "items": [],
    }


@router.get("/search/", response={200: SearchResults, 400: Error, 429: Error}, summary="Search every page")
def search(
    request,
    q: QueryText = Query(..., description="What to search for, as a resident would type it."),
    type: str | None = Query(None, max_length=40, pattern=r"^[-a-z]+$", description="A type facet's slug."),
    department: Slug | None = Query(None, description="A department facet's slug."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(10, ge=1, le=MAX_PER_PAGE),
):
    """Results come ten (``limit``) to a page; ``page`` past the last gives the last, as on the site."""
    query, _ = clean_query(q)
    types = engine.type_filters()
    context = serialise.Context.for_request(request)
    chosen = department_by_slug(context, department) if department else None
    if (type and type not in types) or (department and chosen is None):
        # As in the other lists: a type or department that does not exist matches nothing.
        return _nothing(query, limit)
    outcome = engine.search(
        query,
        page_types=types[type][1] if type else None,
        department=chosen,
        page_number=page,
        per_page=limit,
        department_list=context.departments,
    )
    results = outcome.results
    best_bets = promotions_for(query) if results.number == 1 else []
    return {
        "query": query,
        "count": outcome.total,
        "page": results.number,
        "limit": limit,
        "matched_any_word": outcome.matched_any_word,
        "best_bets": best_bets,
        "type_facets": [
            {"slug": slug, "label": label, "count": outcome.type_counts[slug]}
            for slug, (label, _models) in types.items()
            if outcome.type_counts.get(slug)
        ],
        "department_facets": [
            {"slug": d.slug, "label": d.title, "count": outcome.department_counts[d.pk]}
            for d in context.departments
            if outcome.department_counts.get(d.pk)
        ],
        "items": [serialise.card(context, result) for result in results.object_list],
    }

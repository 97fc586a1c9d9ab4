"""The site search page and the header box's suggestions.

The view only reads the request and shapes the answer; the searching is in
``search.engine`` and the query handling in ``search.text`` / ``search.query``.
"""

import json
import logging
from datetime import timedelta

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core import freshness, page_keeping
from events.models import attach_listed_dates
from search import engine, kept_pages, stat_buffer
from search.text import clean_query, normalise_for_analytics

SUGGEST_MAX_LENGTH = 100

logger = logging.getLogger("search")


def promoted_queries():
    """The (normalised) queries that have best bets, kept under ``core.freshness.version()``.

    Most searches have none, and asking the database cost every search a query; saving or
    deleting a best bet forgets the list (search/apps.py).
    """
    return freshness.kept(
        "search:promoted-queries",
        engine.answer_seconds() or 60,
        lambda: set(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions_for(query):
    """Best bets for this exact (normalised) query: live public pages or external links."""
    if not query:
        return []
    normalised = normalise_query_string(query)
    if normalised not in promoted_queries():
        return []
    promotions = SearchPromotion.objects.filter(query__query_string=normalised).select_related("page")
    public_ids = None
    chosen = []
    for promotion in promotions.order_by("sort_order", "pk"):
        if promotion.page_id:
            if public_ids is None:
                page_ids = [p.page_id for p in promotions if p.page_id]
                public_ids = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
            if promotion.page_id not in public_ids:
                continue
            chosen.append(
                {
                    "title": promotion.page.title,
                    "url": promotion.page.url,
                    "description": promotion.description,
                    "external": False,
                    "page_id": promotion.page_id,
                }
            )
        elif promotion.external_link_url:
            chosen.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                    "external": True,
                    "page_id": None,
                }
            )
    return chosen


def safe_json(data):
    """JSON with <, > and & escaped, so no browser can ever read it as markup."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page_number(request):
    value = request.GET.get("page", "1")[:10]
    # isascii(): "²" and other Unicode digits pass isdigit() but not int().
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1


@require_GET
def search(request):
    """The search page; an anonymous repeat of a recent search is served from a kept copy.

    Two kinds of copy, both served only after one query confirms that every page the results
    list is still live, public and unexpired, and both counted in the search analytics on every
    serve: the site's page cache (jackson/page_cache.py) keeps the whole response, checked by
    ``search.wagtail_hooks.search_page_still_true`` before its middleware stack runs, and behind
    it ``search.kept_pages`` keeps the rendered page for when the page cache is off. Neither is
    ever left to a browser or CDN (``private, no-cache``): a copy served there would go uncounted.
    """
    keeping = kept_pages.applies(request)
    kept = kept_pages.recall(request) if keeping else None
    if kept is not None:
        response, page_ids, stat = kept
    else:
        response, page_ids, stat = _search_page(request)
        if keeping:
            response.render()
            kept_pages.keep(request, response, page_ids, stat)
    if keeping:
        page_keeping.check_on_serve(request, kept_pages.CHECK, {"page_ids": sorted(set(page_ids)), "stat": stat})
        page_keeping.keep_here_only(request)
        page_keeping.keep_until(request, timezone.now() + timedelta(seconds=engine.answer_seconds()))
    else:
        page_keeping.keep_out(request, "search pages are kept for anonymous visitors only")
    if stat:
        _after_sending(response, stat_buffer.count, *stat)
    return response


def _after_sending(response, task, *args):
    """Run ``task(*args)`` when the server closes the response, after it has sent the body.

    Why: counting a search for the analytics is a transaction of its own (about 1.3 ms), and
    the resident need not wait for it. WSGI servers (and Django's test client) call
    ``close()`` once the body is written; Django's own closing (``request_finished``) follows,
    so the task still runs inside the request's database handling. A failure is logged: the
    page has been sent.
    """
    close = response.close

    def run_then_close():
        try:
            task(*args)
        except Exception:  # noqa: BLE001 - statistics must never turn a sent page into an error
            logger.exception("Search analytics not recorded")
        finally:
            close()

    response.close = run_then_close


def _search_page(request):
    """Render the page: (response, ids of the pages it lists, analytics to record or None)."""
    query, truncated = clean_query(request.GET.get("q", ""))
    types = engine.type_filters()
    departments = engine.departments()
    notices = []

    type_slug = request.GET.get("type", "")[:40]
    if type_slug and type_slug not in types:
        notices.append("We did not recognise that type filter, so we searched every type of page.")
        type_slug = ""
    department_slug = request.GET.get("department", "")[:100]
    department = next((d for d in departments if d.slug == department_slug), None) if department_slug else None
    if department_slug and department is None:
        notices.append("We did not recognise that department filter, so we searched every department.")
        department_slug = ""

    context = {
        "search_query": query,
        "query_truncated": truncated,
        "notices": notices,
        "search_results": None,
        "promotions": [],
        "selected_type": type_slug,
        "selected_department": department,
    }
    page_number = _page_number(request)
    page_ids, stat = [], None
    if query:
        outcome = engine.search(
            query,
            page_types=types[type_slug][1] if type_slug else None,
            department=department,
            page_number=page_number,
            department_list=departments,
        )
        context.update(
            search_results=outcome.results,
            total=outcome.total,
            matched_any_word=outcome.matched_any_word,
            promotions=promotions_for(query) if page_number == 1 else [],
            type_facets=[
                {"slug": slug, "label": label, "count": outcome.type_counts[slug]}
                for slug, (label, _models) in types.items()
                if outcome.type_counts.get(slug)
            ],
            department_facets=[
                {"department": d, "count": outcome.department_counts[d.pk]}
                for d in departments
                if outcome.department_counts.get(d.pk)
            ],
            selected_type_label=types[type_slug][0] if type_slug else "",
            departments=departments,
        )
        # An event result shows its next date: one query for all of them.
        attach_listed_dates(outcome.results.object_list)
        page_ids = [page.pk for page in outcome.results.object_list]
        page_ids += [promotion["page_id"] for promotion in context["promotions"] if promotion["page_id"]]
        if page_number == 1 and not type_slug and not department:
            stat = (normalise_for_analytics(query), outcome.total == 0 and not context["promotions"])
    response = TemplateResponse(request, "search/search.html", context)
    if query:
        response.headers["X-Robots-Tag"] = "noindex"
    return response, page_ids, stat


@require_GET
def suggest(request):
    """JSON title suggestions for the header box: ``{"query": …, "results": [{title, url, type}]}``."""
    query, _ = clean_query(request.GET.get("q", "")[: SUGGEST_MAX_LENGTH * 4])
    query = query[:SUGGEST_MAX_LENGTH]
    results = []
    if len(query) >= 2:
        for page in engine.suggest(query):
            url = page.url
            if url:
                results.append(
                    {"title": page.title, "url": url, "type": getattr(page.specific_class, "type_label", "Page")}
                )
    response = HttpResponse(safe_json({"query": query, "results": results}), content_type="application/json")
    patch_cache_control(response, public=True, max_age=60)
    return response

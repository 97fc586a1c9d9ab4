"""One query over every page type, with filters, facets and a safe fallback.

Everything the search page needs comes from here, so the view stays thin and
the benchmark can time the backend without HTTP:

- on PostgreSQL's database backend the whole search is one SQL statement
  (``search.one_statement``), which applies the same visibility rule itself;
- elsewhere the base queryset is ``Page.objects.live().public()`` minus pages
  past their expiry date (in case ``publish_scheduled`` has not run yet), then
  ``.specific()`` *before* ``.search()``;
- the query is built by ``search.query`` (tokens, synonyms, plural forms):
  every concept must match; if nothing does, any concept will do;
- facets (counts by type and by department) are computed in SQL on the
  database backends, and from the hits on Elasticsearch/OpenSearch;
- if the configured cluster fails, we log a warning, use the ``database``
  backend (kept up to date alongside it) and remember the failure for a
  short while so the next residents do not each wait for a timeout.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.text import slugify
from modelsearch.backends import get_search_backend
from wagtail.models import Page, get_page_models

from core import freshness
from search import one_statement, ranking
from search.models import synonym_groups
from search.query import build_query

logger = logging.getLogger("search")

CLUSTER_DOWN_CACHE_KEY = "search:cluster-down"
CLUSTER_RETRY_SECONDS = 30
#: On Elasticsearch/OpenSearch, department counts come from at most this many hits.
CLUSTER_FACET_HITS = 1000
PER_PAGE = 10
#: With fewer pages than this matching every word, pages matching some words follow them.
FEW_RESULTS = 3


class AllWordsFirst:
    """Pages matching every word, then the other pages matching any word, as one sliceable sequence.

    ``strict`` is the short list of all-word matches; ``loose`` the any-word
    search results (which include them). The Paginator only needs ``count()``
    and slicing.
    """

    def __init__(self, strict, loose, loose_total):
        self.strict = strict
        self.loose = loose
        self.total = loose_total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start = key.start or 0
        stop = min(key.stop if key.stop is not None else self.total, self.total)
        strict_ids = {page.pk for page in self.strict}
        # Exact rather than clever: the any-word pages up to ``stop`` (plus the few all-word
        # ones that appear among them again), which is one short query for the first pages.
        rest = [
            page
            for page in self.loose[: max(0, stop - len(self.strict)) + len(strict_ids)]
            if page.pk not in strict_ids
        ]
        return (self.strict + rest)[start:stop]


def answer_seconds():
    """How long a computed answer is kept (``SEARCH_ANSWER_SECONDS``; 0: never)."""
    return getattr(settings, "SEARCH_ANSWER_SECONDS", 60)


def type_filters():
    """``{slug: (label, [models])}`` for every page type label, e.g. ``service``."""
    filters = {}
    for model in get_page_models():
        if model is Page:
            continue
        label = getattr(model, "type_label", "Page")
        slug = slugify(label)
        filters.setdefault(slug, (label, []))[1].append(model)
    return dict(sorted(filters.items(), key=lambda item: item[1][0]))


def departments():
    """Live public departments by title, for the filter and its counts and the API's department links
    (``url_path``, so no page of results or of the API loads it once per department); kept like the answers."""
    from departments.models import DepartmentPage

    return freshness.kept(
        "search:departments",
        answer_seconds() or 60,
        lambda: list(
            DepartmentPage.objects.live()
            .public()
            .order_by("title")
            .only("id", "title", "slug", "path", "depth", "url_path")
        ),
    )


def backend_names():
    """Backends to try, in order: the configured one, then the database fallback."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    names = ["default"]
    if "database" in configured:
        try:
            cluster_down = cache.get(CLUSTER_DOWN_CACHE_KEY)
        except Exception:  # noqa: BLE001 - without the cache, try the cluster every time
            cluster_down = False
        if cluster_down:
            return ["database"]
        names.append("database")
    return names


def _note_cluster_down():
    """Skip the cluster for a while, so the next residents do not each wait for its timeout."""
    try:
        cache.set(CLUSTER_DOWN_CACHE_KEY, True, CLUSTER_RETRY_SECONDS)
    except Exception:  # noqa: BLE001 - the cache is down too: try the cluster again next time
        logger.warning("Cache unavailable; cannot remember that the search cluster is down")


def is_database_backend(name):
    backend = settings.WAGTAILSEARCH_BACKENDS.get(name, {}).get("BACKEND", "")
    return backend.endswith(".database") or backend.startswith("modelsearch.backends.database")


@dataclass
class Scope:
    """What hides a page from search, looked up once per search rather than once per query.

    ``private`` is the condition for pages in a private section (as ``PageQuerySet.public()``
    builds it, which costs a query each time); ``expired`` the live pages past their expiry
    date that ``publish_scheduled`` has not unpublished yet; ``absorbed`` the forms shown
    through their services (``search.ranking``).
    """

    private: Q
    expired: list
    absorbed: list = field(default_factory=list)

    @classmethod
    def now(cls):
        expired = list(
            Page.objects.live()
            .filter(expire_at__isnull=False, expire_at__lt=timezone.now())
            .order_by()
            .values_list("pk", flat=True)
        )
        private = Page.objects.all().private_q()
        return cls(private=private, expired=expired, absorbed=ranking.absorbed_forms(private, expired))


def base_queryset(page_types=None, department=None, scope=None):
    scope = scope or Scope.now()
    pages = Page.objects.live().exclude(scope.private)
    if scope.expired:
        pages = pages.exclude(pk__in=scope.expired)
    if scope.absorbed:  # a form its service shows as its action is found through the service (search.ranking)
        pages = pages.exclude(pk__in=scope.absorbed)
    if page_types:
        pages = pages.type(*page_types)
    if department is not None:
        pages = pages.descendant_of(department, inclusive=True)
    return pages


@dataclass
class Outcome:
    results: object = None  # a Paginator page of specific pages
    total: int = 0
    matched_any_word: bool = False
    backend: str = "default"
    degraded: bool = False
    type_counts: dict = field(default_factory=dict)  # slug -> count
    department_counts: dict = field(default_factory=dict)  # department pk -> count


def _count_by_type(results, name, type_slugs_by_ct):
    counts = {}
    if is_database_backend(name):
        rows = results.get_queryset().order_by().values("content_type").annotate(n=Count("pk"))
        pairs = [(row["content_type"], row["n"]) for row in rows]
    else:
        pairs = list(results.facet("content_type_id").items())
    for content_type_id, n in pairs:
        slug = type_slugs_by_ct.get(content_type_id)
        if slug:
            counts[slug] = counts.get(slug, 0) + n
    return counts


def _count_both(results, name, slugs_by_ct, department_list):
    """The total, type counts and department counts from one GROUP BY over the (database backend) results."""
    by_path = {department.path: department.pk for department in department_list}
    lengths = {len(path) for path in by_path} or {0}
    length = min(lengths)
    rows = (
        results.get_queryset()
        .order_by()
        .annotate(prefix=Substr("path", 1, length))
        .values("content_type", "prefix")
        .annotate(n=Count("pk"))
    )
    cells = {(row["content_type"], row["prefix"]): row["n"] for row in rows}
    total, type_counts, department_counts = _tally(cells, None, None, slugs_by_ct, department_list)
    if len(lengths) > 1:  # departments at several depths (unusual): count them the general way
        department_counts = _count_by_department(results, name, department_list)
    return total, type_counts, department_counts


def _count_by_department(results, name, department_list):
    by_path = {department.path: department.pk for department in department_list}
    counts = {}
    if not by_path:
        return counts
    if is_database_backend(name):
        queryset = results.get_queryset().order_by()
        for length in sorted({len(path) for path in by_path}):
            rows = (
                queryset.annotate(path_length=Length("path"))
                .filter(path_length__gte=length)
                .annotate(prefix=Substr("path", 1, length))
                .values("prefix")
                .annotate(n=Count("pk"))
            )
            for row in rows:
                if row["prefix"] in by_path:
                    pk = by_path[row["prefix"]]
                    counts[pk] = counts.get(pk, 0) + row["n"]
    else:
        paths = [page.path for page in results[:CLUSTER_FACET_HITS]]
        for path in paths:
            for department_path, pk in by_path.items():
                if path.startswith(department_path):
                    counts[pk] = counts.get(pk, 0) + 1
    return counts


def needs_word_forms(name):
    """Only SQLite's FTS5 lacks stemming; every other backend finds "permits" for "permit" itself."""
    return is_database_backend(name) and connection.vendor == "sqlite"


class Counted:
    """Search results whose total is already known (from the facet query), so nobody counts them again."""

    def __init__(self, results, total):
        self.results = results
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.results[key]


class Remembered:
    """One page of results (kept, or from search.one_statement): the Paginator sees the total and that page.

    Only that page is known: any slice is it, and iterating yields it (nothing past its end).
    """

    def __init__(self, total, pages):
        self.total = total
        self.pages = pages

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.pages
        return self.pages[key]

    def __iter__(self):
        return iter(self.pages)


def _slugs_by_content_type():
    from django.contrib.contenttypes.models import ContentType

    slugs_by_ct = {}
    for slug, (_label, models) in type_filters().items():
        for content_type in ContentType.objects.get_for_models(*models, for_concrete_models=False).values():
            slugs_by_ct[content_type.pk] = slug
    return slugs_by_ct


def _run(name, text, groups, page_types, department, page_number, per_page, with_facets, department_list):
    forms = needs_word_forms(name)
    query = build_query(text, groups, match_all=True, forms=forms)
    if query is None:
        # Nothing searchable was typed (only punctuation, say): no results, no error.
        page = Paginator([], per_page).get_page(1)
        return Outcome(results=page, backend=name)
    slugs_by_ct = _slugs_by_content_type() if with_facets else {}
    backend = get_search_backend(name)
    if one_statement.applies(backend, department_list, department):
        try:
            return _run_in_one_statement(
                backend,
                name,
                query,
                text,
                groups,
                page_types,
                department,
                page_number,
                per_page,
                department_list,
                slugs_by_ct,
            )
        except one_statement.Unsupported:
            pass  # a query node the statement does not know: modelsearch's own path below
    scope = Scope.now()
    pages = base_queryset(page_types, department, scope).specific()
    # No filter chosen: the total and both facets come from one grouped query over the same pages.
    one_pass = with_facets and page_types is None and department is None and is_database_backend(name)

    def run(query):
        results = pages.search(query, backend=name)
        if not one_pass:
            return results, results.count(), None
        unfiltered = base_queryset(scope=scope).search(query, backend=name, order_by_relevance=False)
        total, type_counts, department_counts = _count_both(unfiltered, name, slugs_by_ct, department_list)
        return Counted(results, total), total, (type_counts, department_counts)

    results, total, facets = run(query)
    matched_any_word = False
    if total < FEW_RESULTS:
        loose = build_query(text, groups, match_all=False, forms=forms)
        if repr(loose) != repr(query):
            loose_results, loose_total, loose_facets = run(loose)
            if loose_total > total:
                matched_any_word = total == 0
                results = AllWordsFirst(list(results[:FEW_RESULTS]), loose_results, loose_total)
                total, query, facets = loose_total, loose, loose_facets
    paginator = Paginator(results, per_page)
    page = paginator.get_page(page_number)
    page.object_list = ranking.load_actions(list(page.object_list))
    outcome = Outcome(results=page, total=total, matched_any_word=matched_any_word, backend=name)
    if facets is not None:
        outcome.type_counts, outcome.department_counts = facets
    elif with_facets and total:
        unfiltered_type = base_queryset(None, department, scope).search(query, backend=name, order_by_relevance=False)
        outcome.type_counts = _count_by_type(unfiltered_type, name, slugs_by_ct)
        unfiltered_department = base_queryset(page_types, None, scope).search(
            query, backend=name, order_by_relevance=False
        )
        outcome.department_counts = _count_by_department(unfiltered_department, name, department_list)
    return outcome


def _tally(cells, type_ids, department_path, slugs_by_ct, department_list):
    """The filtered total, and each facet counted with the other filter alone.

    ``cells`` holds the number of hits per (content type id, department path prefix), from the
    one statement or the ORM's grouped query (``_count_both``).
    """
    by_path = {department.path: department.pk for department in department_list}
    total, type_counts, department_counts = 0, {}, {}
    for (content_type_id, prefix), n in cells.items():
        type_ok = type_ids is None or content_type_id in type_ids
        department_ok = department_path is None or prefix == department_path
        if type_ok and department_ok:
            total += n
        slug = slugs_by_ct.get(content_type_id)
        if slug and department_ok:
            type_counts[slug] = type_counts.get(slug, 0) + n
        pk = by_path.get(prefix)
        if pk and type_ok:
            department_counts[pk] = department_counts.get(pk, 0) + n
    return total, type_counts, department_counts


def _run_in_one_statement(
    backend, name, query, text, groups, page_types, department, page_number, per_page, department_list, slugs_by_ct
):
    """``_run`` on PostgreSQL's database backend: one statement per query (see search.one_statement).

    Same answer as the ORM path (every word first, then any word when fewer than
    ``FEW_RESULTS`` pages match them all; an out-of-range page number shows the last page).
    ``query`` is the every-word query ``_run`` built (PostgreSQL stems, so no word forms).
    """
    type_ids = one_statement.content_type_ids(page_types) if page_types else None
    department_path = department.path if department is not None else None
    prefix_length = len(department_list[0].path) if department_list else 0

    def ask(query, offset, limit):
        hits = one_statement.run(
            backend,
            query,
            offset=offset,
            limit=limit,
            type_ids=type_ids,
            department_path=department_path,
            prefix_length=prefix_length,
        )
        return hits, _tally(hits.cells, type_ids, department_path, slugs_by_ct, department_list)

    offset = (page_number - 1) * per_page
    hits, (total, type_counts, department_counts) = ask(query, offset, per_page)
    ranked, ranked_from = hits.ranked, offset  # ``ranked`` lists the results from position ``ranked_from``
    matched_any_word = False
    if total < FEW_RESULTS:
        loose = build_query(text, groups, match_all=False, forms=False)
        if repr(loose) != repr(query):
            strict = hits.ranked if offset == 0 else ask(query, 0, FEW_RESULTS)[0].ranked
            strict = strict[:FEW_RESULTS]
            loose_hits, loose_counts = ask(loose, 0, offset + per_page + len(strict))
            if loose_counts[0] > total:
                matched_any_word = total == 0
                total, type_counts, department_counts = loose_counts
                ranked = strict + [item for item in loose_hits.ranked if item not in strict]
                ranked_from = 0
    last_page = max(1, -(-total // per_page))
    if page_number > last_page:  # past the end (an old link): the last page, as Paginator.get_page does
        page_number, offset = last_page, (last_page - 1) * per_page
        if ranked_from:
            ranked, ranked_from = ask(query, offset, per_page)[0].ranked, offset
    ranked = ranked[offset - ranked_from : offset - ranked_from + per_page]
    return _known_page(
        total,
        one_statement.specific_pages(ranked),
        page_number,
        per_page,
        matched_any_word=matched_any_word,
        backend=name,
        type_counts=type_counts,
        department_counts=department_counts,
    )


def _known_page(total, pages, page_number, per_page, **outcome):
    """An ``Outcome`` for one known page of results (from the statement, or kept) out of ``total``."""
    page = Paginator(Remembered(total, pages), per_page).get_page(page_number)
    page.object_list = ranking.load_actions(list(page.object_list))
    return Outcome(results=page, total=total, **outcome)


def _answer_key(text, page_types, department, page_number, per_page, with_facets):
    parts = [
        freshness.version(),
        " ".join(text.lower().split()),
        ",".join(sorted(model._meta.label for model in page_types or [])),
        department.pk if department is not None else "",
        page_number,
        per_page,
        int(with_facets),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"search:answer:{digest}"


def _remember(key, outcome):
    if outcome.degraded or outcome.results is None:
        return  # never keep an answer from the fallback: the cluster may be back in a moment
    answer = {
        "ids": [page.pk for page in outcome.results.object_list],
        "number": outcome.results.number,
        "total": outcome.total,
        "matched_any_word": outcome.matched_any_word,
        "backend": outcome.backend,
        "type_counts": outcome.type_counts,
        "department_counts": outcome.department_counts,
    }
    try:
        cache.set(key, answer, answer_seconds())
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable; search answer not kept", exc_info=True)


#: ``visible_content_types`` in SQL written once: the ORM took about 4 ms to build the same statement
#: (annotations, ``Exists``, ``OuterRef``), three times what the database took to run it, on every
#: kept search page served. The same filters as ``Page.objects.live()``, an ``expire_at`` not yet
#: past, and no view restriction on the page or any ancestor (a restricted page's path is a prefix).
_VISIBLE_SQL = (
    'SELECT "wagtailcore_page"."id", "wagtailcore_page"."content_type_id" FROM "wagtailcore_page" '
    'WHERE "wagtailcore_page"."live" = %s AND "wagtailcore_page"."id" IN ({ids}) '
    'AND ("wagtailcore_page"."expire_at" IS NULL OR "wagtailcore_page"."expire_at" >= %s) '
    'AND NOT EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction" r '
    'INNER JOIN "wagtailcore_page" rp ON rp."id" = r."page_id" '
    'WHERE SUBSTR("wagtailcore_page"."path", 1, LENGTH(rp."path")) = rp."path")'
)


def visible_content_types(page_ids):
    """``{id: content type id}`` of those pages that are live, unexpired and in no private section: one query.

    For kept answers and kept pages, which must never show a page hidden since (even by a bulk
    update that sent no signal).
    """
    ids = sorted({int(pk) for pk in page_ids})
    if not ids:
        return {}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_VISIBLE_SQL.format(ids=", ".join(["%s"] * len(ids))), [True, *ids, now])
        return dict(cursor.fetchall())


def _recall(answer, per_page):
    """The cached answer's pages, re-read through the visibility filter, in the cached order."""
    content_types = visible_content_types(answer["ids"])
    ranked = [(pk, content_types[pk]) for pk in answer["ids"] if pk in content_types]
    if connection.vendor == "postgresql":
        pages = one_statement.specific_pages(ranked)
    else:
        found = {page.pk: page for page in Page.objects.filter(pk__in=content_types).specific()}
        pages = [found[pk] for pk, _content_type_id in ranked if pk in found]
    return _known_page(
        answer["total"],
        pages,
        answer["number"],
        per_page,
        matched_any_word=answer["matched_any_word"],
        backend=answer["backend"],
        type_counts=answer["type_counts"],
        department_counts=answer["department_counts"],
    )


def search(
    text,
    page_types=None,
    department=None,
    page_number=1,
    per_page=PER_PAGE,
    with_facets=True,
    department_list=None,
    remember=True,
):
    """Search every live, public, unexpired page; never raises for a cluster outage.

    The answer (the ids of one page of results, the total, the facets) is kept for
    ``answer_seconds()`` under a key with ``core.freshness.version()``: residents ask the same
    few questions, and a broad one ("park") costs far more to rank and count than to render.
    A kept answer's pages are re-read through the live/public/unexpired filter each time.
    """
    remember = remember and answer_seconds() > 0
    key = None
    if remember:
        try:
            key = _answer_key(text, page_types, department, page_number, per_page, with_facets)
            answer = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage costs speed, never the answer
            logger.warning("Cache unavailable; searching without kept answers", exc_info=True)
            key = answer = None
        if answer is not None:
            return _recall(answer, per_page)
    groups = synonym_groups()
    if department_list is None:
        department_list = departments() if with_facets else []
    names = backend_names()
    for position, name in enumerate(names):
        try:
            outcome = _run(
                name, text, groups, page_types, department, page_number, per_page, with_facets, department_list
            )
        except Exception:
            if position == len(names) - 1:
                raise
            logger.warning("Search backend %r failed; answering from the database backend.", name, exc_info=True)
            _note_cluster_down()
            continue
        outcome.degraded = position > 0 or name != "default"
        if key:
            _remember(key, outcome)
        return outcome
    return Outcome()


#: Suggestions are chosen from this many autocomplete matches (see ``suggest``).
SUGGEST_CANDIDATES = 40


def suggest(text, limit=8):
    """Titles starting with what has been typed so far, for the header box.

    The backend's autocomplete ranks by how much of a title the typed prefix covers, so
    "pay" put four FAQs and a form before "Pay your water bill". The best
    ``SUGGEST_CANDIDATES`` matches are put in the order a resident expects (``_suggestion_order``).
    """
    from search.text import tokens

    words = tokens(text)[:6]
    if not words:
        return []
    for position, name in enumerate(backend_names()):
        try:
            pages = base_queryset().autocomplete(" ".join(words), backend=name)
            candidates = list(pages[: max(limit, SUGGEST_CANDIDATES)])
            return _suggestion_order(candidates, words)[:limit]
        except Exception:
            if position == len(backend_names()) - 1:
                raise
            logger.warning("Search backend %r failed on autocomplete; trying the database backend.", name)
            _note_cluster_down()
    return []


def _suggestion_order(pages, words):
    """By the page type's weight, doubled for a title that begins with the typed words; then whole-word matches.

    Within each, the backend's own order. The last typed word may be unfinished, so it
    counts as a prefix; the others must be whole words of the title.
    """
    from search.text import tokens

    weights = ranking.type_weights()

    def key(item):
        position, page = item
        title = tokens(page.title)
        begins = len(title) >= len(words) and all(
            title[i] == word if i < len(words) - 1 else title[i].startswith(word) for i, word in enumerate(words)
        )
        whole = sum(word in title for word in words)
        return (-weights.get(page.content_type_id, 1.0) * (2 if begins else 1), -whole, position)

    return [page for _position, page in sorted(enumerate(pages), key=key)]

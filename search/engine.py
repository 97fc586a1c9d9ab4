"""One query over every page type, with filters, facets and a safe fallback.

Everything the search page needs comes from here, so the view stays thin and
the benchmark can time the backend without HTTP:

- the base queryset is ``Page.objects.live().public()`` minus pages past
  their expiry date (in case ``publish_scheduled`` has not run yet), then
  ``.specific()`` *before* ``.search()``;
- the query is built by ``search.query`` (tokens, synonyms, plural forms):
  every concept must match; if nothing does, any concept will do;
- facets (counts by type and by department) are computed in SQL on the
  database backends, and from the hits on Elasticsearch/OpenSearch;
- if the configured cluster fails, we log a warning, use the ``database``
  backend (kept up to date alongside it) and remember the failure for a
  short while so the next residents do not each wait for a timeout.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, get_page_models

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
    from departments.models import DepartmentPage

    return list(DepartmentPage.objects.live().public().order_by("title").only("id", "title", "slug", "path", "depth"))


def backend_names():
    """Backends to try, in order: the configured one, then the database fallback."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    names = ["default"]
    if "database" in configured:
        if cache.get(CLUSTER_DOWN_CACHE_KEY):
            return ["database"]
        names.append("database")
    return names


def is_database_backend(name):
    backend = settings.WAGTAILSEARCH_BACKENDS.get(name, {}).get("BACKEND", "")
    return backend.endswith(".database") or backend.startswith("modelsearch.backends.database")


def base_queryset(page_types=None, department=None):
    pages = Page.objects.live().public()
    expired = list(
        Page.objects.live().filter(expire_at__isnull=False, expire_at__lt=timezone.now()).values_list("pk", flat=True)
    )
    if expired:
        pages = pages.exclude(pk__in=expired)
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
    """Type and department counts from one GROUP BY over the (database backend) results."""
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
    type_counts, department_counts = {}, {}
    for row in rows:
        slug = slugs_by_ct.get(row["content_type"])
        if slug:
            type_counts[slug] = type_counts.get(slug, 0) + row["n"]
        pk = by_path.get(row["prefix"])
        if pk:
            department_counts[pk] = department_counts.get(pk, 0) + row["n"]
    if len(lengths) > 1:  # departments at several depths (unusual): count them the general way
        department_counts = _count_by_department(results, name, department_list)
    return type_counts, department_counts


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


def _run(name, text, groups, page_types, department, page_number, per_page, with_facets, department_list):
    forms = needs_word_forms(name)
    query = build_query(text, groups, match_all=True, forms=forms)
    if query is None:
        # Nothing searchable was typed (only punctuation, say): no results, no error.
        page = Paginator([], per_page).get_page(1)
        return Outcome(results=page, backend=name)
    pages = base_queryset(page_types, department).specific()
    results = pages.search(query, backend=name)
    total = results.count()
    matched_any_word = False
    if total < FEW_RESULTS:
        loose = build_query(text, groups, match_all=False, forms=forms)
        if repr(loose) != repr(query):
            loose_results = pages.search(loose, backend=name)
            loose_total = loose_results.count()
            if loose_total > total:
                matched_any_word = total == 0
                results = AllWordsFirst(list(results[:FEW_RESULTS]), loose_results, loose_total)
                total = loose_total
                query = loose
    paginator = Paginator(results, per_page)
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    outcome = Outcome(results=page, total=total, matched_any_word=matched_any_word, backend=name)
    if with_facets and total:
        type_map = type_filters()
        from django.contrib.contenttypes.models import ContentType

        slugs_by_ct = {}
        for slug, (_label, models) in type_map.items():
            for content_type in ContentType.objects.get_for_models(*models, for_concrete_models=False).values():
                slugs_by_ct[content_type.pk] = slug
        if page_types is None and department is None and is_database_backend(name):
            # No filter chosen: both facets come from the same result set, in one grouped query.
            unfiltered = base_queryset().search(query, backend=name, order_by_relevance=False)
            outcome.type_counts, outcome.department_counts = _count_both(unfiltered, name, slugs_by_ct, department_list)
        else:
            unfiltered_type = base_queryset(None, department).search(query, backend=name, order_by_relevance=False)
            outcome.type_counts = _count_by_type(unfiltered_type, name, slugs_by_ct)
            unfiltered_department = base_queryset(page_types, None).search(
                query, backend=name, order_by_relevance=False
            )
            outcome.department_counts = _count_by_department(unfiltered_department, name, department_list)
    return outcome


def search(text, page_types=None, department=None, page_number=1, per_page=PER_PAGE, with_facets=True):
    """Search every live, public, unexpired page; never raises for a cluster outage."""
    groups = synonym_groups()
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
            cache.set(CLUSTER_DOWN_CACHE_KEY, True, CLUSTER_RETRY_SECONDS)
            continue
        outcome.degraded = position > 0 or name != "default"
        return outcome
    return Outcome()


def suggest(text, limit=8):
    """Titles starting with what has been typed so far, for the header box."""
    from search.text import tokens

    words = tokens(text)[:6]
    if not words:
        return []
    for position, name in enumerate(backend_names()):
        try:
            pages = base_queryset().autocomplete(" ".join(words), backend=name)
            return list(pages[:limit])
        except Exception:
            if position == len(backend_names()) - 1:
                raise
            logger.warning("Search backend %r failed on autocomplete; trying the database backend.", name)
            cache.set(CLUSTER_DOWN_CACHE_KEY, True, CLUSTER_RETRY_SECONDS)
    return []

"""Search latency at 10,000 pages: through the search page over HTTP, and through the backend alone.

Seeds the demo city plus generated pages (``seed_demo --scale``) up to
``--pages`` pages, then times 20 representative resident queries:

* end to end: GET /search/?q=… against gunicorn (production settings,
  127.0.0.1), one request at a time, each query ``--rounds`` times;
* backend alone: in a Django shell, ``Page.objects.live().public()
  .specific().search(q)`` counted and its first 10 results loaded (what the
  backend costs), and ``search.engine.search`` (that plus synonyms, the
  all-words-first merge and facet counts: what the view costs before
  rendering).

Target: p95 under 50 ms at 10,000 pages on PostgreSQL.

    python bench/search.py --postgres --write     # scratch DB jackson_search_bench, dropped afterwards
    python bench/search.py --sqlite --write
    python bench/search.py --postgres --database-url postgres://…/already_seeded   # skip seeding
"""

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    gunicorn,
    manage,
    production_env,
    replace_section,
    scratch_postgres,
    seed_demo,
    shell_output,
    sqlite_url,
    workdir,
)

BENCH_QUERIES = [
    "pay water bill",
    "pothole",
    "trash pickup schedule",
    "garbage day",
    "Whitfield",
    "601-555-0142",
    "building permit",
    "my garbage wasn't collected",
    "water leak",
    "boil water notice",
    "pick up old couch",
    "youth sports",
    "my car got towed",
    "pay speeding ticket",
    "why is my water bill so high",
    "public records request",
    "street flooding",
    "city council meeting",
    "park",
    "xyzzy nothing matches this",
]


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(samples_ms):
    return {
        "p50": statistics.median(samples_ms),
        "p95": percentile(samples_ms, 0.95),
        "max": max(samples_ms),
        "n": len(samples_ms),
    }


def backend_timings(rounds):
    """Run inside Django (``manage.py shell``): time the backend and the engine per query."""
    from django.db import connection
    from wagtail.models import Page

    from search import engine
    from search.models import synonym_groups
    from search.query import build_query

    groups = synonym_groups()
    forms = engine.needs_word_forms("default")
    backend_ms, engine_ms, warm_ms = [], [], []
    for query in BENCH_QUERIES:  # warm-up: connection, caches, the page-type registry, the answer cache
        engine.search(query)
    for _ in range(rounds):
        for query in BENCH_QUERIES:
            started = time.perf_counter()
            results = Page.objects.live().public().specific().search(build_query(query, groups, forms=forms))
            results.count()
            list(results[:10])
            backend_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            engine.search(query, remember=False)
            engine_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            engine.search(query)
            warm_ms.append((time.perf_counter() - started) * 1000)
    pages = Page.objects.live().count()
    print(
        "BENCH-JSON "
        + json.dumps(
            {
                "vendor": connection.vendor,
                "pages": pages,
                "backend": summary(backend_ms),
                "engine": summary(engine_ms),
                "engine_warm": summary(warm_ms),
            }
        )
    )


def run_backend_timings(env, rounds):
    code = f"from bench.search import backend_timings; backend_timings({int(rounds)})"
    out = shell_output(env, code)
    line = next(line for line in out.splitlines() if line.startswith("BENCH-JSON "))
    return json.loads(line.removeprefix("BENCH-JSON "))


def http_timings(base, rounds):
    samples = []
    for query in BENCH_QUERIES:  # warm-up: every worker imports and connects
        for _ in range(3):
            urllib.request.urlopen(f"{base}/search/?q={urllib.parse.quote(query)}", timeout=30).read()
    for _ in range(rounds):
        for query in BENCH_QUERIES:
            url = f"{base}/search/?q={urllib.parse.quote(query)}"
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                assert response.status == 200
            samples.append((time.perf_counter() - started) * 1000)
    return summary(samples)


def seed(env, pages):
    manage(env, "migrate", "--noinput")
    seed_demo(env)
    code = "from wagtail.models import Page; print(Page.objects.count())"
    out = shell_output(env, code).split()
    missing = pages - int(out[-1])
    if missing > 0:
        seed_demo(env, "--scale", str(missing))


def measure(database_url, pages, rounds, reseed=True):
    wd = workdir()
    env = production_env(database_url, wd)
    if reseed:
        seed(env, pages)
    manage(env, "collectstatic", "--noinput")
    result = run_backend_timings(env, rounds)
    # Every search computed afresh: the answer cache turned off.
    with gunicorn({**env, "SEARCH_ANSWER_SECONDS": "0"}, workers=2) as base:
        result["http"] = http_timings(base, rounds)
    # As deployed at scale: answers kept for a minute in Redis, shared by the workers.
    shared = {"REDIS_URL": "redis://127.0.0.1:6379/1", "CACHE_KEY_PREFIX": f"search-bench-{time.time_ns()}"}
    with gunicorn({**env, **shared}, workers=2) as base:
        result["http_warm"] = http_timings(base, rounds)
    return result


def table(results):
    rows = [
        "| Database | Live pages | Path | p50 (ms) | p95 (ms) | max (ms) | Samples |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    labels = [
        ("http", "GET /search/ over HTTP, every answer computed (`SEARCH_ANSWER_SECONDS=0`)"),
        ("http_warm", "GET /search/ over HTTP, repeated query (answer cached in Redis)"),
        ("engine", "search.engine.search, computed (query, merge, facets)"),
        ("engine_warm", "search.engine.search, cached answer (re-read 10 pages)"),
        ("backend", "backend alone (count + first 10 results)"),
    ]
    for result in results:
        for key, label in labels:
            if key not in result:
                continue
            figures = result[key]
            rows.append(
                f"| {result['vendor']} | {result['pages']:,} | {label} | {figures['p50']:.1f} | "
                f"{figures['p95']:.1f} | {figures['max']:.1f} | {figures['n']} |"
            )
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="measure on a scratch PostgreSQL database")
    parser.add_argument("--sqlite", action="store_true", help="measure on a scratch SQLite database")
    parser.add_argument("--pages", type=int, default=10_000, help="total pages to seed (default 10,000)")
    parser.add_argument("--rounds", type=int, default=10, help="times each of the 20 queries is run (default 10)")
    parser.add_argument("--database-url", help="use this already-seeded database instead of seeding a scratch one")
    parser.add_argument("--write", action="store_true", help="write the figures into BENCHMARKS.md (## Search)")
    args = parser.parse_args()
    if not (args.postgres or args.sqlite):
        args.postgres = args.sqlite = True

    results = []
    if args.database_url:
        results.append(measure(args.database_url, args.pages, args.rounds, reseed=False))
    else:
        if args.postgres:
            with scratch_postgres("jackson_search_bench") as url:
                results.append(measure(url, args.pages, args.rounds))
        if args.sqlite:
            results.append(measure(sqlite_url(workdir()), args.pages, args.rounds))
    print(table(results))
    if args.write:
        write(results)


def write(results):
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else ""
    existing = {}
    marker = "<!-- search-bench-json "
    if marker in text:
        start = text.index(marker) + len(marker)
        existing = json.loads(text[start : text.index(" -->", start)])
    for result in results:
        existing[result["vendor"]] = result
    rounds = next(iter(existing.values()))["http"]["n"] // len(BENCH_QUERIES)
    body = f"""Measured by `python bench/search.py --write` ({time.strftime("%Y-%m-%d")}, 2 cores): the demo city plus
`seed_demo --scale` pages, 20 representative resident queries (bench/search.py `BENCH_QUERIES`), each run
{rounds} times one request at a time. Target: p95 under 50 ms at 10,000 pages on
PostgreSQL.

{table(list(existing.values()))}

Two figures matter. **Computed**: every search ranked, counted and grouped afresh (the server runs with
`SEARCH_ANSWER_SECONDS=0`), which is what a query nobody asked in the last minute costs. **Repeated**: the
server as deployed at scale: answers, and for anonymous visitors the whole results page, kept for a minute
in Redis and shared by the workers, a kept page served after one query confirms every page it lists is
still public (search/kept_pages.py). Residents ask the same few questions, so this is what most searches
cost. The benchmark client runs on the same 2 cores.

What a computed answer costs (see docs/search.md "Speed"): on PostgreSQL one SQL statement
(search/one_statement.py) that matches, hides drafts, private and expired pages, ranks every match with
modelsearch's formula and counts them by type and department, then one query per page type shown (SQL
compiled once per type). The broad queries dominate ("park": 5,322 matches; "city council meeting": 2,854;
"why is my water bill so high", "pick up old couch"): each match is joined to its page and ranked with
`ts_rank` over title and body, about 14 ms of SQL for "park" here; queries with a handful of matches cost 1
to 4 ms. Over HTTP, rendering the results page adds 5 to 6 ms. "Backend alone" is modelsearch through the
ORM (count, then the first ten), the path the site no longer takes on PostgreSQL; it also gains from the
vectors kept inside their rows (search/0006). On SQLite, modelsearch re-ran the full-text match once per matching
page to rank it (seconds for broad queries); search.backends.database ranks the best 300 matches with one
FTS query and orders only the positions a page of results reads.

{marker}{json.dumps(existing)} -->
"""
    replace_section(path, "Search", body)


if __name__ == "__main__":
    main()

"""API speed: requests/s, p50 and p99 for the main ``/api/v1/`` endpoints, against the target.

In one run, first on the embedded default (SQLite, the caches on the local disk) and then on
PostgreSQL with Redis (a scratch database, dropped afterwards), the demo city is served by
gunicorn with production settings on 127.0.0.1 and wrk measures, one target at a time:

* the ceiling: ``/healthz`` (the smallest Django view, through the whole middleware stack);
* a page detail (``/api/v1/pages/{id}/``: a department, with its body rendered and its services,
  contacts, FAQs and forms listed; and a news story, with its image's renditions);
* a list of 20 (``/api/v1/pages/?limit=20``: every page type's cards, and ``/api/v1/news/?limit=20``);
* a search (``/api/v1/search/?q=water``) and an answer (``/api/v1/ask?q=…``, Ask Jackson).

"Uncached": the API keeps no answer of its own on the server (``API_CACHE_SECONDS`` is only the
``Cache-Control`` max-age it sends a CDN, which wrk ignores, and the API stays out of the site's
page cache), so every page detail and list is built afresh. The server runs with
``API_CACHE_SECONDS=0`` and ``SEARCH_ANSWER_SECONDS=0`` so that every search and answer is
computed too; what stays kept, as on the site, is what every request shares under the content
version (the site, the departments, the private sections). A second server as deployed
(``SEARCH_ANSWER_SECONDS`` at its default) measures search and Ask Jackson again: a repeated
question's answer kept for a minute. The rate limit counts every request, as deployed (each one
a write to the shared cache), with a limit no run reaches (``API_RATE_LIMIT``, one client here);
``--no-rate-limit`` turns the counting off (``API_RATE_LIMIT=0``) to see what it costs.

Target: an uncached page detail p50 of at most 15 ms.

Workers: 3 sync gunicorn workers and one wrk connection per worker, as bench/pages.py.

    python bench/api.py                       # both configurations, 10 s per target
    python bench/api.py --seconds 20 --write  # and update the API section of BENCHMARKS.md
    python bench/api.py --only sqlite         # or postgres
"""

import argparse
import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import wrk  # noqa: E402
from bench.common import (  # noqa: E402
    ROOT,
    manage,
    measure_server,
    prepare_demo,
    production_env,
    replace_section,
    shell_output,
    sqlite_url,
    workdir,
)

REDIS_URL = "redis://127.0.0.1:6379/2"
#: Counted, never reached: one wrk client makes a few thousand requests a minute.
NEVER_REACHED = "1000000000"
DETAIL_P50_MS = 15.0
QUESTION = "how do I pay a parking ticket"
DETAILS = ("department detail", "news detail")
TARGETS = ("department detail", "news detail", "pages list of 20", "news list of 20", "search", "ask")
ANSWERED = ("search", "ask")


def targets(env):
    """Paths of the measured endpoints, with page ids read from the seeded database."""
    code = (
        "from departments.models import DepartmentPage; from news.models import NewsPage; "
        "print(DepartmentPage.objects.live().get(slug='city-council').pk); "
        "print(NewsPage.objects.live().exclude(image=None).order_by('-date', '-pk').first().pk)"
    )
    department, news = shell_output(env, code).split()[-2:]
    return {
        "healthz": "/healthz",
        "department detail": f"/api/v1/pages/{department}/",
        "news detail": f"/api/v1/pages/{news}/",
        "pages list of 20": "/api/v1/pages/?limit=20",
        "news list of 20": "/api/v1/news/?limit=20",
        "search": "/api/v1/search/?q=water",
        "ask": "/api/v1/ask?" + urllib.parse.urlencode({"q": QUESTION}),
    }


def measure(label, database_url, args, extra_env):
    directory = workdir()
    limit = "0" if args.no_rate_limit else NEVER_REACHED
    env = production_env(database_url, directory, API_RATE_LIMIT=limit, **extra_env)
    if args.database_url:
        manage(env, "collectstatic", "--noinput")
    else:
        print(f"{label}: seeding the demo city", flush=True)
        prepare_demo(env)
    paths = targets(env)
    print(f"{label}: uncached (API_CACHE_SECONDS=0, SEARCH_ANSWER_SECONDS=0)", flush=True)
    computed_env = {**env, "API_CACHE_SECONDS": "0", "SEARCH_ANSWER_SECONDS": "0", "PAGE_CACHE_SECONDS": "0"}
    computed = measure_server(computed_env, paths, ("healthz", *TARGETS), args.seconds, args.connections, args.workers)
    print(f"{label}: as deployed (answers kept for SEARCH_ANSWER_SECONDS)", flush=True)
    kept = measure_server(env, paths, ANSWERED, args.seconds, args.connections, args.workers)
    return {"uncached": computed, "answers kept": kept}


def verdicts(runs):
    lines = []
    for label, run in runs.items():
        p50s = {name: run["uncached"][name]["p50"] for name in DETAILS}
        over = [name for name, p50 in p50s.items() if p50 > DETAIL_P50_MS]
        lines.append(
            f"- {label}, uncached page detail p50 at most {DETAIL_P50_MS:.0f} ms: "
            f"{'**met**' if not over else '**not met**'} ("
            + ", ".join(f"{name} {p50:.1f} ms" for name, p50 in p50s.items())
            + ")"
        )
    return lines


def table(runs):
    rows = [
        "| Database, cache | Endpoint | Path | Served | Requests/s | p50 ms | p99 ms | Errors |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, run in runs.items():
        for served, results in run.items():
            for name, r in results.items():
                errors = r["non2xx"] + r["socket_errors"]
                kind = "ceiling" if name == "healthz" else served
                rows.append(
                    f"| {label} | {name} | `{r['path']}` | {kind} | {r['rps']:,.0f} | {r['p50']:.2f} | "
                    f"{r['p99']:.2f} | {errors} |"
                )
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per target (after a 2 s warm-up)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=0, help="wrk connections (default: one per worker)")
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="measure one configuration only")
    parser.add_argument(
        "--database-url", help="an already seeded PostgreSQL database instead of a scratch one (PostgreSQL only)"
    )
    parser.add_argument("--no-rate-limit", action="store_true", help="API_RATE_LIMIT=0: requests not counted")
    parser.add_argument("--write", action="store_true", help="update the API section of BENCHMARKS.md")
    args = parser.parse_args()
    args.connections = args.connections or args.workers
    wrk.require_wrk()
    machine = wrk.machine()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    runs = {}
    if args.only != "postgres" and not args.database_url:
        runs["SQLite, disk cache"] = measure("SQLite", sqlite_url(workdir()), args, {"REDIS_URL": ""})
    if args.only != "sqlite":
        prefix = f"bench-api-{os.getpid()}"
        with wrk.postgres_with_redis(args.database_url, "jackson_api_bench", REDIS_URL, prefix) as (url, env):
            runs["PostgreSQL, Redis"] = measure("PostgreSQL", url, args, env)

    load_after = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    report = table(runs) + "\n\n" + "\n".join(verdicts(runs))
    print(report)
    print(f"load average at the end {load_after}")
    if args.write:
        only = (f" --only {args.only}" if args.only else "") + (" --no-rate-limit" if args.no_rate_limit else "")
        counting = (
            "`API_RATE_LIMIT=0` (requests not counted)"
            if args.no_rate_limit
            else "every request counted by the rate limit, as deployed, under a limit never reached"
        )
        body = (
            f"`python bench/api.py --seconds {args.seconds}{only} --write` ({started}): the demo city (`seed_demo`) "
            f"served by gunicorn ({args.workers} sync workers, production settings) on 127.0.0.1, on SQLite with "
            "the caches on the local disk (no `REDIS_URL`) and on a scratch PostgreSQL database with `REDIS_URL`. "
            f"`wrk -t1 -c{args.connections} -d{args.seconds}s --latency` per endpoint after a 2 s warm-up, "
            f"anonymous GETs, {counting}. *Uncached*: a server with `API_CACHE_SECONDS=0 "
            "SEARCH_ANSWER_SECONDS=0`: the API keeps no answer on the server in any case (its max-age is for a CDN), "
            "so every page detail and list is built and every search and answer computed; the site, departments "
            "and private sections stay kept under the content version, as for rendered pages. *Answers kept*: "
            "a second server as deployed, where a repeated search or question is answered from the "
            "minute-long answer cache. Ceiling: `/healthz`.\n\n"
            f"Machine: {machine}; {load_after} at the end. wrk runs on the same cores as gunicorn and the "
            "database.\n\n"
            f"{report}\n"
        )
        replace_section(ROOT / "BENCHMARKS.md", "API", body)


if __name__ == "__main__":
    main()

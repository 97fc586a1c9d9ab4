"""Page-serving speed: requests/s, p50 and p99 for kept and rendered pages, against the ceilings.

In one run, first on the embedded default (SQLite, no Redis: the caches on the local
disk, shared by the workers through diskcache) and then on PostgreSQL with Redis
(a scratch database, dropped afterwards; the shared cache on Redis, kept pages on
each server's disk as deployed), the demo city is served by gunicorn with production
settings on 127.0.0.1 and wrk measures, one target at a time:

* the ceilings: ``/healthz`` (the smallest Django view, through the whole middleware
  stack) and a static file served by whitenoise;
* the home, a department, a news story, an event and a search (``/search/?q=water``),
  from a server with the page cache on ("kept": ``PAGE_CACHE_SECONDS`` as deployed) and
  from a second server with it off ("rendered": ``PAGE_CACHE_SECONDS=0`` and
  ``SEARCH_ANSWER_SECONDS=0``, every request rendered and every search computed).

Reports whether kept pages reach 90 % of the ``/healthz`` ceiling in requests/s and
whether rendered home and department pages have a p50 of at most 15 ms.

Workers: 3 sync gunicorn workers by default for the 2 cores, since wrk and the database
share them (gunicorn's 2 x cores + 1 = 5 only queues more work on the same CPUs). wrk
keeps ``--connections`` (default: one per worker) requests in flight, so every worker is
busy and none waits in the socket queue: p50 is a request's own time under full load.

    python bench/pages.py                       # both configurations, 10 s per target
    python bench/pages.py --seconds 20 --write  # and update BENCHMARKS.md
    python bench/pages.py --only sqlite         # or postgres
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import wrk  # noqa: E402
from bench.common import (  # noqa: E402
    ROOT,
    copy_seeded_sqlite,
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
CEILING_SHARE = 0.90
RENDERED_P50_MS = 15.0
PAGES = ("home", "department", "news", "event", "search")


def targets(env):
    """Paths of the measured pages and of a static file, read from the seeded database."""
    code = (
        "from django.templatetags.static import static; from django.utils import timezone; "
        "from departments.models import DepartmentPage; from news.models import NewsPage; "
        "from events.models import EventPage; "
        "print(DepartmentPage.objects.live().order_by('title').first().url); "
        "print(NewsPage.objects.live().order_by('-date', '-pk').first().url); "
        "print(EventPage.objects.upcoming().first().url); "
        "print(static('css/jackson.css'))"
    )
    department, news, event, css = shell_output(env, code).split()[-4:]
    return {
        "healthz": "/healthz",
        "static": css,
        "home": "/",
        "department": department,
        "news": news,
        "event": event,
        "search": "/search/?q=water",
    }


def measure(label, database_url, args, extra_env):
    directory = workdir()
    env = production_env(database_url, directory, **extra_env)
    if args.sqlite_from and database_url.startswith("sqlite:///"):
        copy_seeded_sqlite(args.sqlite_from, database_url, env)
    elif args.database_url and not database_url.startswith("sqlite:///"):
        manage(env, "collectstatic", "--noinput")
    else:
        print(f"{label}: seeding the demo city", flush=True)
        prepare_demo(env)
    paths = targets(env)
    print(f"{label}: page cache on", flush=True)
    kept = measure_server(env, paths, ("healthz", "static", *PAGES), args.seconds, args.connections, args.workers)
    print(f"{label}: page cache off", flush=True)
    rendered_env = {**env, "PAGE_CACHE_SECONDS": "0", "SEARCH_ANSWER_SECONDS": "0"}
    rendered = measure_server(
        rendered_env, paths, PAGES, args.seconds, args.connections, args.workers, one_client=args.one_client
    )
    return {"kept": kept, "rendered": rendered}


def verdicts(runs):
    lines = []
    for label, run in runs.items():
        ceiling = run["kept"]["healthz"]["rps"]
        shares = {name: run["kept"][name]["rps"] / ceiling for name in PAGES}
        short = [f"{name} {share:.0%}" for name, share in shares.items() if share < CEILING_SHARE]
        lines.append(
            f"- {label}, kept pages at least {CEILING_SHARE:.0%} of the /healthz ceiling "
            f"({ceiling:,.0f}/s): {'**met**' if not short else '**not met** (' + ', '.join(short) + ')'}; "
            + ", ".join(f"{name} {share:.0%}" for name, share in shares.items())
        )
        p50s = {name: run["rendered"][name]["p50"] for name in ("home", "department")}
        over = [name for name, p50 in p50s.items() if p50 > RENDERED_P50_MS]
        lines.append(
            f"- {label}, rendered home and department p50 at most {RENDERED_P50_MS:.0f} ms: "
            f"{'**met**' if not over else '**not met**'} (home {p50s['home']:.1f} ms, "
            f"department {p50s['department']:.1f} ms)"
        )
        if "home, one client" in run["rendered"]:
            alone = {name: run["rendered"][f"{name}, one client"]["p50"] for name in ("home", "department")}
            over = [name for name, p50 in alone.items() if p50 > RENDERED_P50_MS]
            lines.append(
                f"- {label}, rendered home and department p50 at most {RENDERED_P50_MS:.0f} ms with one client "
                f"(no queueing behind other requests): {'**met**' if not over else '**not met**'} "
                f"(home {alone['home']:.1f} ms, department {alone['department']:.1f} ms)"
            )
    return lines


def table(runs):
    rows = [
        "| Database, cache | Target | Path | Served | Requests/s | p50 ms | p99 ms | Errors |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, run in runs.items():
        for served, results in run.items():
            for name, r in results.items():
                errors = r["non2xx"] + r["socket_errors"]
                kind = "ceiling" if name in ("healthz", "static") else served
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
    parser.add_argument(
        "--one-client",
        action="store_true",
        help="measure each rendered page again with one wrk connection (its own latency, no queueing)",
    )
    parser.add_argument(
        "--sqlite-from",
        help="a demo city already seeded in SQLite (a file), copied for the SQLite run instead of seeding anew",
    )
    parser.add_argument("--write", action="store_true", help="update the Pages section of BENCHMARKS.md")
    args = parser.parse_args()
    args.connections = args.connections or args.workers
    wrk.require_wrk()
    machine = wrk.machine()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    runs = {}
    if args.only != "postgres" and (not args.database_url or args.sqlite_from):
        runs["SQLite, disk cache"] = measure("SQLite", sqlite_url(workdir()), args, {"REDIS_URL": ""})
    if args.only != "sqlite":
        prefix = f"bench-pages-{os.getpid()}"
        with wrk.postgres_with_redis(args.database_url, "jackson_pages_bench", REDIS_URL, prefix) as (url, env):
            runs["PostgreSQL, Redis"] = measure("PostgreSQL", url, args, env)

    load_after = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    report = table(runs) + "\n\n" + "\n".join(verdicts(runs))
    print(report)
    if args.write:
        body = (
            f"`python bench/pages.py --seconds {args.seconds}{' --one-client' if args.one_client else ''} --write` "
            f"({started}): the demo city (`seed_demo`) "
            f"served by gunicorn ({args.workers} sync workers, production settings, whitenoise) on 127.0.0.1, "
            "first on SQLite with the caches on the local disk (no `REDIS_URL`), then on a scratch PostgreSQL "
            "database with `REDIS_URL` (kept pages on the server's disk, as deployed). "
            f"`wrk -t1 -c{args.connections} -d{args.seconds}s --latency` per target after a 2 s warm-up, "
            "anonymous GETs. *Kept*: a server with the page cache on; *rendered*: a second server with "
            "`PAGE_CACHE_SECONDS=0 SEARCH_ANSWER_SECONDS=0`, so every page is rendered and every search computed "
            "(the site, navigation, listings and `{% kept_fragment %}` pieces still kept under the content "
            "version). *One client*: the same rendered page with `-c1`, a request's own time without "
            "queueing behind the others on the same two cores. Ceilings: `/healthz` "
            "(the smallest Django view, every middleware) and a static file through whitenoise.\n\n"
            f"Machine: {machine}; {load_after} at the end. wrk runs on the same cores as gunicorn and the "
            "database.\n\n"
            f"{report}\n"
        )
        replace_section(ROOT / "BENCHMARKS.md", "Pages", body)


if __name__ == "__main__":
    main()

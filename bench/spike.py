"""An emergency under load: 1,000 requests/s across 200 pages, then an alert, and how fast every page shows it.

What a city's site lives through when something goes wrong: residents are already
arriving in numbers, on many different pages, when staff raise an emergency alert.
The alert must reach every page quickly, with no CDN in front to absorb the load,
and nobody may get an error or a slow page while every kept copy is replaced.

For each configuration (PostgreSQL with Redis, then the embedded default: SQLite
with the caches on the local disk), on a fresh copy of the demo city:

1. gunicorn (production settings, ``--workers`` sync workers) serves it on 127.0.0.1;
2. wrk drives ``--rate`` requests/s for ``--duration`` seconds, rotating through
   ``--pages`` distinct public pages (anonymous GETs; forms, which set a CSRF cookie
   and are never kept, are left out). A Lua script paces each wrk thread against a
   clock, so the rate holds however fast the answers come (and the load becomes
   flat-out if the server cannot keep up);
3. ``--alert-at`` seconds in, ``manage.py publish_alert --severity emergency`` runs
   as a subprocess (timed), as an on-call script would run it;
4. a separate checker fetches each of the pages in turn, at ``--check-rate`` requests/s
   so it does not add much load, until every one shows the alert's title; a page
   that shows it is not fetched again. It stops by itself after ``--check-limit`` s.

Targets: no errors (non-2xx answers or socket errors), p99 under 100 ms, and every
page showing the alert within 60 s. Every loop is bounded and only 127.0.0.1 is used.

    python bench/spike.py --duration 10             # a short check of the harness
    python bench/spike.py --write                   # 60 s each, update BENCHMARKS.md
    python bench/spike.py --only postgres --rate 1500 --pages 200
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import wrk  # noqa: E402
from bench.common import (  # noqa: E402
    PYTHON,
    ROOT,
    copy_seeded_sqlite,
    gunicorn,
    manage,
    prepare_demo,
    production_env,
    replace_section,
    seed_demo,
    shell_output,
    sqlite_url,
    workdir,
)

REDIS_URL = "redis://127.0.0.1:6379/3"
TARGET_P99_MS = 100.0
TARGET_VISIBLE_S = 60.0

#: wrk's Lua side: rotate through the paths, pace every thread against a real clock
#: (LuaJIT's ffi, clock_gettime), count answers that are not 2xx. Placeholders: PATHS, INTERVAL_MS.
LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local paths = {PATHS}
local interval = INTERVAL_MS  -- between two requests of this thread; 0: no pacing
local counter = 0
local next_slot = nil
non2xx = 0

function init(args)
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function delay()
  if interval <= 0 then return 0 end
  local now = now_ms()
  if next_slot == nil or next_slot < now - 1000 then next_slot = now end  -- never burst to catch up
  next_slot = next_slot + interval
  local wait = next_slot - now
  if wait < 1 then return 0 end
  return math.floor(wait)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  io.write(string.format("LUA-NON2XX %d\n", total))
end
"""


def page_paths(env, count):
    """``count`` public, kept-able pages of the site, spread over its whole tree (home first)."""
    code = (
        "from wagtail.models import Page; from forms.models import FormPage; "
        "print('\\n'.join(p.url for p in Page.objects.live().public().not_type(FormPage)"
        ".filter(depth__gte=2).order_by('path')))"
    )
    paths = [line for line in shell_output(env, code).splitlines() if line.startswith("/")]
    if len(paths) < count:
        return paths
    step = len(paths) / count
    return [paths[int(i * step)] for i in range(count)]


def lua_script(directory, paths, rate, threads):
    interval = (1000.0 * threads / rate) if rate > 0 else 0
    quoted = ", ".join(json.dumps(path) for path in paths)
    script = Path(directory) / "spike.lua"
    script.write_text(LUA.replace("{PATHS}", "{" + quoted + "}").replace("INTERVAL_MS", f"{interval:.4f}"))
    return script


class Checker(threading.Thread):
    """Fetch each page in turn until it shows ``title``; remember when each first did."""

    def __init__(self, base, paths, title, rate, limit_s):
        super().__init__(daemon=True)
        self.base, self.paths, self.title = base, list(paths), title.encode()
        self.pause = 1.0 / rate
        self.limit_s = limit_s
        self.started = None
        self.seen = {}  # path -> seconds after the start
        self.fetches = 0
        self.failures = 0

    def run(self):
        self.started = time.monotonic()
        waiting = list(self.paths)
        while waiting and time.monotonic() - self.started < self.limit_s:
            for path in list(waiting):
                began = time.monotonic()
                if began - self.started >= self.limit_s:
                    break
                try:
                    body = urllib.request.urlopen(self.base + path, timeout=5).read()
                except (OSError, urllib.error.HTTPError):
                    body = b""
                    self.failures += 1
                self.fetches += 1
                if self.title in body:
                    self.seen[path] = time.monotonic() - self.started
                    waiting.remove(path)
                time.sleep(max(0.0, self.pause - (time.monotonic() - began)))


def publish_alert(env, title):
    started = time.monotonic()
    result = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "publish_alert",
            "--title",
            title,
            "--message",
            "Boil tap water for one minute before drinking, cooking or brushing teeth until further notice.",
            "--severity",
            "emergency",
            "--hotline",
            "Water emergencies=601-555-0100",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"publish_alert failed: {result.stderr.strip()[-500:]}")
    return result.stdout.strip().splitlines()[-1], seconds


def spike(label, database_url, args, extra_env):
    directory = workdir()
    env = production_env(database_url, directory, **extra_env)
    if args.sqlite_from and database_url.startswith("sqlite:///"):
        copy_seeded_sqlite(args.sqlite_from, database_url, env)
    elif args.database_url and not database_url.startswith("sqlite:///"):
        manage(env, "collectstatic", "--noinput")
    else:
        print(f"{label}: seeding the demo city", flush=True)
        prepare_demo(env)
    paths = page_paths(env, args.pages)
    if len(paths) < args.pages:
        seed_demo(env, "--scale", str(args.pages - len(paths) + 50))
        paths = page_paths(env, args.pages)
    if len(paths) < args.pages:
        raise RuntimeError(f"only {len(paths)} public pages, {args.pages} asked for")
    script = lua_script(directory, paths, args.rate, args.threads)
    title = f"Boil water emergency {random.randint(1000, 9999)}"
    alert_at = min(args.alert_at, args.duration / 2)
    with gunicorn(env, workers=args.workers) as base:
        for path in paths:  # the state before the spike: every page kept once
            urllib.request.urlopen(base + path, timeout=10).read()
        print(f"{label}: {args.duration} s at {args.rate}/s over {len(paths)} pages; alert at {alert_at:.0f} s")
        load = subprocess.Popen(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--timeout=10s",
                "--latency",
                "-s",
                str(script),
                base + "/",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            time.sleep(alert_at)
            checker = Checker(base, paths, title, args.check_rate, args.check_limit)
            checker.start()  # its clock starts with the command
            alert_id, publish_s = publish_alert(env, title)
            output, errors = load.communicate(timeout=args.duration + 60)
            checker.join(timeout=args.check_limit + 10)
        finally:
            if load.poll() is None:
                load.terminate()
                load.wait(timeout=10)
    figures = wrk.parse(output)
    non2xx = next((int(line.split()[1]) for line in output.splitlines() if line.startswith("LUA-NON2XX")), None)
    if non2xx is not None:
        figures["non2xx"] = non2xx
    seen = sorted(checker.seen.values())
    result = {
        **figures,
        "alert_id": alert_id,
        "publish_s": publish_s,
        "pages": len(paths),
        "visible_pages": len(seen),
        "visible_all_s": seen[-1] if len(seen) == len(paths) else None,
        "visible_p50_s": statistics.median(seen) if seen else None,
        "check_fetches": checker.fetches,
        "check_failures": checker.failures,
    }
    print(f"{label}: {json.dumps(result)}", flush=True)
    return result


def verdict(r):
    errors = r["non2xx"] + r["socket_errors"] + r["check_failures"]
    met = {
        "no errors": errors == 0,
        f"p99 < {TARGET_P99_MS:.0f} ms": r["p99"] < TARGET_P99_MS,
        f"every page within {TARGET_VISIBLE_S:.0f} s": r["visible_all_s"] is not None
        and r["visible_all_s"] <= TARGET_VISIBLE_S,
    }
    return ", ".join(f"{name}: {'met' if ok else '**not met**'}" for name, ok in met.items())


def report(runs, rate):
    rows = [
        "| Configuration | Requests/s (asked) | Requests | p50 ms | p99 ms | Non-2xx | Socket errors | "
        "publish_alert s | Pages showing the alert | All pages after s | Half after s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, r in runs.items():
        visible = f"{r['visible_all_s']:.1f}" if r["visible_all_s"] is not None else "not all"
        half = f"{r['visible_p50_s']:.1f}" if r["visible_p50_s"] is not None else "–"
        rows.append(
            f"| {label} | {r['rps']:,.0f} ({rate:,}) | {r['requests']:,} | {r['p50']:.2f} | {r['p99']:.2f} | "
            f"{r['non2xx']} | {r['socket_errors']} | {r['publish_s']:.2f} | {r['visible_pages']} of {r['pages']} | "
            f"{visible} | {half} |"
        )
    lines = [f"- {label}: {verdict(r)}" for label, r in runs.items()]
    return "\n".join(rows) + "\n\n" + "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--rate", type=int, default=1000, help="requests/s asked of wrk; 0: as fast as it can")
    parser.add_argument("--pages", type=int, default=200, help="distinct pages the load rotates through")
    parser.add_argument("--alert-at", type=float, default=20, help="seconds into the load (at most half of it)")
    parser.add_argument("--check-rate", type=float, default=40, help="the checker's requests/s")
    parser.add_argument("--check-limit", type=float, default=90, help="the checker gives up after this long")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="measure one configuration only")
    parser.add_argument(
        "--database-url",
        help="an already seeded PostgreSQL database to use instead of a scratch one (kept; alerts pile up)",
    )
    parser.add_argument(
        "--sqlite-from",
        help="a demo city already seeded in SQLite (a file), copied for the SQLite run instead of seeding anew",
    )
    parser.add_argument("--write", action="store_true", help="update the Emergency spike section of BENCHMARKS.md")
    args = parser.parse_args()
    wrk.require_wrk()
    machine = wrk.machine()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    runs = {}
    if args.only != "sqlite":
        prefix = f"bench-spike-{os.getpid()}"
        with wrk.postgres_with_redis(args.database_url, "jackson_spike_bench", REDIS_URL, prefix) as (url, env):
            runs["PostgreSQL, Redis"] = spike("PostgreSQL", url, args, env)
    if args.only != "postgres" and (not args.database_url or args.sqlite_from):
        runs["SQLite, disk cache"] = spike("SQLite", sqlite_url(workdir()), args, {"REDIS_URL": ""})

    load_after = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    text = report(runs, args.rate)
    print(text)
    if args.write:
        body = (
            f"`python bench/spike.py --duration {args.duration} --rate {args.rate} --pages {args.pages} --write` "
            f"({started}): the demo city served by gunicorn ({args.workers} sync workers, production settings) on "
            f"127.0.0.1, no CDN. wrk (`-t{args.threads} -c{args.connections}`, a Lua script pacing each thread "
            f"to {args.rate:,} requests/s in all) rotates through {args.pages} public pages for {args.duration} s; "
            f"{min(args.alert_at, args.duration / 2):.0f} s in, `manage.py publish_alert --severity emergency` runs "
            f"as a subprocess, and a checker fetches each page at {args.check_rate:.0f} requests/s until it shows "
            "the alert's title (times counted from the command's start; a page is fetched again only until it "
            "shows it). Errors: non-2xx answers counted by the Lua script, and wrk's socket errors.\n\n"
            f"Machine: {machine}; {load_after} at the end.\n\n{text}\n"
        )
        replace_section(ROOT / "BENCHMARKS.md", "Emergency spike", body)


if __name__ == "__main__":
    main()

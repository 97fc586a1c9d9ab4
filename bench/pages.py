"""Baseline page-serving speed: anonymous requests/s and p50/p99 latency.

Serves the demo city with gunicorn in production settings on 127.0.0.1 and
drives it with wrk (Debian package) for the home page, a department page and a
news page. No target yet: this is the baseline later work is measured against.

    python bench/pages.py                      # SQLite
    python bench/pages.py --postgres           # a scratch PostgreSQL database
    python bench/pages.py --write              # also update BENCHMARKS.md
"""

import argparse
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    gunicorn,
    manage,
    prepare_demo,
    production_env,
    replace_section,
    scratch_postgres,
    shell_output,
    sqlite_url,
    workdir,
)


def page_paths(env):
    code = (
        "from departments.models import DepartmentPage; from news.models import NewsPage; "
        "print(DepartmentPage.objects.live().order_by('title').first().url); "
        "print(NewsPage.objects.live().order_by('-date').first().url)"
    )
    out = shell_output(env, code).split()
    return {"home": "/", "department": out[-2], "news": out[-1]}


def parse_wrk(output):
    def latency_ms(value):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = latency_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = latency_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def run_wrk(url, seconds, connections):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(result.stdout)


def measure(database_url, seconds, connections, workers):
    env = production_env(database_url, workdir())
    prepare_demo(env)
    paths = page_paths(env)
    results = {}
    with gunicorn(env, workers=workers) as base:
        for name, path in paths.items():
            run_wrk(base + path, 2, connections)  # warm up caches and connections
            results[name] = {"path": path, **run_wrk(base + path, seconds, connections)}
    manage(env, "check")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="use a scratch PostgreSQL database")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update the Pages section of BENCHMARKS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    runs = {}
    runs["SQLite"] = measure(sqlite_url(workdir()), args.seconds, args.connections, args.workers)
    if args.postgres:
        with scratch_postgres("jackson_pages_bench") as url:
            runs["PostgreSQL"] = measure(url, args.seconds, args.connections, args.workers)

    rows = ["| database | page | path | requests/s | p50 ms | p99 ms | non-2xx |", "|---|---|---|---:|---:|---:|---:|"]
    for database, results in runs.items():
        for name, r in results.items():
            figures = f"{r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['non2xx']}"
            rows.append(f"| {database} | {name} | `{r['path']}` | {figures} |")
    table = "\n".join(rows)
    print(table)
    if args.write:
        body = (
            f"`python bench/pages.py{' --postgres' if args.postgres else ''} --write`: the demo city (`seed_demo`) "
            f"served by gunicorn ({args.workers} sync workers, production settings, whitenoise) on 127.0.0.1; "
            f"`wrk -t2 -c{args.connections} -d{args.seconds}s --latency` per page after a 2 s warm-up, "
            "anonymous GETs, no page cache.\n"
            f"Machine: {platform.processor() or platform.machine()}, 2 cores, 24 GiB, Python "
            f"{platform.python_version()}; wrk runs on the same 2 cores as the server.\n\n"
            f"{table}\n"
        )
        replace_section(ROOT / "BENCHMARKS.md", "Pages (baseline)", body)


if __name__ == "__main__":
    main()

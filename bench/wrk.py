"""Running wrk (the Debian package) and reading its report, for bench/pages.py and bench/spike.py.

wrk is written in C and drives many connections from one or two threads, so on this
two-core machine it takes far less of the server's CPU than a Python client would.
Its Lua hooks let bench/spike.py rotate paths, pace requests and count non-2xx answers.
"""

import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys

import django
import wagtail


def require_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")


def latency_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse(output):
    """requests/s, p50/p99 (ms), non-2xx-or-3xx answers and socket errors from ``wrk --latency``."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = latency_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = latency_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": rps,
        "requests": requests,
        "p50": p50,
        "p99": p99,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
    }


def run(url, seconds, connections, threads=1, script=None, timeout_s=10):
    """wrk against ``url`` for ``seconds``; ``script`` is a Lua file. Returns (parsed figures, raw output)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks only ever target 127.0.0.1")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run(command + [url], capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse(result.stdout), result.stdout


def cpu_model():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine():
    """One line naming the machine and the software versions, for BENCHMARKS.md."""
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip()
    load = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, {wrk_version.split(' [')[0]}; load average (1/5/15 min) at the start {load}"
    )


def redis_cleanup(url, prefix):
    """Delete the keys a benchmark's server wrote under ``prefix`` (its own, unique per run)."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}*", count=1000):
        client.delete(key)


@contextlib.contextmanager
def postgres_with_redis(database_url, scratch_name, redis_url, prefix):
    """``(database URL, environment)`` for a run on PostgreSQL with Redis: ``database_url`` as given,
    or a scratch database made and dropped around the run; the Redis keys the server writes under
    ``prefix`` are deleted afterwards."""
    from bench.common import scratch_postgres

    try:
        with contextlib.nullcontext(database_url) if database_url else scratch_postgres(scratch_name) as url:
            yield url, {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": prefix}
    finally:
        redis_cleanup(redis_url, prefix)

"""Shared plumbing for benchmarks: a scratch demo database and a real gunicorn.

Benchmarks measure the site as it runs in production: production settings,
gunicorn on 127.0.0.1, static files through whitenoise, real HTTP. The demo city is seeded under
development settings, the only ones (with test) that install the demo app.
"""

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, workdir, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="jackson.settings.production",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(Path(workdir) / "static"),
        MEDIA_ROOT=str(Path(workdir) / "media"),
        # The on-disk caches (no REDIS_URL) start empty for every run, never shared with another.
        CACHE_DIR=str(Path(workdir) / "cache"),
        SECURE_COOKIES="false",
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def seed_demo(env, *args):
    """``manage.py seed_demo`` against the benchmark's database, under development settings.

    The demo app is installed only in development and test settings, and ``seed_demo`` refuses
    production settings; everything else (database, media, caches) comes from ``env``.
    """
    manage({**env, "DJANGO_SETTINGS_MODULE": "jackson.settings.dev"}, "seed_demo", "--verbosity", "0", *args)


def shell_output(env, code):
    """What ``manage.py shell -c code`` prints, run with ``env`` (the benchmark's settings)."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py shell failed: {result.stderr[-3000:]}")
    return result.stdout


def prepare_demo(env, scale=0):
    """Migrate, seed the demo city (plus ``scale`` generated pages) and collect static files."""
    manage(env, "migrate", "--noinput")
    seed_demo(env)
    if scale:
        seed_demo(env, "--scale", str(scale))
    manage(env, "collectstatic", "--noinput")


def copy_seeded_sqlite(source, database_url, env):
    """Use a copy of an already seeded SQLite demo city (seeding takes minutes on a busy machine)."""
    import shutil

    shutil.copyfile(source, database_url.removeprefix("sqlite:///"))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")


def sqlite_url(workdir):
    return f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"


@contextlib.contextmanager
def scratch_postgres(name):
    """A throwaway PostgreSQL database on the local server, dropped afterwards."""
    base = "postgres://postgres@127.0.0.1:5432"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    try:
        yield f"{base}/{name}"
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


@contextlib.contextmanager
def gunicorn(env, workers=3, threads=1):
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "jackson.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # three workers importing Django and Wagtail on a busy machine
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def workdir():
    """A scratch folder (database, disk cache, static files) removed when the benchmark exits,
    unless ``JACKSON_BENCH_KEEP=1`` keeps it to look into."""
    path = tempfile.mkdtemp(prefix="jackson-bench-")
    if os.environ.get("JACKSON_BENCH_KEEP") != "1":
        atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def replace_section(path, heading, body):
    """Replace (or append) the ``## heading`` section of a Markdown file."""
    path = Path(path)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == f"## {heading}"), None)
    section = [f"## {heading}", "", *body.rstrip().splitlines(), ""]
    if start is None:
        lines = [*lines, "", *section]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines = [*lines[:start], *section, *lines[end:]]
    path.write_text("\n".join(lines).rstrip() + "\n")


def measure_server(env, paths, names, seconds, connections, workers, one_client=False):
    """wrk on each of ``names`` (keys of ``paths``) against one gunicorn started with ``env``.

    With ``one_client``, each target again with one connection: a request's own time, not its
    time in the queue. Returns ``{name: {"path", "rps", "p50", "p99", ...}}``.
    """
    from bench import wrk

    results = {}
    width = max(len(name) for name in names) + 1
    with gunicorn(env, workers=workers) as base:
        # gunicorn answers once one worker is up; the others may still be importing Django and Wagtail,
        # which would be charged to the first target measured.
        wrk.run(base + "/healthz", 5, connections)
        for name in names:
            url = base + paths[name]
            wrk.run(url, 2, connections)  # warm up: the site, navigation, kept copies and renditions, every worker
            results[name] = {"path": paths[name], **wrk.run(url, seconds, connections)[0]}
            print(f"  {name:<{width}} {results[name]['rps']:>7.0f}/s  p50 {results[name]['p50']:.2f} ms", flush=True)
            if one_client:
                alone = {"path": paths[name], **wrk.run(url, seconds, 1)[0]}
                results[f"{name}, one client"] = alone
                print(f"  {name:<{width}} one client {alone['rps']:>7.0f}/s  p50 {alone['p50']:.2f} ms", flush=True)
    return results

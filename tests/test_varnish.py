"""A real Varnish in front of gunicorn, as the README's "Behind a CDN or Varnish" sets it up.

One module-scoped stack: a scratch SQLite file (a copy of the migrated test database when the
suite runs on SQLite, a fresh ``migrate`` otherwise) with a small city, gunicorn in production
settings, and Debian's varnishd with a VCL that accepts PURGE from 127.0.0.1. Publishing happens
in a separate process (``manage.py shell``), as an editor's request or an on-call script would.

Shows that (a) pages are served from Varnish, (b) publishing an alert purges, so the very next
fetch shows it, (c) with purging off a new alert still shows once the cached copy expires
(``HTTP_CACHE_MAX_AGE=3``), never while the old copy is served, and (d) uploaded images are
served in production while traversal and private uploads are 404s.

Skipped with a notice without varnishd, except on CI (``CI=true``), where that is a failure.
"""

import contextlib
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.browser.conftest import require_tool

# django_db: so pytest-django creates the test database this module copies, even when run alone.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent
VARNISHD = "/usr/sbin/varnishd"
MAX_AGE = 3
#: Slack for "shows within max-age": a poll interval, one background refetch, a slow machine.
MARGIN = 6

VCL = """vcl 4.1;

backend default {{ .host = "127.0.0.1"; .port = "{upstream}"; }}

acl purgers {{ "127.0.0.1"; "::1"; }}

sub vcl_recv {{
    if (req.method == "PURGE") {{
        if (!client.ip ~ purgers) {{ return (synth(405, "Not allowed")); }}
        return (purge);
    }}
}}
"""

BUILD_CITY = """
import json, io, os
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Page, Site
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.conftest import add_child

root = Page.get_first_root_node()
for page in root.get_children():
    page.delete()
home = root.add_child(instance=HomePage(title="City of Jackson", slug="home", hero_text="Welcome."))
home.save_revision().publish()
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=int(os.environ["PUBLIC_PORT"]), root_page=home,
                    is_default_site=True, site_name="City of Jackson")
news = add_child(home, NewsIndexPage(title="News", slug="news"))
picture = io.BytesIO()
Picture.new("RGB", (64, 48), (0, 90, 160)).save(picture, "PNG")
image = Image.objects.create(title="Water tower", file=ImageFile(picture, name="water-tower.png"))
add_child(news, NewsPage(title="Water main repaired", slug="water-main", summary="Crews finished.",
                         image=image, image_alt="The water tower"))
add_child(home, StandardPage(title="About Jackson", slug="about", intro="Our city."))
settings.PRIVATE_MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
(settings.PRIVATE_MEDIA_ROOT / "secret.txt").write_text("a resident's upload")
print(json.dumps({"rendition": image.get_rendition("fill-32x32").url, "original": image.file.url}))
"""

PUBLISH_ALERT = """
import os, sys
from alerts.models import Alert
print("ready", flush=True)
sys.stdin.readline()
alert = Alert(title=os.environ["ALERT_TITLE"], message="Boil tap water before drinking it.", scope="site", live=False)
alert.save()
alert.save_revision().publish()
print("published", flush=True)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=3).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


def scratch_database(path, env):
    """A migrated database file: a copy of the test database when it is SQLite, else ``migrate``."""
    if connection.vendor == "sqlite":
        # pytest-django's in-memory test database, shared by name while the suite's connection lives.
        name = connection.creation._get_test_db_name()
        with contextlib.closing(sqlite3.connect(name, uri=True)) as source:
            with contextlib.closing(sqlite3.connect(path)) as target:
                source.backup(target)
            tables = target_tables(path)
        assert tables > 50, f"the test database at {name} was empty"
        return None
    return subprocess.Popen([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env)


def target_tables(path):
    with contextlib.closing(sqlite3.connect(path)) as copy:
        return copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]


def run(env, *args):
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def read_until(process, word):
    """Skip the shell's own lines (Django 5.2 says how many objects it imported) up to ``word``."""
    for line in process.stdout:
        if line.strip() == word:
            return True
    return False


class Stack:
    def __init__(self, env, public, upstream, uploads):
        self.env, self.public, self.upstream, self.uploads = env, public, upstream, uploads

    def fetch(self, path, base=None):
        """(status, headers, body) of a GET through Varnish (or ``base``)."""
        try:
            with urllib.request.urlopen((base or self.public) + path, timeout=10) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def raw(self, path):
        """Status of a request sent with ``path`` exactly as written (no client-side normalising)."""
        host, port = self.upstream.removeprefix("http://").split(":")
        client = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            client.putrequest("GET", path, skip_accept_encoding=True)
            client.endheaders()
            return client.getresponse().status
        finally:
            client.close()

    @contextlib.contextmanager
    def publisher(self, title, purge=True):
        """A separate process ready to publish a site-wide alert (Django already loaded):
        ``with stack.publisher(title) as publish: ...; publish()`` returns once it has committed."""
        env = dict(self.env, ALERT_TITLE=title)
        if not purge:
            env.pop("FRONTEND_CACHE_PURGE_URL")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", PUBLISH_ALERT],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

        def publish():
            process.stdin.write("go\n")
            process.stdin.flush()
            assert read_until(process, "published")

        try:
            assert read_until(process, "ready")
            yield publish
        finally:
            process.stdin.close()
            assert process.wait(timeout=60) == 0


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    require_tool(VARNISHD, "varnishd")
    work = tmp_path_factory.mktemp("varnish")
    upstream_port, public_port = free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REDIS_URL", "PAGE_CACHE_REDIS"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jackson.settings.production",
        DJANGO_SECRET_KEY="varnish-test-only-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private_media"),
        CACHE_DIR=str(work / "cache"),
        SECURE_COOKIES="false",
        TASKS_BACKEND="immediate",
        HTTP_CACHE_MAX_AGE=str(MAX_AGE),
        FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{public_port}",
        PUBLIC_PORT=str(public_port),
        LOG_LEVEL="ERROR",
    )
    with django_db_blocker.unblock():
        migrating = scratch_database(work / "db.sqlite3", env)
    # Only the public site's static files: the admin's would take a minute to compress, and the
    # API docs' bundles (django-ninja's Swagger UI and ReDoc, 7 MB with source maps) half a minute.
    ignore = ["-i", "wagtail*", "-i", "admin", "-i", "rest_framework", "-i", "django_filters", "-i", "ninja"]
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0", *ignore], cwd=ROOT, env=env
    )
    if migrating is not None:
        assert migrating.wait() == 0
    uploads = json.loads(run(env, "shell", "-c", BUILD_CITY).strip().splitlines()[-1])
    assert static.wait() == 0

    (work / "default.vcl").write_text(VCL.format(upstream=upstream_port))
    processes = []
    try:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "jackson.wsgi", "--bind", f"127.0.0.1:{upstream_port}"]
            + ["--workers", "2", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        processes.append(gunicorn)
        varnish = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{public_port}", "-n", str(work / "varnish")]
            + ["-f", str(work / "default.vcl"), "-s", "malloc,32m", "-T", "127.0.0.1:0"],
            stdout=subprocess.DEVNULL,
        )
        processes.append(varnish)
        wait_for(f"http://127.0.0.1:{upstream_port}/", gunicorn, "gunicorn")
        wait_for(f"http://127.0.0.1:{public_port}/", varnish, "varnishd")
        yield Stack(env, f"http://127.0.0.1:{public_port}", f"http://127.0.0.1:{upstream_port}", uploads)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def object_id(headers):
    """The id of the cached object a Varnish response came from (the second X-Varnish id on a hit)."""
    ids = headers["X-Varnish"].split()
    return ids[-1]


def cached_copy(stack, path):
    """Fetch until Varnish answers from its cache; returns (headers, body) of that hit."""
    for _ in range(5):
        status, headers, body = stack.fetch(path)
        assert status == 200, (path, status)
        if len(headers["X-Varnish"].split()) == 2:
            return headers, body
    raise AssertionError(f"{path} never came from Varnish's cache: {dict(headers)}")


def test_pages_are_served_from_varnish_with_the_apps_cache_headers(stack):
    status, first, _ = stack.fetch("/about/")
    assert status == 200
    assert "s-maxage" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert len(first["X-Varnish"].split()) == 1, "the first fetch went to the app"
    second, body = cached_copy(stack, "/about/")
    _, third, _ = stack.fetch("/about/")
    assert object_id(third) == object_id(second), "one cached object answers both"
    assert int(third["Age"]) >= 0 and "About Jackson" in body


def test_publishing_an_alert_purges_so_the_next_fetch_shows_it(stack):
    title = "Boil-water notice for South Jackson"
    with stack.publisher(title) as publish:
        _, body = cached_copy(stack, "/")
        assert title not in body
        _, body = cached_copy(stack, "/alerts/")
        assert title not in body
        publish()

    status, home, body = stack.fetch("/")
    assert status == 200
    assert len(home["X-Varnish"].split()) == 1, "the home page was purged: a fresh copy from the app"
    assert 'aria-label="Site alert"' in body and title in body
    status, alerts, body = stack.fetch("/alerts/")
    assert status == 200 and len(alerts["X-Varnish"].split()) == 1
    assert "Boil-water notice for South Jackson" in body


def test_without_purging_a_new_alert_shows_once_the_cached_copy_expires(stack):
    title = "Road closure on State Street"
    with stack.publisher(title, purge=False) as publish:
        headers, body = cached_copy(stack, "/about/")
        stale_object = object_id(headers)
        publish()
    published_at = time.monotonic()

    while True:
        status, headers, body = stack.fetch("/about/")
        assert status == 200
        if object_id(headers) == stale_object:
            assert title not in body, "the old copy cannot know the new alert"
        elif title in body:
            break
        assert time.monotonic() - published_at < MAX_AGE + MARGIN, "the alert did not show within the max-age"
        time.sleep(0.3)


def test_uploaded_images_are_served_in_production(stack):
    for url in (stack.uploads["rendition"], stack.uploads["original"]):
        status, headers, body = stack.fetch(url, base=stack.upstream)
        assert status == 200, url
        assert headers["Content-Type"] == "image/png"
        assert headers["Cache-Control"].startswith("public, max-age=")


@pytest.mark.parametrize(
    "path",
    [
        "/media/../private_media/secret.txt",
        "/media/%2e%2e/private_media/secret.txt",
        "/media/images/..%2f..%2fprivate_media/secret.txt",
        "/media/original_images/%2e%2e/%2e%2e/private_media/secret.txt",
        "/media/images/%00",
        "/media/secret.txt",
        "/private_media/secret.txt",
        "/media/documents/secret.txt",
    ],
)
def test_traversal_and_private_uploads_are_not_found(stack, path):
    assert stack.raw(path) in (400, 404), path

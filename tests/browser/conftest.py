"""Shared fixtures for tests that drive a real Chromium through Playwright.

- pytest-playwright's ``browser`` fixture is pointed at Debian's chromium
  (``/usr/bin/chromium``) with flags that work headless on a server; nothing
  is ever downloaded.
- ``demo_city`` runs Django's ``live_server`` on the demo app's sample city
  (demo/sample.py) and returns {name: absolute URL}: built for each test, and
  flushed after it, for tests that change what the city holds.
- ``shared_city`` is the same city built once for a whole module, on a live
  server of the module's own, for modules that only read it (accessibility,
  layouts, search, the month view). Building the city and flushing it cost
  several seconds a test; 71 of the 94 browser tests only look.
- ``open_page(url, viewport)`` opens a fresh browser context at a viewport.
- ``axe_violations`` lives in tests/browser/axe.py so any test can import it.

No chromium: the tests are skipped with the reason, except on CI
(``CI=true``), where a missing browser is a failure, not a silent pass.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django would
# otherwise refuse ORM calls made by fixtures in that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
HEADLESS_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}


def require_tool(path, what):
    """Skip when a tool is missing, but fail on CI, where it must be installed."""
    if Path(path).exists() or shutil.which(str(path)):
        return
    message = f"{what} not found at {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (required on CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium instead of a Playwright-downloaded browser.

    Playwright gives each launch a fresh temporary profile itself (it refuses
    --user-data-dir), and adds --headless for ``headless=True``.
    """
    require_tool(CHROMIUM, "Chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": HEADLESS_FLAGS,
        "headless": True,
    }


@pytest.fixture
def demo_pages(db, settings, tmp_path):
    """The demo app's sample city (demo/sample.py) in the database, uploaded files in a
    temporary directory: {name: path}."""
    from demo.sample import build_sample_city

    settings.MEDIA_ROOT = tmp_path / "media"
    return build_sample_city()


@pytest.fixture
def demo_city(
    browser, _restore_serialized_db_contents, django_db_serialized_rollback, transactional_db, live_server, demo_pages
):
    """The demo city served by a live server: {name: absolute URL}.

    Transactional (the live server runs in another thread), with serialized
    rollback so Wagtail's root page and locale come back for the next test.
    The browser starts first, so the database work runs on the connection
    the test will keep using (see ``_serialized_db_contents``).
    """
    return {name: live_server.url + path for name, path in demo_pages.items()}


def _shared_city_tests_need_the_database():
    """Tell pytest-django that a ``shared_city`` test needs the test database, with its snapshot.

    pytest-django creates the test database only for what the collected tests ask for: a
    ``django_db`` mark, or the ``db``, ``transactional_db`` or ``live_server`` fixture. A shared-city
    test asks for none of them (each would wrap it in a transaction or flush the city after it), so
    a run of only such modules (``pytest tests/browser/test_accessibility.py``) would get no test
    database at all. pytest-django reads each test's needs through ``_get_databases_for_test``;
    this adds "the default database, serialized" for shared-city tests. pytest-django is pinned
    below 5 (requirements-dev.txt); if the function is renamed, this fails loudly, not silently.
    """
    from pytest_django import fixtures

    asked = fixtures._get_databases_for_test

    def databases_for_test(test):
        if "shared_city" in getattr(test, "fixturenames", ()):
            return ("default",), True
        return asked(test)

    fixtures._get_databases_for_test = databases_for_test


_shared_city_tests_need_the_database()


@pytest.fixture(scope="module")
def _shared_city(django_db_setup, _serialized_db_contents, browser, django_db_blocker, tmp_path_factory):
    """The sample city, committed, served by a live server for the whole module; flushed at its end.

    pytest-django's ``live_server`` makes every test that uses it transactional, and a
    transactional test ends by flushing every table: a city built once would be gone after the
    first test. So the module starts a server of its own (pytest-django's ``LiveServer``, which
    shares an in-memory SQLite connection with its thread as ``live_server`` does) and its tests
    use the database without a transaction of their own (``shared_city``). What a test adds (a
    page with markup in its title, a dozen services to page through) stays for the module's
    later tests, under slugs of its own. At the end the tables are flushed and the migration-time
    snapshot loaded again, as a transactional test leaves them.

    The test database and its snapshot come before the browser (``_serialized_db_contents``).
    """
    from django.db import connections
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from demo.sample import build_sample_city
    from tests.conftest import restore_migration_snapshot

    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("shared-city-media")))
    media.enable()
    try:
        with django_db_blocker.unblock():
            restore_migration_snapshot(_serialized_db_contents)
            paths = build_sample_city()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield {name: server.url + path for name, path in paths.items()}
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
    finally:
        media.disable()
        with django_db_blocker.unblock():
            restore_migration_snapshot(_serialized_db_contents, flush_first=True)
        # The connection opened under the browser's greenlet is not the one pytest-django closes
        # before it drops the test database.
        connections.close_all()


@pytest.fixture
def shared_city(_shared_city, django_db_blocker):
    """``demo_city`` built once per module (``_shared_city``): {name: absolute URL}.

    The test may use the database (outside a transaction: the live server must see what it
    writes), and whatever it writes stays for the rest of the module.
    """
    with django_db_blocker.unblock():
        yield _shared_city


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport="desktop") -> a Playwright page in a fresh context."""
    contexts = []

    def _open(url, viewport="desktop", **context_args):
        size = VIEWPORTS.get(viewport, viewport)
        context = browser.new_context(viewport=size, **context_args)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        return page

    yield _open
    for context in contexts:
        context.close()

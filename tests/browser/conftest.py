"""Shared fixtures for tests that drive a real Chromium through Playwright.

- pytest-playwright's ``browser`` fixture is pointed at Debian's chromium
  (``/usr/bin/chromium``) with flags that work headless on a server; nothing
  is ever downloaded.
- ``demo_city`` runs Django's ``live_server`` on the demo app's sample city
  (demo/sample.py) and returns {name: absolute URL}.
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

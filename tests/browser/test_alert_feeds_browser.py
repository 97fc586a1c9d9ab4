"""The "Current alerts" page in real Chromium: WCAG 2.2 AA by axe-core, with alerts and without,
at desktop and phone widths, and no sideways scrolling on a phone even with a long unbroken word;
and valid HTML by the Nu HTML checker."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.axe import axe_violations, format_violations
from tests.browser.conftest import require_tool
from tests.browser.test_alerts_browser import delete_alerts
from tests.browser.test_html_validity import VNU_JAR
from tests.test_alert_feeds import HOSTILE_MESSAGE, HOSTILE_TITLE, make_alert

pytestmark = pytest.mark.browser


@pytest.fixture
def served(shared_city, request):
    """The module's live server, on its sample city (``shared_city``, built once): its URL.

    The alerts a test makes are deleted after it (``delete_alerts``), so the next test starts with none.
    """
    request.addfinalizer(delete_alerts)
    return shared_city["home"].removesuffix("/")


def check_page(open_page, url):
    for viewport in ("desktop", "mobile"):
        page = open_page(url, viewport)
        violations = axe_violations(page)
        assert not violations, f"{url} at {viewport}:\n{format_violations(violations)}"
        if viewport == "mobile":
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"the alerts page scrolls sideways by {overflow}px at 375px"
    return page


def test_alerts_page_is_accessible_with_alerts(served, open_page):
    make_alert(
        "Water main break on State Street",
        severity="emergency",
        message="Avoid State Street between Amite and Pearl. " + "Averyveryveryverylongunbrokenword" * 3,
        hotlines=[("Water emergency line", "601-555-0100"), ("City Hall", "601-555-0199")],
        link_url="https://example.gov/water",
    )
    make_alert("Boil-water notice", severity="warning")
    make_alert("Leaf collection moves to Tuesday", severity="information")
    page = check_page(open_page, served + "/alerts/")
    # In the page's own list (the site banner above it shows the same alert's title too).
    listing = page.locator("main")
    assert listing.get_by_role("heading", level=2, name="Water main break on State Street").is_visible()
    assert listing.get_by_role("link", name="601-555-0100", exact=True).get_attribute("href") == "tel:+16015550100"


def test_alerts_page_is_accessible_when_empty(served, open_page):
    page = check_page(open_page, served + "/alerts/")
    assert page.get_by_text("There are no alerts right now").is_visible()


def test_alerts_page_is_valid_html_with_alerts_and_without(client, department, tmp_path):
    require_tool("java", "Java")
    require_tool(VNU_JAR, "The Nu HTML checker (npm install vnu-jar)")
    (tmp_path / "empty.html").write_bytes(client.get("/alerts/").content)
    make_alert(
        HOSTILE_TITLE,
        message=HOSTILE_MESSAGE,
        severity="emergency",
        scope="departments",
        departments=[department["department"]],
        hotlines=[("Water emergency line", "601-555-0100")],
        link_url="https://example.gov/?a=1&b=2",
    )
    make_alert("Leaf collection moves to Tuesday", severity="information")
    (tmp_path / "alerts.html").write_bytes(client.get("/alerts/").content)
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    report = "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in errors)
    assert not errors, report

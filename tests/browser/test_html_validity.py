"""The Nu HTML checker (the W3C validator's engine) finds no errors in any page type.

Pages are rendered with Django's test client, saved to a temporary directory
and checked in one Java run (the JVM start-up costs more than the checking).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from demo.sample import PAGE_TYPES
from tests.browser.conftest import require_tool

pytestmark = pytest.mark.browser


VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_rendered_pages_have_no_nu_html_checker_errors(client, demo_pages, tmp_path):
    require_tool("java", "Java")
    require_tool(VNU_JAR, "The Nu HTML checker (npm install vnu-jar)")
    java = shutil.which("java")
    out = tmp_path / "html"
    out.mkdir()

    documents = {name: demo_pages[name] for name in PAGE_TYPES}
    documents["news_index_filtered"] = demo_pages["news_index"] + "?topic=streets&department=public-works&page=1"
    documents["event_index_dates"] = (
        demo_pages["event_index"] + "?from=2026-01-01&to=2026-12-31&department=parks-recreation"
    )
    documents["event_index_bad_dates"] = demo_pages["event_index"] + "?from=2026-13-45&to=%3Cscript%3E&topic=x"
    documents["event_month_filtered"] = demo_pages["event_index_month"] + "?department=parks-recreation"
    documents["directory_search"] = demo_pages["directory"] + "?q=dana"
    documents["search"] = "/search/?q=pothole"
    for name, url in documents.items():
        response = client.get(url)
        assert response.status_code == 200, url
        (out / f"{name}.html").write_bytes(response.content)
    response = client.get("/no-such-page/")
    (out / "not_found.html").write_bytes(response.content)
    response = client.post(demo_pages["form"], {"your_name": ""}, HTTP_ORIGIN="http://testserver")
    assert b"error-summary" in response.content
    (out / "form_errors.html").write_bytes(response.content)

    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    report = "\n".join(
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')} | {m.get('extract', '').strip()[:120]}"
        for m in errors
    )
    assert not errors, f"{len(errors)} Nu HTML checker errors:\n{report}"

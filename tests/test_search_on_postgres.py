"""PostgreSQL's search tests, run from a SQLite run whenever a local PostgreSQL answers.

Why: search on PostgreSQL is its own code (search/one_statement.py, the split match, the
index check), and its parity tests compare it with modelsearch's own path. They skip on
SQLite, so ``make test`` (SQLite) never ran them and a change could pass locally and break
only in CI's second pass. This test runs those files in a child pytest with
``DATABASE_URL`` pointing at PostgreSQL (``JACKSON_POSTGRES_TEST_URL``), in a test database
of its own (suffix ``<JACKSON_TEST_DB_SUFFIX>_search``), so two runs never share one.

- A machine without PostgreSQL skips it, saying so; in CI (``CI=true``) it fails instead.
- On a run that is itself on PostgreSQL it skips: those files run there directly.
- CI sets ``JACKSON_POSTGRES_PHASE_FOLLOWS=1`` for its SQLite run, because its next phase runs
  these files (and more) on PostgreSQL: the two minutes are not spent twice.
- Ask Jackson's accuracy tests run in the same child (``test_ask_jackson_accuracy_on_postgres``),
  so one test database is migrated and one demo city seeded for both.
"""

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import dj_database_url
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
PHASE_FOLLOWS = "JACKSON_POSTGRES_PHASE_FOLLOWS"
#: The files that need PostgreSQL: its own search path, the parity tests, the index check,
#: and the service/form grouping, which the statement does in SQL. (The relevance suite runs
#: on PostgreSQL in CI's second pass.)
FILES = [
    "tests/test_search_postgres.py",
    "tests/test_search_postgres_parity.py",
    "tests/test_search_checks.py",
    "tests/test_search_services.py",
]


def postgres_url():
    return os.environ.get("JACKSON_POSTGRES_TEST_URL", "") or DEFAULT_URL


def unreachable(url):
    """Why PostgreSQL at ``url`` cannot be used, or "" if it answers."""
    import psycopg

    config = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return ""
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def child_environment(url):
    env = dict(os.environ)
    suffix = env.get("JACKSON_TEST_DB_SUFFIX", "")
    env["DATABASE_URL"] = url
    env["JACKSON_TEST_DB_SUFFIX"] = f"{suffix}_search" if suffix else "search"
    return env


#: Ask Jackson's accuracy tests (tests/test_ask_jackson.py), run again on PostgreSQL from a SQLite
#: run. They share the child run above: one test database and one seed of the demo city for both.
ASK_TESTS = [
    "tests/test_ask_jackson.py::test_top_one_accuracy_on_demo_city",
    "tests/test_ask_jackson.py::test_off_topic_questions_are_not_answered",
]
ASK_CLASSNAME = "tests.test_ask_jackson"


def _wanted_parts(request):
    """Which of this module's two tests will use the child run: {"search", "ask"}."""
    module = request.node.nodeid
    names = {item.name for item in request.session.items if item.nodeid.split("::")[0] == module}
    parts = set()
    if "test_postgres_search_files_pass_on_postgres" in names and os.environ.get(PHASE_FOLLOWS) != "1":
        parts.add("search")
    if "test_ask_jackson_accuracy_on_postgres" in names:
        parts.add("ask")
    return parts


@pytest.fixture(scope="module")
def postgres_run(request, tmp_path_factory):
    """One child pytest on PostgreSQL for both tests of this module; None where it cannot run.

    Returns (url, outcomes {(classname, name): "passed" | "failed" | "skipped"}, stdout, stderr).
    """
    parts = _wanted_parts(request)
    if connection.vendor == "postgresql" or not parts:
        return None
    url = postgres_url()
    reason = unreachable(url)
    if reason:
        return url, reason, "", ""
    report = tmp_path_factory.mktemp("postgres_run") / "junit.xml"
    targets = (FILES if "search" in parts else []) + (ASK_TESTS if "ask" in parts else [])
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "--create-db", f"--junitxml={report}", *targets],
        cwd=ROOT,
        env=child_environment(url),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    outcomes = {}
    if report.exists():
        # The report our own child pytest just wrote, not outside input.
        for case in ElementTree.parse(report).getroot().iter("testcase"):  # noqa: S314
            kinds = {child.tag for child in case}
            outcome = "failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed"
            outcomes[(case.get("classname"), case.get("name"))] = outcome
    return url, outcomes, result.stdout, result.stderr


def _unreachable(url, reason, what):
    message = f"PostgreSQL at {url} is not reachable ({reason}); {what}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " CI has PostgreSQL: start it before the tests (.ci/run does).")
    pytest.skip(message + " Start PostgreSQL or set JACKSON_POSTGRES_TEST_URL to run them.")


@pytest.mark.slow
def test_postgres_search_files_pass_on_postgres(postgres_run, capsys):
    if connection.vendor == "postgresql":
        pytest.skip("This run is on PostgreSQL: the PostgreSQL search tests run in it directly.")
    if os.environ.get(PHASE_FOLLOWS) == "1":
        pytest.skip("A PostgreSQL run of these files follows this one (.ci/run): not run twice.")
    url, outcomes, stdout, stderr = postgres_run
    if isinstance(outcomes, str):
        _unreachable(url, outcomes, "its search tests did not run.")
    mine = {case: outcome for case, outcome in outcomes.items() if case[0] != ASK_CLASSNAME}
    counts = {kind: sum(1 for outcome in mine.values() if outcome == kind) for kind in ("passed", "failed", "skipped")}
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    with capsys.disabled():
        print(f"\nPostgreSQL search tests ({url}): {summary}")
    assert mine and counts["failed"] == 0, stdout[-6000:] + stderr[-3000:]
    assert counts["passed"] and not counts["skipped"], summary
    assert {classname for classname, _name in mine} == {path.removesuffix(".py").replace("/", ".") for path in FILES}, (
        "every file ran"
    )


@pytest.mark.slow
def test_ask_jackson_accuracy_on_postgres(postgres_run, capsys):
    """From a SQLite run, Ask Jackson's accuracy tests again on a local PostgreSQL (skipped when none answers).

    Moved here from tests/test_ask_jackson.py (``test_accuracy_on_postgres``) to share one child
    run, one test database and one seed with the search files above.
    """
    if connection.vendor == "postgresql":
        pytest.skip("This run is on PostgreSQL: the accuracy test in tests/test_ask_jackson.py ran on it.")
    url, outcomes, stdout, stderr = postgres_run
    if isinstance(outcomes, str):
        _unreachable(url, outcomes, "Ask Jackson's accuracy there was not measured.")
    lines = [line for line in stdout.splitlines() if line.startswith(("Ask Jackson on", "  MISS"))]
    with capsys.disabled():
        print("\n" + "\n".join(lines or ["(no accuracy line)"]))
    mine = {name: outcome for (classname, name), outcome in outcomes.items() if classname == ASK_CLASSNAME}
    assert sorted(mine) == sorted(test.split("::")[1] for test in ASK_TESTS), stdout[-6000:] + stderr[-3000:]
    assert set(mine.values()) == {"passed"}, stdout[-6000:] + stderr[-3000:]
    assert any(line.startswith("Ask Jackson on postgresql") for line in lines)

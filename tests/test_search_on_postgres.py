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
"""

import os
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.slow
def test_postgres_search_files_pass_on_postgres(capsys):
    if connection.vendor == "postgresql":
        pytest.skip("This run is on PostgreSQL: the PostgreSQL search tests run in it directly.")
    if os.environ.get(PHASE_FOLLOWS) == "1":
        pytest.skip("A PostgreSQL run of these files follows this one (.ci/run): not run twice.")
    url = postgres_url()
    reason = unreachable(url)
    if reason:
        message = f"PostgreSQL at {url} is not reachable ({reason}); its search tests did not run."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " CI has PostgreSQL: start it before the tests (.ci/run does).")
        pytest.skip(message + " Start PostgreSQL or set JACKSON_POSTGRES_TEST_URL to run them.")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--create-db", *FILES],
        cwd=ROOT,
        env=child_environment(url),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    with capsys.disabled():
        print(f"\nPostgreSQL search tests ({url}): {summary}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in summary and "skipped" not in summary, summary

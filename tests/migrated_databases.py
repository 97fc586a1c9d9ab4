"""Migrate the test database once per set of migrations, not once per test process.

Why: running every migration (Wagtail's hundred and ours) takes 30 to 40 seconds, almost all
of it Django rendering historical model states, and every test process paid it: two pytest-xdist
workers, the child PostgreSQL run of ``tests/test_search_on_postgres.py``, CI's PostgreSQL phase.
The result only changes when a migration does, so it is kept and reused, the way pytest-django's
``--reuse-db`` keeps a database, but keyed by what went into it, so a changed migration can never
be answered with a stale schema.

- **The key** (``fingerprint``) hashes the Django and SQLite versions, ``INSTALLED_APPS`` in order,
  every file of every installed app's migrations package, and the project modules that our
  migrations import (``search.starter_synonyms`` fills the synonyms table, for instance).
- **SQLite**: the migrated database is copied into
  ``~/.cache/jackson/test-databases/<key>.sqlite3`` (``$XDG_CACHE_HOME`` is honoured;
  ``JACKSON_TEST_DB_CACHE`` names another directory) with SQLite's backup API; a later process,
  in this checkout or another clone, copies it into its in-memory test database the same way.
  A file lock makes the second xdist worker wait for the first one's migration rather than run
  its own beside it.
- **PostgreSQL**: the migrated test database is copied to a database named
  ``jackson_migrated_<key>``, and later test databases are created from it with
  ``CREATE DATABASE ... TEMPLATE``, which copies files instead of running migrations. Copies under
  older keys are dropped.
- ``JACKSON_TEST_DB_CACHE=off`` migrates every time, as Django does.

Everything after the migration (the serialized snapshot for serialized rollback, the cache table)
still runs as Django's ``create_test_db`` runs it.
"""

import ast
import contextlib
import fcntl
import hashlib
import os
import sqlite3
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.creation import BaseDatabaseCreation

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PREFIX = "jackson_migrated_"


def cache_setting():
    return os.environ.get("JACKSON_TEST_DB_CACHE", "")


def cache_directory():
    value = cache_setting()
    if value and value != "off":
        return Path(value)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jackson" / "test-databases"


def _project_modules_imported_by(path):
    """Project modules a migration file imports (their code decides what the migration writes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            if (ROOT / name.split(".")[0]).is_dir():
                yield name


def fingerprint(connection):
    """What the migrated database depends on, hashed: any change gives a new key."""
    import django

    digest = hashlib.sha256()
    digest.update(f"django {django.__version__} sqlite {sqlite3.sqlite_version} {connection.vendor}\n".encode())
    digest.update("\n".join(settings.INSTALLED_APPS).encode())
    imported = set()
    for app_config in apps.get_app_configs():
        spec = find_spec(f"{app_config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        directory = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(directory.glob("*.py")):
            digest.update(f"{app_config.label}/{path.name}\n".encode())
            digest.update(path.read_bytes())
            if directory.is_relative_to(ROOT):
                imported.update(_project_modules_imported_by(path))
    for name in sorted(imported):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            digest.update(f"{name}\n".encode())
            digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def _file_lock(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _finish_like_django(creation, serialize):
    """The rest of Django's ``create_test_db`` after its migrate step."""
    if serialize:
        creation.connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=creation.connection.alias)
    creation.connection.ensure_connection()


def _create_unmigrated(creation, verbosity, autoclobber):
    """Django's ``create_test_db`` up to its migrate step: make the database, point the connection at it."""
    name = creation._create_test_db(verbosity, autoclobber, keepdb=False)
    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name
    return name


def _sqlite_create(original, creation, verbosity, autoclobber, serialize):
    copy = cache_directory() / f"{fingerprint(creation.connection)}.sqlite3"
    with _file_lock(copy.with_suffix(".lock")):
        if not copy.exists():
            name = original(creation, verbosity, autoclobber, serialize)
            partial = copy.with_suffix(".partial")
            target = sqlite3.connect(partial)
            try:
                creation.connection.connection.backup(target)
            finally:
                target.close()
            os.replace(partial, copy)
            return name
        name = _create_unmigrated(creation, verbosity, autoclobber)
        creation.connection.ensure_connection()
        source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            source.backup(creation.connection.connection)
        finally:
            source.close()
    _finish_like_django(creation, serialize)
    return name


def _postgres_template_exists(creation, template):
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        return cursor.fetchone() is not None


def _postgres_keep_as_template(creation, name, template):
    """Copy the freshly migrated test database to ``template``, and drop copies under older keys."""
    creation.connection.close()
    with creation._nodb_cursor() as cursor:
        with contextlib.suppress(Exception):
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s", [TEMPLATE_PREFIX + "%", template]
        )
        for (old,) in cursor.fetchall():
            with contextlib.suppress(Exception):
                cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')
    creation.connection.ensure_connection()


def _postgres_create(original, creation, verbosity, autoclobber, serialize):
    template = TEMPLATE_PREFIX + fingerprint(creation.connection)
    test_settings = creation.connection.settings_dict["TEST"]
    if test_settings.get("TEMPLATE") or not _postgres_template_exists(creation, template):
        name = original(creation, verbosity, autoclobber, serialize)
        if not test_settings.get("TEMPLATE"):
            _postgres_keep_as_template(creation, name, template)
        return name
    test_settings["TEMPLATE"] = template
    try:
        name = _create_unmigrated(creation, verbosity, autoclobber)
    finally:
        test_settings.pop("TEMPLATE")
    _finish_like_django(creation, serialize)
    return name


def install():
    """Wrap ``create_test_db`` for every backend (called once from tests/conftest.py)."""
    original = BaseDatabaseCreation.create_test_db
    if getattr(original, "_jackson_migrates_once", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb or cache_setting() == "off" or self.connection.settings_dict["TEST"].get("MIGRATE") is False:
            return original(self, verbosity, autoclobber, serialize, keepdb)
        if self.connection.vendor == "sqlite" and self.is_in_memory_db(self._get_test_db_name()):
            return _sqlite_create(original, self, verbosity, autoclobber, serialize)
        if self.connection.vendor == "postgresql":
            return _postgres_create(original, self, verbosity, autoclobber, serialize)
        return original(self, verbosity, autoclobber, serialize, keepdb)

    create_test_db._jackson_migrates_once = True
    BaseDatabaseCreation.create_test_db = create_test_db

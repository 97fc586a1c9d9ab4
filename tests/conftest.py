"""Shared fixtures: a small city page tree, built per test or once per module.

Following the bakerydemo habit, tests build the few pages they need rather
than loading one large fixture. ``city`` returns the home page and the
city-wide index pages; ``department`` adds a department with one page of each
kind inside it.
"""

import copy
import datetime
import functools
import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from departments.models import (
    ContactPage,
    DepartmentIndexPage,
    DepartmentPage,
    DirectoryPage,
    FAQIndexPage,
    FAQPage,
    ServiceIndexPage,
    ServicePage,
)
from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests import migrated_databases


def add_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def staff_account(name, *groups, email=True, **extra):
    """An account called ``name`` (password "pw"; ``name``@example.gov unless ``email=False``) in ``groups``."""
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.create_user(name, f"{name}@example.gov" if email else "", "pw", **extra)
    account.groups.add(*groups)
    return account


def _build_home():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
    home.title = "City of Jackson"
    home.hero_text = "Services, news and events for the people of Jackson."
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "City of Jackson"}
    )
    return home


def _build_city(home):
    return {
        "home": home,
        "departments": add_child(home, DepartmentIndexPage(title="Departments", slug="departments")),
        "services": add_child(home, ServiceIndexPage(title="Services", slug="services")),
        "faq": add_child(home, FAQIndexPage(title="Frequently asked questions", slug="faq", menu_title="FAQ")),
        "directory": add_child(
            home, DirectoryPage(title="Contact directory", slug="directory", menu_title="Directory")
        ),
        "news": add_child(home, NewsIndexPage(title="News", slug="news")),
        "events": add_child(home, EventIndexPage(title="Events", slug="events")),
        "about": add_child(home, StandardPage(title="About Jackson", slug="about", intro="Our city.")),
    }


def _build_department(city):
    dept = add_child(
        city["departments"],
        DepartmentPage(
            title="Public Works",
            slug="public-works",
            intro="Streets, drainage and trash collection.",
            phone="601-555-0100",
            email="publicworks@example.gov",
        ),
    )
    now = timezone.now()
    return {
        "department": dept,
        "service": add_child(
            dept,
            ServicePage(
                title="Report a pothole",
                slug="report-a-pothole",
                intro="Tell us about a pothole on a city street.",
                action_type="report",
                action_url="https://example.gov/report",
            ),
        ),
        "faq": add_child(
            dept,
            FAQPage(title="When is trash picked up?", slug="trash-day", answer="<p>Once a week on your route day.</p>"),
        ),
        "contact": add_child(
            dept,
            ContactPage(
                title="Dana Whitfield", slug="dana-whitfield", role="Street Superintendent", phone="601-555-0142"
            ),
        ),
        "news": add_child(
            dept,
            NewsPage(
                title="Paving starts on State Street",
                slug="paving-state-street",
                date=datetime.date.today(),
                summary="Crews begin resurfacing next week.",
            ),
        ),
        "event": add_child(
            dept,
            EventPage(
                title="Spring cleanup day",
                slug="spring-cleanup",
                start=now + datetime.timedelta(days=7),
                end=now + datetime.timedelta(days=7, hours=3),
                summary="Bring bulky items to the city yard.",
                venue_name="City Yard",
            ),
        ),
        "form": add_child(dept, FormPage(title="Contact Public Works", slug="contact-public-works")),
    }


# ---------- one tree per module ----------
#
# Building the tree publishes about twenty pages (revisions, search index, reference
# index, log entries), which costs far more than most tests that read it. A module
# marked ``pytestmark = pytest.mark.shared_tree`` builds it once, inside a transaction
# that is rolled back when the module ends (what Django's TestCase.setUpTestData does
# for a class). Each test still runs in its own savepoint inside that transaction, so
# whatever a test writes is undone before the next one, and each test gets its own
# deep copy of the page objects, so changes made in memory do not leak either.


@pytest.fixture(scope="module")
def tree_transaction(django_db_setup, django_db_blocker, _serialized_db_contents):
    """A transaction open for the whole module, rolled back at its end.

    Module fixtures are set up before any test's own fixtures, so the tree a flush may have
    emptied (a migration or live-server test run earlier in this process) is restored here too.
    """
    with django_db_blocker.unblock():
        restore_migration_snapshot(_serialized_db_contents)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture(scope="module")
def city_once(tree_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        return _build_city(_build_home())


@pytest.fixture(scope="module")
def department_once(city_once, django_db_blocker):
    with django_db_blocker.unblock():
        return _build_department(city_once)


def _shared(request):
    return request.node.get_closest_marker("shared_tree") is not None


@pytest.fixture(scope="module", autouse=True)
def _shared_tree(request):
    """Build the shared tree before any test's own transaction opens (module scope runs first)."""
    if request.node.get_closest_marker("shared_tree") is not None:
        request.getfixturevalue("department_once")


@pytest.fixture
def home(request, db):
    if _shared(request):
        return copy.deepcopy(request.getfixturevalue("city_once")["home"])
    return _build_home()


@pytest.fixture
def city(request, home):
    """Home page plus every city-wide index page."""
    if _shared(request):
        city = copy.deepcopy(request.getfixturevalue("city_once"))
        city["home"] = home
        return city
    return _build_city(home)


@pytest.fixture
def department(request, city):
    """A department with one page of each kind in its subtree."""
    if _shared(request):
        return copy.deepcopy(request.getfixturevalue("department_once"))
    return _build_department(city)


@pytest.fixture(scope="session", autouse=True)
def _serialized_db_contents(django_db_setup):
    """The database as migrations left it, captured before any browser starts.

    Playwright's sync API switches greenlets, and Django keeps connections in
    context-local storage, so once a browser runs the ORM gets a fresh
    connection object without the snapshot pytest-django took for serialized
    rollback (tests/browser/conftest.py).
    """
    from django.db import connections

    contents = getattr(connections["default"], "_test_serialized_contents", None)
    if contents:
        # Django's teardown of a serialized-rollback test flushes without post_migrate only when
        # the connection it sees has the snapshot; a fresh connection object (made under a browser's
        # greenlet) would not, and post_migrate would recreate content types under new ids that the
        # next test's snapshot then collides with. On the class, every connection object has it.
        type(connections["default"])._test_serialized_contents = contents
        creation = type(connections["default"].creation)
        if not getattr(creation, "_loads_into_a_clean_database", False):
            creation.deserialize_db_from_string = _load_into_a_clean_database(creation.deserialize_db_from_string)
            creation._loads_into_a_clean_database = True
    return contents


def _load_into_a_clean_database(deserialize):
    """Wrap Django's serialized-rollback load so that it cannot create content types of its own.

    Building a Wagtail task or page calls ``ContentType.objects.get_for_model`` in ``__init__``.
    With ContentType's cache cold (a migration test clears it) and the table just flushed, that
    creates the content type under a new id, and the snapshot's own row then collides with it on
    (app_label, model). So the cache is filled with the snapshot's content types first. If the
    load still collides with rows left behind, the database is flushed without post_migrate and
    the load runs again.
    """
    from django.db import IntegrityError

    def load(self, data):
        remember_snapshot_content_types(data, self.connection.alias)
        try:
            return deserialize(self, data)
        except IntegrityError:
            call_command(
                "flush", database=self.connection.alias, interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            remember_snapshot_content_types(data, self.connection.alias)
            deserialize(self, data)
            reset_sequences(self.connection)

    return load


def remember_snapshot_content_types(serialized, alias):
    """Replace ContentType's cache with the snapshot's rows, so lookups never reach the table."""
    ContentType.objects.clear_cache()
    for (app_label, model), pk in snapshot_content_types(serialized).items():
        ContentType.objects._add_to_cache(alias, ContentType(pk=pk, app_label=app_label, model=model))


@pytest.fixture(autouse=True)
def _restore_serialized_db_contents(request, _serialized_db_contents, django_db_blocker):
    """Give every database test Wagtail's root page, locale and groups.

    A live-server (transactional) test ends with a flush, and pytest may order
    a plain ``db`` test after the browser tests; when the tree is gone, the
    migration-time snapshot is loaded again before the test starts. The
    snapshot is also put back on the connection for serialized rollback.
    """
    from django.db import connections

    connection = connections["default"]
    if _serialized_db_contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = _serialized_db_contents
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if uses_db:
        with django_db_blocker.unblock():
            restore_migration_snapshot(_serialized_db_contents)


def snapshot_content_types(serialized):
    """{(app_label, model): id} as the migration-time snapshot holds them."""
    if serialized not in _SNAPSHOT_TYPES:
        _SNAPSHOT_TYPES[serialized] = {
            (row["fields"]["app_label"], row["fields"]["model"]): row["pk"]
            for row in json.loads(serialized)
            if row["model"] == "contenttypes.contenttype"
        }
    return _SNAPSHOT_TYPES[serialized]


_SNAPSHOT_TYPES = {}


def restore_migration_snapshot(serialized, flush_first=False):
    """Load the migration-time snapshot again if the database has drifted from it.

    Drift is either a flush that emptied the tree, or content types under other ids than the
    snapshot's (a flush allowed to run post_migrate, a migration test taken back and forth).
    Left alone, the next serialized-rollback load collides with them on (app_label, model).
    ``flush_first``: load it whatever the database holds (the end of a module that committed rows).
    """
    from django.db import connections

    if not serialized:
        return
    if not flush_first:
        in_database = {
            (app_label, model): pk
            for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
        }
        if Page.objects.filter(depth=1).exists() and in_database == snapshot_content_types(serialized):
            return
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection = connections["default"]
    connection.creation.deserialize_db_from_string(serialized)
    reset_sequences(connection)


def reset_sequences(connection):
    """The snapshot's rows keep their ids, and PostgreSQL's sequences do not follow explicit
    ids: without a reset the next page or group created takes an id the snapshot holds."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def clock(monkeypatch):
    """Pin the submission guard's clock; tests move it with ``clock[0] += seconds``."""
    from core.protection import SubmissionGuard

    now = [1_800_000_000.0]
    monkeypatch.setattr(SubmissionGuard, "now", staticmethod(lambda: now[0]))
    return now


def forget_kept_answers():
    """Empty the cache and the process's own copies (the content version, kept values).

    A rolled-back database sends no signals, so answers cached while its rows existed (search
    answers, the navigation) would otherwise outlive them.
    """
    from django.core.cache import cache

    from core import freshness

    cache.clear()
    freshness.forget_local_copy()
    freshness.forget_in_process_copies()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with nothing kept from the test before it (``forget_kept_answers``)."""
    forget_kept_answers()


def pytest_configure(config):
    """Let pytest-xdist hand out files in the order ``pytest_collection_modifyitems`` leaves them.

    By default ``--dist loadfile`` reorders files by their number of tests, which would scatter
    the files that share one demo city seed between other files (each return would seed again)
    and leave one-test files that take a minute (a child PostgreSQL run, Varnish) for the end.
    Test databases are migrated once per set of migrations (tests/migrated_databases.py).
    """
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False
    migrated_databases.install()


def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadfile``, hand every file that uses the seeded demo city to one worker.

    Each process that runs such a file seeds the city once (``_DemoSeed``, 15 to 30 seconds), so
    with plain ``loadfile`` both workers seeded it. Here those files are one unit of work, and every
    other file stays a unit of its own. (pytest-xdist's ``loadgroup`` would do this with marks, but
    it renames test ids in a way pytest 9 no longer reads.)
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class DemoCityOnOneWorker(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = super()._split_scope(nodeid)
            return "demo city" if _file_uses_seed(config.rootpath / path) else path

    return DemoCityOnOneWorker(config, log)


@functools.cache
def _file_uses_seed(path):
    """Whether a test file asks for the ``seeded`` fixture: read from its source, because the
    scheduler runs in the controlling process, which collects no tests. A use it misses (through
    another fixture) only costs that file's worker a seed of its own."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"def \w+\([^)]*\bseeded\b", source) is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Order files: the demo city's first, then slow ones, then by size, and browser tests last.

    - The files that use the seeded demo city (``seeded``) run one after another, so a process
      seeds it once (``_DemoSeed``); they go first because they are the longest.
    - Then files with tests marked ``slow``, then the rest by number of tests (most first, as
      pytest-xdist would order them), so the last files handed out are short ones.
    - Browser tests run last. They use a live server, whose transactional tests end by flushing
      the database; module-scoped fixtures elsewhere must never start from that flushed state.

    Within a file, pytest-django's order (which it has already set) is kept.
    """
    files = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)
    seeded_files = {name for name, file_items in files.items() if any(_uses_seed(item) for item in file_items)}
    config.stash[_SEEDED_MODULES] = seeded_files

    def order(entry):
        name, file_items = entry
        browser = any(item.get_closest_marker("browser") is not None for item in file_items)
        slow = any(item.get_closest_marker("slow") is not None for item in file_items)
        return (browser, name not in seeded_files, not slow, -len(file_items))

    items[:] = [item for _name, file_items in sorted(files.items(), key=order) for item in file_items]


class _DemoSeed:
    """The demo city, seeded once per process and held in an open transaction.

    Seeding takes 15 to 30 seconds, and most modules that use it only read it. So the seed is
    not rolled back when a module that used it ends: the next module that uses it starts from
    the same seed (inside a savepoint of its own, so what one module writes never reaches the
    next). The first module that does not use it rolls the seed back before any of its fixtures
    run (``_demo_seed_only_where_used``), so it sees the database exactly as before, and
    ``pytest_collection_modifyitems`` runs the modules that use it one after another.
    """

    def __init__(self):
        self.atomic = None
        self.output = None
        self.media = None

    def hold(self, tmp_path_factory, serialized):
        if self.atomic is None:
            self.media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
            self.media.enable()
            restore_migration_snapshot(serialized)
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                output = io.StringIO()
                call_command("seed_demo", stdout=output)
            except BaseException:
                self.release()
                raise
            self.output = output.getvalue()
        return self.output

    def release(self):
        if self.atomic is not None:
            atomic, self.atomic, self.output = self.atomic, None, None
            try:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
            finally:
                cache.clear()
                self.media.disable()
                self.media = None


_DEMO_SEED = _DemoSeed()


def _uses_seed(item):
    return "seeded" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def _demo_seed(django_db_setup, django_db_blocker):
    yield _DEMO_SEED
    with django_db_blocker.unblock():
        _DEMO_SEED.release()


@pytest.fixture(scope="module", autouse=True)
def _demo_seed_only_where_used(request, django_db_blocker):
    """A module that does not use the demo city never sees one left by the module before it."""
    if request.node.nodeid in request.config.stash.get(_SEEDED_MODULES, ()):
        # Every test of the module sees the city, whether or not a module before it left one.
        request.getfixturevalue("seeded")
    elif _DEMO_SEED.atomic is not None:
        with django_db_blocker.unblock():
            _DEMO_SEED.release()


_SEEDED_MODULES = pytest.StashKey[set]()


@pytest.fixture(scope="module")
def seeded(_demo_seed, django_db_blocker, tmp_path_factory, _serialized_db_contents):
    """The demo city (seed_demo) for the module; what the module writes is rolled back at its end.

    Returns what seed_demo printed. The seed itself is shared with the next module that uses it
    (``_DemoSeed``). Demo illustrations are written to a temporary MEDIA_ROOT, not the project's.
    The seed needs Wagtail's root page: a migration or live-server test that ran earlier in the
    same process (an xdist worker runs whatever files it is handed) ends with a flush, and this
    module fixture is set up before any per-test restore, so it restores the migration-time tree
    itself.
    """
    with django_db_blocker.unblock():
        output = _demo_seed.hold(tmp_path_factory, _serialized_db_contents)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield output
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()

"""Imports point one way: a lower layer never imports a higher one, nor a peer, not even inside a function.

The layers, bottom first (README "Architecture"):

- ``core``: the base page, shared blocks, listing helpers, caches and guards;
- ``departments``;
- ``news``, ``events``, ``forms``, ``feedback``, ``alerts``, ``reviews``, ``accounts``;
- ``home``;
- ``search``;
- ``api`` (it answers through the site's own search engine);
- ``demo``;
- ``jackson`` (the project: settings, URLs, middleware, the page cache) and ``bench``, which may import anything.

The check reads the source (``ast``), so it sees every ``import`` and ``from … import`` wherever it
is written, inside functions and methods too, plus ``importlib.import_module("…")`` and
``import_string("…")`` with a literal name. Migrations (Django writes them) and tests are left out.
A lower layer that must reach a higher one does so by name (``apps.get_model("home", "CitySettings")``)
or lets the higher app register with it (Wagtail hooks such as ``jackson_page_context``,
``core.freshness.connect_model``).
"""

import ast
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Bottom first. Apps in one layer are peers.
LAYERS = [
    {"core"},
    {"departments"},
    {"news", "events", "forms", "feedback", "alerts", "reviews", "accounts"},
    {"home"},
    {"search"},
    {"api"},
    {"demo"},
    {"jackson", "bench"},
]

#: Peer imports allowed on purpose, as ``(importer, imported)``, each with the reason beside it.
#: The top layer (the project package and the benchmarks) may import anything, peers included.
ALLOWED_PEER_IMPORTS = set()

#: Calls that import a module named by a string literal.
DYNAMIC_IMPORTS = {"import_module", "import_string"}

#: Folders under an app that are not its code.
SKIPPED_PARTS = {"migrations", "tests", "__pycache__", "node_modules", "static", "templates"}


def layer_of(layers):
    return {app: index for index, apps in enumerate(layers) for app in apps}


def imported_modules(tree, package_parts):
    """``(line, dotted name)`` for every import in ``tree``; ``package_parts`` (the file's package) resolves
    relative imports."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # ``from . import x`` in a/b/c.py means package a.b; each further dot goes one up.
                base = package_parts[: len(package_parts) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called in DYNAMIC_IMPORTS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield node.lineno, first.value


def python_files(root, apps):
    for app in sorted(apps):
        folder = root / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(root)
            if SKIPPED_PARTS.intersection(relative.parts[:-1]) or relative.name.startswith("test_"):
                continue
            yield relative


def find_violations(root=ROOT, layers=LAYERS, allowed=ALLOWED_PEER_IMPORTS):
    """Every import that points up a layer or sideways to a peer, as ``"file:line: …"`` lines."""
    layers_by_app = layer_of(layers)
    top = len(layers) - 1
    problems = []
    for relative in python_files(root, layers_by_app):
        importer = relative.parts[0]
        package_parts = list(relative.parent.parts)
        tree = ast.parse((root / relative).read_text(encoding="utf-8"), filename=str(relative))
        for line, name in imported_modules(tree, package_parts):
            imported = name.split(".")[0]
            if imported == importer or imported not in layers_by_app:
                continue
            mine, theirs = layers_by_app[importer], layers_by_app[imported]
            if theirs > mine:
                problems.append(
                    f"{relative}:{line}: {importer} (layer {mine}) imports {name} from a higher layer "
                    f"({imported}, layer {theirs})"
                )
            elif theirs == mine and mine != top and (importer, imported) not in allowed:
                problems.append(
                    f"{relative}:{line}: {importer} imports {name} from its peer {imported} (layer {mine}); "
                    "move what both need down a layer, or allow it in ALLOWED_PEER_IMPORTS with a reason"
                )
    return problems


def test_no_import_points_up_or_sideways():
    # Not vacuous: the apps' own code is read (a wrong root would find nothing and pass).
    assert len(list(python_files(ROOT, layer_of(LAYERS)))) > 100
    problems = find_violations()
    assert not problems, "Imports against the layers (README 'Architecture'):\n" + "\n".join(problems)


def test_every_app_has_a_layer():
    """A new app must be placed in LAYERS, or the check above would silently skip it."""
    placed = set(layer_of(LAYERS))
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages <= placed, f"Place these packages in tests/test_layers.py LAYERS: {sorted(packages - placed)}"


def plant(root, files):
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))


def test_the_check_catches_upward_sideways_and_dynamic_imports(tmp_path):
    layers = [{"core"}, {"news", "events"}, {"home"}, {"jackson"}]
    plant(
        tmp_path,
        {
            "core/__init__.py": "",
            "core/pages.py": """\
                from django.apps import apps

                def department_of(page):
                    from home.models import HomePage  # up, hidden in a function
                    return apps.get_model("home", "HomePage")  # by name: allowed
            """,
            "core/loader.py": """\
                import importlib

                def load():
                    return importlib.import_module("news.models")
            """,
            "news/__init__.py": "",
            "news/models.py": "from core.pages import department_of\nfrom events.models import EventPage\n",
            "news/wagtail_hooks.py": "from . import models\nfrom .models import department_of\n",
            "home/__init__.py": "",
            "home/models.py": "import core.pages\nfrom news import models\n",
            "home/migrations/0001_initial.py": "import jackson.urls\n",
            "jackson/__init__.py": "",
            "jackson/urls.py": "import home.models, news.models\n",
        },
    )
    problems = find_violations(tmp_path, layers, allowed=set())
    assert problems == [
        "core/loader.py:4: core (layer 0) imports news.models from a higher layer (news, layer 1)",
        "core/pages.py:4: core (layer 0) imports home.models from a higher layer (home, layer 2)",
        "news/models.py:2: news imports events.models from its peer events (layer 1); move what both need "
        "down a layer, or allow it in ALLOWED_PEER_IMPORTS with a reason",
    ]
    assert find_violations(tmp_path, layers, allowed={("news", "events")}) == problems[:2]

"""The demo app stays on top: installed only for development and tests, imported by no product app."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_APPS = ["accounts", "alerts", "departments", "events", "forms", "home", "jackson", "news", "search"]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_product_app_imports_the_demo():
    """Imports inside functions count too: a lower layer must not reach the demo at all."""
    offenders = []
    for app in PRODUCT_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            for module in imported_modules(path):
                if module == "demo" or module.startswith("demo."):
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders, offenders


@pytest.mark.parametrize(("module", "installed"), [("dev", True), ("test", True), ("base", False)])
def test_demo_is_installed_only_by_development_and_test_settings(module, installed):
    settings = importlib.import_module(f"jackson.settings.{module}")
    assert ("demo" in settings.INSTALLED_APPS) is installed


def test_production_settings_do_not_install_the_demo():
    """production.py refuses to import without its secrets, so read what it adds to the apps."""
    source = (ROOT / "jackson" / "settings" / "production.py").read_text(encoding="utf-8")
    assert '"demo"' not in source and "'demo'" not in source
    assert "from jackson.settings.base import *" in source

"""Wagtail's ``opensearch3`` backend, importable in this project.

``opensearch-py`` does ``from events import Events``, meaning the small
"Events" package from PyPI; but this project has a Django app called
``events`` at the top of ``sys.path``, which wins. We load the PyPI package
under a private name, show it as ``events`` only while ``opensearchpy``
imports, then put our app back. Nothing else changes: the backend class is
modelsearch's own.
"""

import importlib.util
import sys
import sysconfig
from pathlib import Path


def _pypi_events_module():
    for key in ("purelib", "platlib"):
        package_dir = Path(sysconfig.get_paths()[key]) / "events"
        init = package_dir / "__init__.py"
        if init.exists():
            spec = importlib.util.spec_from_file_location(
                "_pypi_events", init, submodule_search_locations=[str(package_dir)]
            )
            module = importlib.util.module_from_spec(spec)
            sys.modules["_pypi_events"] = module
            spec.loader.exec_module(module)
            return module
    raise ImportError("opensearch-py needs the 'Events' package from PyPI; pip install -r requirements.txt")


def import_opensearchpy():
    """Import opensearchpy with the PyPI ``events`` package standing in for our app."""
    if "opensearchpy" in sys.modules:
        return sys.modules["opensearchpy"]
    project_events = sys.modules.get("events")
    sys.modules["events"] = _pypi_events_module()
    try:
        import opensearchpy
        import opensearchpy.metrics  # noqa: F401  (the module that imports ``events``)
    finally:
        if project_events is not None:
            sys.modules["events"] = project_events
        else:
            del sys.modules["events"]
    return opensearchpy


import_opensearchpy()

from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend  # noqa: E402

SearchBackend = OpenSearch3SearchBackend

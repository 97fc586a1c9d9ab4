"""The city's events: event pages, their index and calendar feeds.

The app contributes ``upcoming_events`` to the home and department pages (``events.wagtail_hooks``,
through ``core.page_context``).

This package's name is also that of "Events", a small PyPI library that opensearch-py
(the OpenSearch client) imports with ``from events import Events`` to time its requests.
Python keeps one module per name and this app, first on ``sys.path``, is that module, so
``Events`` and ``EventsException`` are offered here as well (PEP 562's module
``__getattr__``): the library's own code, loaded from its installed file when first asked
for, under a private name, and never registered as a module of its own. Nothing else in
the project uses them; search/backends/opensearch3.py explains why no other way was taken.
"""

import functools
import importlib.metadata
import importlib.util

#: What opensearch-py asks this package for, from the "Events" distribution.
_LIBRARY_NAMES = ("Events", "EventsException")


@functools.cache
def _events_library():
    """The "Events" distribution's ``events/events.py``, run as a private module (it imports nothing)."""
    try:
        source = importlib.metadata.distribution("Events").locate_file("events/events.py")
    except importlib.metadata.PackageNotFoundError as error:
        raise ImportError("opensearch-py needs the 'Events' package: pip install -r requirements.txt") from error
    spec = importlib.util.spec_from_file_location("events._events_library", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def __getattr__(name):
    if name in _LIBRARY_NAMES:
        return getattr(_events_library(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Wagtail's ``opensearch3`` backend (modelsearch's own class, unchanged).

Why this module exists: opensearch-py 2.6 to 3.2 (every release with OpenSearch 3 support)
imports ``opensearchpy.metrics`` from its package ``__init__``, and that module does
``from events import Events``, meaning the PyPI library "Events". Our events app is the
top-level package ``events`` (a folder the project keeps), so that import finds our app.
Upstream has removed the dependency (opensearch-project/opensearch-py#1060, fixing #756),
but no release carries it yet; when one does, require it and drop the shim in
``events/__init__.py``.

The ways round it we did not take: renaming our app's Django label leaves the Python
package name colliding; there is no code path into the client that skips
``opensearchpy.metrics``; swapping ``sys.modules`` while opensearch-py imports (what this
module used to do) leaves a window where ``events`` is the wrong module for every other
thread, and an import hook would do the same to every import. Instead our ``events``
package answers ``from events import Events`` itself, with the library's own code loaded
from its installed file (``events/__init__.py``), so the name has one meaning all along.
"""

from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

SearchBackend = OpenSearch3SearchBackend

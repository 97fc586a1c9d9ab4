"""A fingerprint of the code this process runs, part of every kept page's and fragment's key.

Kept pages and fragments (``core.freshness``) are forgotten when content changes, but a deploy
changes no content: without this, the new release would serve the old release's pages for up to
``PAGE_CACHE_SECONDS``, with the old markup and links to static files by their old hashed names,
which whitenoise no longer has (unstyled pages for ten minutes after every deploy).

The fingerprint hashes the contents (not the dates) of the project's own source, templates and
static files, and the versions of Django and Wagtail, which render part of every page. Servers that
run the same release share a cache (Redis) and compute the same fingerprint, so they share kept
pages; during a rolling deploy old and new workers each keep their own. It is computed once per
process (about 10 ms for the whole tree).
"""

import functools
import hashlib
import importlib.metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings

#: What a release's rendering depends on; data files and docs are left out.
SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".json"}
#: Folders that hold no code the site runs.
SKIPPED = {"__pycache__", "node_modules", ".venv", "tests", "bench", "media", "staticfiles", ".git"}
PACKAGES = ("django", "wagtail")


def project_roots():
    """The project's own apps' folders, and the project package (settings, URLs, the site's own
    templates and static files), which is not an app."""
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots.add(base / settings.ROOT_URLCONF.split(".")[0])
    return sorted(root for root in roots if root.is_relative_to(base) and ".venv" not in root.parts)


def fingerprint_of(roots, packages=PACKAGES):
    """A short hex digest of the files below ``roots`` (paths relative to each root) and the packages' versions."""
    digest = hashlib.sha256()
    for name in packages:
        digest.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
    for root in roots:
        root = Path(root)
        for path in sorted(root.rglob("*")):
            if path.suffix not in SUFFIXES or SKIPPED.intersection(path.relative_to(root).parts) or not path.is_file():
                continue
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


@functools.cache
def fingerprint():
    """This process's fingerprint (see the module docstring)."""
    return fingerprint_of(project_roots())

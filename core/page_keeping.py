"""What a view or a hook tells the page cache about the response it is making.

The page cache (``jackson/page_cache.py``) sits above every app, so apps cannot import it;
they mark the request through these functions instead, and the cache reads the marks
after the view has answered.

- ``keep_out(request, reason)``: never keep this response on the server (a page behind a
  view restriction, the API).
- ``keep_until(request, moment)``: never serve this response, from the server's cache or a
  browser's, past ``moment`` (a page's ``expire_at``).
- ``redraw_with(request, part, state)``: this page holds a part its app redraws into a kept copy
  (the alert banner); ``keep_whole(request)``: never redraw this one.
- ``check_on_serve(request, name, state)``: check a kept copy each time it is served (a search
  page: are the pages it lists still public? and count the search); ``keep_here_only(request)``:
  keep it on the server only, never in a browser or a CDN.
"""

REFUSAL_ATTRIBUTE = "_page_cache_refusal"
DEADLINE_ATTRIBUTE = "_page_cache_deadline"


def keep_out(request, reason):
    setattr(request, REFUSAL_ATTRIBUTE, reason)


def refusal(request):
    """Why this response must not be kept, or None."""
    return getattr(request, REFUSAL_ATTRIBUTE, None)


def keep_until(request, moment):
    earlier = getattr(request, DEADLINE_ATTRIBUTE, None)
    if earlier is None or moment < earlier:
        setattr(request, DEADLINE_ATTRIBUTE, moment)


def deadline(request):
    """The aware datetime past which this response must not be served, or None."""
    return getattr(request, DEADLINE_ATTRIBUTE, None)


# ---------- parts redrawn on a kept page ----------
#
# Some parts of a page change without the page: the alert banner shows whatever alerts are
# showing now. Re-rendering every page when an alert is published is what made the emergency
# spike's p99 (every page's kept copy replaced at once, at the moment of the most traffic). So a
# kept page remembers how to redraw such a part, and the page cache redraws it into a kept copy
# of the rest, without the view, the page tree or SQL.

REDRAW_ATTRIBUTE = "_page_cache_redraw"
WHOLE_ATTRIBUTE = "_page_cache_whole"


def _note(request, attribute, name, state):
    """Add ``name: state`` to the dict the request holds under ``attribute``."""
    noted = getattr(request, attribute, None)
    if noted is None:
        noted = {}
        setattr(request, attribute, noted)
    noted[name] = state


def _noted(request, attribute):
    return dict(getattr(request, attribute, None) or {})


def redraw_with(request, part, state):
    """This page holds ``part``, which its app can redraw from ``state`` (plain, picklable data)."""
    _note(request, REDRAW_ATTRIBUTE, part, state)


def redraw_parts(request):
    """{part: state} for every redrawable part this response holds."""
    return _noted(request, REDRAW_ATTRIBUTE)


def keep_whole(request):
    """This page shows more than its redrawable parts depend on (the "Current alerts" list):
    a kept copy is only ever served whole, never redrawn."""
    setattr(request, WHOLE_ATTRIBUTE, True)


def kept_whole(request):
    return getattr(request, WHOLE_ATTRIBUTE, False)


# ---------- kept pages checked on every serve ----------
#
# A search results page lists other pages; one of them can stop being public with no write at
# all (its expiry passes). And every search is counted for the analytics, kept or not. So such a
# page is kept with what must be checked, and its app checks it each time the copy is served.

CHECK_ATTRIBUTE = "_page_cache_checks"
HERE_ONLY_ATTRIBUTE = "_page_cache_here_only"


def check_on_serve(request, name, state):
    """Serve a kept copy of this page only after ``name``'s check passes on ``state`` (plain data)."""
    _note(request, CHECK_ATTRIBUTE, name, state)


def serve_checks(request):
    """{name: state} for every check a kept copy of this response needs."""
    return _noted(request, CHECK_ATTRIBUTE)


def keep_here_only(request):
    """Keep this page on the server, but never let a browser or CDN keep it: every serve must reach
    us (to be checked and counted)."""
    setattr(request, HERE_ONLY_ATTRIBUTE, True)


def kept_here_only(request):
    return getattr(request, HERE_ONLY_ATTRIBUTE, False)

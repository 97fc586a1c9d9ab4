"""What a view or a hook tells the page cache about the response it is making.

The page cache (``jackson/page_cache.py``) sits above every app, so apps cannot import it;
they mark the request through these two functions instead, and the cache reads the marks
after the view has answered.

- ``keep_out(request, reason)``: never keep this response on the server (a page behind a
  view restriction; the search page, which keeps its own copies and counts every search).
- ``keep_until(request, moment)``: never serve this response, from the server's cache or a
  browser's, past ``moment`` (a page's ``expire_at``).
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

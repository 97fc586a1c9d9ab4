"""Page-serving rules every page shares: expired pages are gone, restricted pages are never kept."""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks

from core import page_keeping, visibility


# Wagtail checks view restrictions in an ``on_serve_page`` wrapper, which runs after every
# ``before_serve_page`` hook: these two always run, whatever that check answers.
@hooks.register("before_serve_page", order=-100)
def expired_pages_are_gone(page, request, serve_args, serve_kwargs):
    """A live page past its ``expire_at`` answers 404 at once.

    Wagtail unpublishes expired pages only when ``publish_scheduled`` runs from cron (every
    few minutes at best) and serves them until then; a notice that says "until 5 pm" must
    not be read at 5:03.
    """
    if page.expire_at is not None:
        if page.expire_at <= timezone.now():
            raise Http404("This page has expired.")
        page_keeping.keep_until(request, page.expire_at)


@hooks.register("before_serve_page", order=-99)
def restricted_pages_are_never_kept(page, request, serve_args, serve_kwargs):
    """A page behind a password, sign-in or group restriction is never kept for the public.

    Whatever the restriction check answers (the page for a visitor who passed it, a password
    form, a redirect), it depends on who is asking.
    """
    # The private sections' roots, kept under the content version that any restriction change
    # bumps: asking Wagtail (``page.get_view_restrictions()``) would cost two more queries a view.
    paths = visibility.private_paths()
    # An alias shows its source page, so its source's restrictions apply to it (as Wagtail does).
    sources = (page, page.alias_of) if page.alias_of_id else (page,)
    if paths and any(source.path.startswith(paths) for source in sources):
        page_keeping.keep_out(request, "view restriction")

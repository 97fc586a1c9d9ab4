"""Which parts of the page tree are private, read from the cache instead of the database.

Wagtail's ``PageQuerySet.public()`` loads every page view restriction each time
it is called: a home page calls it three times, a department page six, one
query each. Restrictions change only when an editor sets or lifts one (or moves
or deletes a page), and each of those bumps the content version
(``core.freshness``), so the list of private sections is kept under it.

``BasePage`` uses ``KeptPageManager``, so ``NewsPage.objects.live().public()``
and friends take their private sections from here, and its ``get_view_restrictions``
answers without a query for a page no restriction can reach (Wagtail asks it twice on
every page view: its own check, and whether the page may be kept by the page cache).
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core import freshness

KEEP_SECONDS = 60


def _sections():
    """(paths of pages with a view restriction, paths of alias pages), kept under the content version."""
    from wagtail.models import Page, PageViewRestriction

    def load():
        private = tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
        aliases = tuple(sorted(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)))
        return private, aliases

    # Tuples of strings, which nobody changes: every request of a process may share them.
    return freshness.kept("private-sections", KEEP_SECONDS, load, in_process=True)


def private_paths():
    """The tree paths of every page that has a view restriction (the root of each private section)."""
    return _sections()[0]


def sections():
    """``(private_paths(), alias paths)``: the roots of the private sections and every alias page's path."""
    return _sections()


def may_be_restricted(page):
    """False when no view restriction can apply to ``page``: it is in no private section and is neither
    an alias nor inside one (an alias takes its source page's restrictions, which its path does not show).
    """
    if page.alias_of_id is not None:
        return True
    private, aliases = _sections()
    return any(page.path.startswith(path) for path in (*private, *aliases))


class KeptPageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's ``private_q`` (the restricted pages and their descendants), from the kept paths."""
        q = Q()
        for path in private_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])


KeptPageManager = PageManager.from_queryset(KeptPageQuerySet)

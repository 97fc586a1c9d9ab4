"""Which parts of the page tree are private, read from the cache instead of the database.

Wagtail's ``PageQuerySet.public()`` loads every page view restriction each time
it is called: a home page calls it three times, a department page six, one
query each. Restrictions change only when an editor sets or lifts one (or moves
or deletes a page), and each of those bumps the content version
(``home.freshness``), so the list of private sections is kept under it.

``BasePage`` uses ``KeptPageManager``, so ``NewsPage.objects.live().public()``
and friends take their private sections from here.
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from home import freshness

KEEP_SECONDS = 60


def private_paths():
    """The tree paths of every page that has a view restriction (the root of each private section)."""
    from wagtail.models import PageViewRestriction

    def load():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return freshness.kept("private-paths", KEEP_SECONDS, load)


class KeptPageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's ``private_q`` (the restricted pages and their descendants), from the kept paths."""
        q = Q()
        for path in private_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])


KeptPageManager = PageManager.from_queryset(KeptPageQuerySet)

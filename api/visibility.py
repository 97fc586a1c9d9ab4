"""What the API may show: exactly what the website shows an anonymous visitor.

A page is shown when it is live (its published revision; never a draft or an unpublished
revision), public (no view restriction on it or above it, read through the site's own
``core.visibility`` helpers), not past its expiry date (``publish_scheduled`` may not have run
yet: the site answers 404 for it too), and inside the site's tree. An alias is shown only when
the page it copies is public too, since its restrictions are its source's.

An image is shown when a shown page uses it (a news story's picture, an image block or an image
in rich text), as Wagtail's reference index records (the admin's "Usage" of an image), and it is
not in a collection with a view restriction or below one. The library itself is not public: an
image uploaded for a draft story, used only on a private page, left over from a page since
unpublished, or kept in a restricted collection is not listed and is a 404 by id, as the site
shows it nowhere. The reference index is kept up to date by Wagtail on every save (inline, or
by the task worker with ``TASKS_BACKEND=database``), and ``manage.py rebuild_references_index``
rebuilds it.

Whoever asks, signed in or not, gets the same answer: the API never reads the session, so an
editor's browser tab cannot see drafts or private pages through it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex, Site

from core.visibility import KeptPageQuerySet, may_be_restricted, sections


def _unexpired():
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def restrict(queryset, site, unexpired=True):
    """``queryset`` (of Page or a page model) narrowed to the pages the site shows anonymously.

    ``unexpired=False`` leaves the expiry date to the caller: for a list kept under the content
    version, which the clock passing an expiry date does not move (filter with ``is_unexpired``
    when the list is read).
    """
    queryset = queryset.live().public()
    if unexpired:
        queryset = queryset.filter(_unexpired())
    private, aliases = sections()
    if private and aliases:  # (kept lists: without either, no alias can copy a private page)
        private_q = KeptPageQuerySet(Page).private_q()
        queryset = queryset.exclude(Q(alias_of__isnull=False) & Q(alias_of__in=Page.objects.filter(private_q)))
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return queryset


def pages(site, unexpired=True):
    """Every shown page, as plain ``Page`` rows (``.specific()`` them when their fields are needed)."""
    return restrict(KeptPageQuerySet(Page), site, unexpired=unexpired)


def is_unexpired(expire_at):
    return expire_at is None or expire_at > timezone.now()


def of_type(model, site):
    """Shown pages of one page model, with its own manager (its kept private sections, its methods)."""
    return restrict(model.objects.all(), site)


def site_for(request):
    """The site asked about, or the default site (the API answers for one site at a time)."""
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def shown_page(site, page_id):
    """The shown page with this id, specific, or None: two short queries (the page, then its own
    fields) and ``is_shown``, rather than compiling ``restrict``'s conditions for one row."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not is_shown(page, site):
        return None
    return page.specific


def is_shown(page, site):
    """``restrict`` for one page already loaded (a service's action page): no query unless it may be private."""
    if page is None or not page.live or not is_unexpired(page.expire_at):
        return False
    if site is not None and not page.path.startswith(site.root_page.path):
        return False
    if may_be_restricted(page):
        return pages(site).filter(pk=page.pk).exists()
    return True


def _in_private_collection():
    private = Q(pk__in=[])
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        private |= Q(collection__in=Collection.objects.filter(path__startswith=path))
    return private


def images(site):
    """The images a shown page of ``site`` uses, outside every restricted collection."""
    model = get_image_model()
    shown_page_ids = pages(site).annotate(key=Cast("pk", CharField(max_length=255))).values("key")
    used = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            object_id__in=shown_page_ids,
        )
        .annotate(image_id=Cast("to_object_id", IntegerField()))
        .values("image_id")
    )
    return model.objects.filter(pk__in=used).exclude(_in_private_collection())

"""``/pages/``: every page type, filtered, found by id or by site path, with its children and ancestors."""

from django.http import Http404
from ninja import Query, Router

from api import page_types, serialise, visibility
from api.listing import in_department, paginate, with_topic
from api.params import Id, Limit, Offset, SitePath, Slug
from api.schemas import Cards, Error, PageDetail, PageRef
from departments.models import FAQPage
from events.models import EventPage
from news.models import NewsPage

router = Router(tags=["pages"])

TAGGED = (NewsPage, EventPage, FAQPage)
ERRORS = {400: Error, 404: Error, 429: Error}


def _shown_page(context, page_id):
    page = visibility.shown_page(context.site, page_id)
    if page is None:
        raise Http404("No such page")
    return page


@router.get("/", response={200: Cards, **ERRORS}, summary="List pages")
def list_pages(
    request,
    type: page_types.PageType | None = Query(None, description="Only pages of this type."),
    department: Slug | None = Query(None, description="Only pages in this department (its slug)."),
    topic: Slug | None = Query(None, description="Only news, events and FAQs with this topic (its slug)."),
    limit: Limit = 20,
    offset: Offset = 0,
):
    context = serialise.Context.for_request(request)
    pages = visibility.pages(context.site)
    if type is not None:
        pages = pages.exact_type(page_types.MODELS[type.value])
    pages = in_department(context, pages, department)
    pages = with_topic(pages, topic, TAGGED)
    return paginate(pages.order_by("path").specific(), limit, offset, lambda page: serialise.card(context, page))


@router.get("/find/", response={200: PageDetail, **ERRORS}, summary="Find a page by its site path")
def find_page(request, path: SitePath = Query(..., description="A path on the site, e.g. /departments/parks/.")):
    context = serialise.Context.for_request(request)
    wanted = path.split("?", 1)[0].split("#", 1)[0].strip("/")
    url_path = context.root_path + (f"{wanted}/" if wanted else "")
    page = visibility.pages(context.site).filter(url_path=url_path).first()
    if page is None:
        raise Http404("No page at that path")
    return serialise.detail(context, page.specific)


@router.get("/{page_id}/", response={200: PageDetail, **ERRORS}, summary="A page, with its own fields and body")
def page_detail(request, page_id: Id):
    context = serialise.Context.for_request(request)
    return serialise.detail(context, _shown_page(context, page_id))


@router.get("/{page_id}/children/", response={200: Cards, **ERRORS}, summary="A page's shown children")
def page_children(request, page_id: Id, limit: Limit = 20, offset: Offset = 0):
    context = serialise.Context.for_request(request)
    parent = _shown_page(context, page_id)
    children = visibility.pages(context.site).child_of(parent).order_by("path").specific()
    return paginate(children, limit, offset, lambda page: serialise.card(context, page))


@router.get("/{page_id}/ancestors/", response={200: list[PageRef], **ERRORS}, summary="A page's ancestors")
def page_ancestors(request, page_id: Id):
    """From the home page down to the page's parent: the breadcrumbs."""
    context = serialise.Context.for_request(request)
    page = _shown_page(context, page_id)
    ancestors = visibility.pages(context.site).ancestor_of(page).order_by("depth").specific()
    return [serialise.page_ref(context, ancestor) for ancestor in ancestors]

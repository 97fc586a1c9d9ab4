"""``/site/``, ``/alerts/`` and ``/images/``: what a front end needs around the pages."""

from django.http import Http404
from ninja import Router

from alerts import active
from api import serialise, visibility
from api.listing import paginate
from api.params import Id, Limit, Offset
from api.schemas import Alerts, Error, Image, Images, SiteSettings
from home.models import CitySettings
from home.templatetags.jackson_tags import _sections

router = Router(tags=["site"])
ERRORS = {400: Error, 404: Error, 429: Error}


def _shown_url(context, page_id):
    if not page_id:
        return None
    page = visibility.pages(context.site).filter(pk=page_id).only("url_path").first()
    return context.url(page) if page is not None else None


@router.get("/site/", response={200: SiteSettings, **ERRORS}, summary="The city's name, contacts and navigation")
def site_settings(request):
    context = serialise.Context.for_request(request)
    city = CitySettings.for_site(context.site) if context.site else CitySettings()
    return {
        "name": city.city_name,
        "tagline": city.tagline,
        "phone": city.phone,
        "email": city.email,
        "street_address": city.street_address,
        "office_hours": city.office_hours,
        "social_links": [{"name": name, "url": url} for name, url in city.social_links],
        "navigation": [{"label": item["label"], "url": item["url"]} for item in _sections(request)["menu"]],
        "accessibility_url": _shown_url(context, city.accessibility_page_id),
        "privacy_url": _shown_url(context, city.privacy_page_id),
        "search_url": "/search/",
    }


@router.get("/alerts/", response={200: Alerts, **ERRORS}, summary="Alerts showing now")
def alerts(request):
    """Most severe first. ``scope`` says where each shows: the whole site, some departments or some pages."""
    context = serialise.Context.for_request(request)
    showing = active.showing()
    page_ids = {pk for alert in showing for pk in alert.page_ids}
    shown_ids = set(visibility.pages(context.site).filter(pk__in=page_ids).values_list("pk", flat=True))
    return {
        "items": [
            {
                "id": alert.id,
                "title": alert.title,
                "message": alert.message,
                "severity": alert.severity,
                "scope": alert.scope,
                "link_url": alert.link_url,
                "link_text": alert.link_text,
                "starts_at": alert.starts_at,
                "ends_at": alert.ends_at,
                "department_ids": [d.pk for d in context.departments if d.path in alert.department_paths],
                "page_ids": sorted(alert.page_ids & shown_ids),
                "hotlines": [{"label": h.label, "phone": h.phone} for h in alert.hotlines],
            }
            for alert in showing
        ]
    }


@router.get("/images/", response={200: Images, **ERRORS}, summary="Images shown on the site's pages")
def list_images(request, limit: Limit = 20, offset: Offset = 0):
    """The images a shown page uses (not the whole media library), newest first, with renditions and alt text."""
    site = visibility.site_for(request)
    images = serialise.with_renditions(visibility.images(site).order_by("-created_at", "-pk"))
    return paginate(images, limit, offset, serialise.image)


@router.get("/images/{image_id}/", response={200: Image, **ERRORS}, summary="One image shown on the site")
def image_detail(request, image_id: Id):
    """404 for an image no shown page uses (a draft's, a private page's) or in a restricted collection."""
    found = serialise.with_renditions(visibility.images(visibility.site_for(request)).filter(pk=image_id)).first()
    if found is None:
        raise Http404("No such image")
    return serialise.image(found)

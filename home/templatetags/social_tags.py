"""Open Graph and Twitter card tags, so a shared link shows the page's title, summary and picture.

Every public page gets them from ``base.html``: title (the SEO title or title), description (the
search description, else the page's own listing summary, else the city's tagline), the canonical
URL on the public host (``core.public_url``; never the request's Host), and an image with alt text:
the picture editors chose for the page's card (Promote tab, ``social_image``), else the page's
image where it has one with alt text (news), else the city's card
(``img/social-card.png``, the seal, 1200×630).

A page in a private section (or an alias) gets the city's card only: its password form renders
with the page in context, and a link preview must not show what the form protects.

No query of its own: the page is already loaded, and a page image's rendition is the size the
page itself shows (``width-1200``), which Wagtail keeps in its rendition cache.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from wagtail.models import Page

from core import structured_data
from core.public_url import public_base_url, public_url
from core.visibility import may_be_restricted

register = template.Library()

#: The rendition the news page shows, so the card costs nothing more.
IMAGE_SPEC = "width-1200"
CITY_CARD = "img/social-card.png"
CITY_CARD_SIZE = (1200, 630)


def _absolute(url, base):
    """A media or static URL on the public host; one already absolute (a CDN) is kept."""
    return url if url.startswith(("http://", "https://")) else public_url(url, base)


def _description(page, city):
    if page is not None:
        text = page.search_description
        if not text and hasattr(page, "listing_summary"):
            text = page.listing_summary()
        if text:
            return " ".join(str(text).split())
    return getattr(city, "tagline", "") or ""


def _image(page, city_name, base):
    """The card: the picture editors chose for it, else the page's own picture, else the city's card."""
    candidates = []
    if page is not None and getattr(page, "social_image_id", None):
        candidates.append((page.social_image, page.social_image_alt))
    if page is not None and getattr(page, "image_id", None):
        candidates.append((page.image, getattr(page, "image_alt", "")))
    for image, alt in candidates:
        alt = (alt or "").strip()
        if image is None or not alt:
            continue
        try:
            rendition = image.get_rendition(IMAGE_SPEC)
        except OSError:  # wagtail.images.models.SourceImageIOError: the file is missing
            continue
        return _absolute(rendition.url, base), alt, rendition.width, rendition.height
    width, height = CITY_CARD_SIZE
    return _absolute(static(CITY_CARD), base), f"The seal of the {city_name}", width, height


def city_reference(city_name, base):
    """The city as a publisher or parent organization: its name, home page and seal."""
    return {
        "@type": "GovernmentOrganization",
        "name": city_name,
        "url": public_url("/", base),
        "logo": {"@type": "ImageObject", "url": _absolute(static(CITY_CARD), base), "width": 1200, "height": 630},
    }


@register.simple_tag(takes_context=True)
def breadcrumb_data(context, page, crumbs):
    """The breadcrumbs as a schema.org ``BreadcrumbList`` (JSON, safe inside ``<script>``)."""
    request = context.get("request")
    city = context.get("city")
    describer = structured_data.Describer(
        base=public_base_url(request),
        city_name=getattr(city, "city_name", "") or settings.WAGTAIL_SITE_NAME,
        request=request,
    )
    return structured_data.script(structured_data.breadcrumb_list(crumbs, page, describer))


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    if page is not None and may_be_restricted(page):
        # A private page (or its password form, which renders with it) tells a link preview nothing.
        page = None
    city = context.get("city")
    city_name = getattr(city, "city_name", "") or settings.WAGTAIL_SITE_NAME
    base = public_base_url(request)
    title = (page.seo_title or page.title) if page is not None else city_name
    image_url, image_alt, width, height = _image(page, city_name, base)
    describer = structured_data.Describer(
        base=base,
        city_name=city_name,
        request=request,
        city=city,
        image=image_url,
        organization=city_reference(city_name, base),
    )
    describe = getattr(page, "linked_data", None)
    linked = describe(describer) if describe is not None else None
    return {
        "linked_data": structured_data.script(linked) if linked else "",
        "site_name": city_name,
        "title": title,
        "description": _description(page, city),
        "url": public_url(request.path if request is not None else "/", base),
        "type": "article" if getattr(page, "type_label", "") == "News" else "website",
        "image": image_url,
        "image_alt": image_alt,
        "image_width": width,
        "image_height": height,
    }

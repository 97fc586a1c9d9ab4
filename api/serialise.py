"""Pages, images and alerts as the plain dicts ``api.schemas`` describes.

One function per page type gives that type's own fields; the body (blocks and HTML) is added
only for a page's detail, because rendering it is the costly part. Links inside content are
site paths; ``Context`` holds what every item needs (the site's root path, the departments)
so a list of a hundred cards costs no query per card for them.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from api import page_types, visibility
from core import freshness

logger = logging.getLogger(__name__)

#: The rendition sizes every image offers: (name, Wagtail filter spec).
RENDITIONS = (("small", "max-400x400"), ("medium", "max-800x800"), ("large", "max-1600x1600"))


@dataclass
class Context:
    """What serialising needs from the request, read once."""

    request: object
    site: object
    root_path: str
    base_url: str
    departments: list = field(default_factory=list)

    @classmethod
    def for_request(cls, request):
        from search.engine import departments

        site = visibility.site_for(request)
        root_path = site.root_page.url_path if site else "/"
        base_url = getattr(settings, "WAGTAILAPI_BASE_URL", "") or ""
        return cls(request, site, root_path, base_url.rstrip("/"), list(departments()))

    def url(self, page):
        """The page's path on the site ("/" for the home page); "" outside the site."""
        url_path = getattr(page, "url_path", "") or ""
        if not url_path.startswith(self.root_path):
            return ""
        return "/" + url_path[len(self.root_path) :]

    def department_of(self, page):
        owner = None
        for department in self.departments:
            if page.path.startswith(department.path) and (owner is None or department.depth > owner.depth):
                owner = department
        return owner


def rich_text(value):
    """Stored rich text with its internal links made real (as the site's ``|richtext`` does)."""
    return expand_db_html(value or "")


def department_ref(context, department):
    if department is None:
        return None
    return {"id": department.pk, "slug": department.slug, "title": department.title, "url": context.url(department)}


def page_ref(context, page):
    return {"id": page.pk, "type": page_types.slug_of(page), "title": page.title, "url": context.url(page)}


def card(context, page):
    """The fields every page has, with ``page`` as the specific page (or a plain Page)."""
    url = context.url(page)
    summary = page.listing_summary() if hasattr(page, "listing_summary") else page.search_description
    return {
        "id": page.pk,
        "type": page_types.slug_of(page),
        "title": page.title,
        "slug": page.slug,
        "url": url,
        "full_url": f"{context.base_url}{url}",
        "summary": strip_tags(summary or ""),
        "department": department_ref(context, context.department_of(page)),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def _contact_details(page):
    return {
        "phone": page.phone,
        "email": page.email,
        "street_address": page.street_address,
        "office_hours": page.office_hours,
    }


#: Prefetch a list's topic tags with this: each page gets a plain list, where ``prefetch_related("tags")``
#: builds django-taggit's queryset once per page to hold them (about 1 ms a page).
TOPICS = Prefetch("tags", to_attr="topic_tags")


def _topics(page):
    tags = getattr(page, "topic_tags", None)
    return sorted(tag.name for tag in (page.tags.all() if tags is None else tags))


def _link_url(context, block_value):
    page = block_value.get("page")
    if page is not None:
        return context.url(page) if visibility.is_shown(page, context.site) else ""
    return block_value.get("url") or ""


def home_fields(context, page):
    return {
        "hero_heading": page.hero_heading,
        "hero_text": page.hero_text,
        "top_tasks": [
            {
                "label": task.value["label"],
                "description": task.value.get("description") or "",
                "url": _link_url(context, task.value),
            }
            for task in page.top_tasks
        ],
    }


def intro_fields(context, page):
    return {"intro": page.intro, "menu_title": getattr(page, "menu_title", "")}


def department_fields(context, page):
    return {
        "intro": page.intro,
        "director_name": page.director_name,
        "director_title": page.director_title,
        **_contact_details(page),
    }


def action_of(context, page):
    """The primary action, as the site's button has it: the chosen page while it is shown, else the external URL."""
    url = ""
    if page.action_page_id and visibility.is_shown(page.action_page, context.site):
        url = context.url(page.action_page)
    url = url or page.action_url
    if not url:
        return None
    return {"type": page.action_type, "label": page.action_text, "url": url}


def service_fields(context, page):
    return {
        "intro": page.intro,
        "audience": page.audience,
        "cost": page.cost,
        "action": action_of(context, page),
    }


def faq_fields(context, page):
    return {"question": page.title, "answer_html": rich_text(page.answer), "topics": _topics(page)}


def contact_fields(context, page):
    return {"kind": page.kind, "role": page.role, **_contact_details(page)}


def news_fields(context, page):
    image = None
    if page.image_id:
        image = {"id": page.image_id, "alt": page.image_alt or page.image.description or ""}
    return {"date": page.date, "image": image, "topics": _topics(page)}


def event_fields(context, page):
    """A single event's one date is the page's; a repeating one's is the date listed, else the next."""
    date = page.listed_date
    url = context.url(page)
    return {
        "start": date.start if date else page.start,
        "end": date.end if date else page.end,
        "all_day": page.all_day,
        "canceled": date.canceled if date else page.canceled,
        "status": date.status if date else "scheduled",
        "note": date.note if date else "",
        "date_url": url + date.path_suffix if date else url,
        "repeats": page.repeats,
        "venue_name": page.venue_name,
        "venue_address": page.venue_address,
        "online_url": page.online_url,
        "cost": page.cost,
        "registration_url": page.registration_url,
        "topics": _topics(page),
    }


def form_fields(context, page):
    return {"intro_html": rich_text(page.intro)}


def standard_fields(context, page):
    return {"intro": page.intro}


TYPE_FIELDS = {
    "home": home_fields,
    "standard": standard_fields,
    "department-index": intro_fields,
    "service-index": intro_fields,
    "faq-index": intro_fields,
    "directory": intro_fields,
    "news-index": intro_fields,
    "event-index": intro_fields,
    "department": department_fields,
    "service": service_fields,
    "faq": faq_fields,
    "contact": contact_fields,
    "news": news_fields,
    "event": event_fields,
    "form": form_fields,
}


def typed_card(context, page):
    """``card`` plus the page type's own fields (``page`` must be specific)."""
    data = card(context, page)
    data.update(TYPE_FIELDS[data["type"]](context, page))
    return data


# -- a page's detail ------------------------------------------------------------------------


def represent(block, value, site=None):
    """A block's value as JSON, as Wagtail's ``get_api_representation`` gives it, except that rich
    text is given with its internal links made real (Wagtail gives the stored form, whose
    ``<a linktype="page" id="…">`` no client can follow), and a chosen page that is not shown
    (a draft, a private page) is given as null, as the site shows no link to it."""
    if isinstance(block, blocks.PageChooserBlock):
        return value.pk if visibility.is_shown(value, site) else None
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if value is not None else "")
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child.block_type, "id": child.id, "value": represent(child.block, child.value, site)}
            for child in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {name: represent(child, value.get(name), site) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [represent(block.child_block, item, site) for item in value]
    return block.get_api_representation(value)


def body_fields(context, page):
    stream = getattr(page, "body", None)
    body, html = [], ""
    if stream is not None:
        body = represent(stream.stream_block, stream, context.site)
        html = str(stream.render_as_block())
    return {
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "body": body,
        "body_html": html,
    }


#: A department's detail lists its shown pages of these types.
DEPARTMENT_LISTS = {"services": "service", "contacts": "contact", "faqs": "faq", "forms": "form"}


#: How long a department's lists are kept (any publish, move or restriction forgets them at once).
DEPARTMENT_LISTS_SECONDS = 300


def _department_lists(context, page):
    """``(slug, id, title, url, expire_at)`` of the department's live public pages of the listed types,
    by title: one query for the four types, kept under the content version like the site's own
    department listings. Expiry dates are kept with them and judged when read, since the clock
    passing one does not move the version."""
    from django.contrib.contenttypes.models import ContentType

    def load():
        types = ContentType.objects.get_for_models(*(page_types.MODELS[slug] for slug in DEPARTMENT_LISTS.values()))
        slug_by_type = {content_type.pk: page_types.SLUGS[model] for model, content_type in types.items()}
        shown = (
            visibility.pages(context.site, unexpired=False)
            .descendant_of(page)
            .filter(content_type__in=slug_by_type)
            .order_by("title", "pk")
            .only("id", "title", "url_path", "content_type_id", "expire_at")
        )
        return [
            (slug_by_type[item.content_type_id], item.pk, item.title, context.url(item), item.expire_at)
            for item in shown
        ]

    site = context.site.pk if context.site else 0
    return freshness.kept(f"api-department-lists:{site}:{page.pk}", DEPARTMENT_LISTS_SECONDS, load)


def _department_extras(context, page):
    """The department's services, contacts, FAQs and forms, by title."""
    lists = {slug: [] for slug in DEPARTMENT_LISTS.values()}
    for slug, pk, title, url, expire_at in _department_lists(context, page):
        if visibility.is_unexpired(expire_at):
            lists[slug].append({"id": pk, "type": slug, "title": title, "url": url})
    return {name: lists[slug] for name, slug in DEPARTMENT_LISTS.items()}


def _service_extras(context, page):
    return {
        "steps": [
            {
                "title": step.value["title"],
                "detail_html": rich_text(step.value["detail"].source if step.value["detail"] else ""),
            }
            for step in page.steps
        ],
        "documents_needed_html": rich_text(page.documents_needed),
    }


def _news_extras(context, page):
    if not page.image_id:
        return {"image": None}
    picture = with_renditions(get_image_model().objects.filter(pk=page.image_id)).first()
    return {"image": image(picture, alt=page.image_alt) if picture is not None else None}


def _event_extras(context, page):
    url = context.url(page)
    return {
        "what_to_bring_html": rich_text(page.what_to_bring),
        "accessibility_html": rich_text(page.accessibility),
        "upcoming_dates": [
            {"start": d.start, "end": d.end, "status": d.status, "note": d.note, "url": url + d.path_suffix}
            for d in page.upcoming_dates(limit=50)
        ],
    }


def _form_extras(context, page):
    return {
        "fields": [
            {
                "name": field.clean_name,
                "label": field.label,
                "type": field.field_type,
                "required": field.required,
                "choices": [choice.strip() for choice in (field.choices or "").splitlines() if choice.strip()],
                "default_value": field.default_value or "",
                "help_text": field.help_text or "",
            }
            for field in page.form_fields.all()
        ],
        "thank_you_html": rich_text(page.thank_you_text),
        "submit_url": context.url(page),
    }


DETAIL_EXTRAS = {
    "department": _department_extras,
    "service": _service_extras,
    "news": _news_extras,
    "event": _event_extras,
    "form": _form_extras,
}


def detail(context, page):
    data = typed_card(context, page)
    data.update(body_fields(context, page))
    extras = DETAIL_EXTRAS.get(data["type"])
    if extras:
        data.update(extras(context, page))
    return data


# -- images ---------------------------------------------------------------------------------


def with_renditions(images):
    """``images`` (a queryset) with their renditions at the fixed sizes read in one query.

    ``image`` then finds its renditions among them: otherwise each is read from the rendition cache
    and written back to it, cache writes on every request.
    """
    return images.prefetch_renditions(*(spec for _name, spec in RENDITIONS))


def image(img, alt=""):
    """An image with its alt text and a rendition at each of the fixed sizes it can be made at
    (load it through ``with_renditions``)."""
    try:
        # All at once: found among the prefetched ones, nothing is written back to the cache
        # (``get_rendition`` writes each one it returns).
        made = img.get_renditions(*(spec for _name, spec in RENDITIONS))
    except Exception:  # noqa: BLE001 - one size at a time, to leave out only the one that fails
        made = {}
        for _name, spec in RENDITIONS:
            try:
                made[spec] = img.get_rendition(spec)
            except Exception:  # noqa: BLE001 - a missing or broken file leaves that size out, never a 500
                logger.warning("No %s rendition of image %s", spec, img.pk, exc_info=True)
    renditions = [
        {"name": name, "url": made[spec].url, "width": made[spec].width, "height": made[spec].height}
        for name, spec in RENDITIONS
        if spec in made
    ]
    return {
        "id": img.pk,
        "title": img.title,
        "alt": alt or img.description or "",
        "width": img.width,
        "height": img.height,
        "renditions": renditions,
    }

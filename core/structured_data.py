"""schema.org JSON-LD: what search engines and assistants read to know a page is a city office, a
service, a story, an event or a set of answers.

Why here, in the shared layer: every page type describes itself (``linked_data`` on the page
model, in the app that owns it), with the pieces in this module, so a department and the home page
write an address or opening hours the same way. The home page's template tag
(``home.templatetags.social_tags.structured_data``) turns the description into a
``<script type="application/ld+json">`` and the breadcrumbs add a ``BreadcrumbList``.

Everything is built from fields already loaded for the page itself: describing a page costs no
query (``tests/test_query_counts.py`` holds every page type to its count).

Free text (an address, opening hours) is parsed only where it reads unambiguously; what does not
parse is left out rather than guessed, because a wrong opening time in a search result is worse
than none.
"""

import json
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.public_url import public_url
from core.text import phone_digits

SCHEMA = "https://schema.org"

#: Google shows at most 110 characters of a headline.
HEADLINE_LENGTH = 110

_DAYS = {
    "monday": "Mo",
    "tuesday": "Tu",
    "wednesday": "We",
    "thursday": "Th",
    "friday": "Fr",
    "saturday": "Sa",
    "sunday": "Su",
}
_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?"
_RANGE = r"\s*(?:to|through|thru|until|-|–|—)\s*"
HOURS_RE = re.compile(rf"\b{_DAY}(?:{_RANGE}{_DAY})?\s*,?\s*(?:from\s+)?{_TIME}{_RANGE}{_TIME}", re.IGNORECASE)
ADDRESS_TAIL_RE = re.compile(
    r"^(?P<street>.+?),\s*(?P<locality>[A-Za-z][A-Za-z .'-]+?),?\s+"
    r"(?P<region>[A-Z]{2})\s+(?P<postal>\d{5}(?:-\d{4})?)\s*$",
    re.DOTALL,
)


@dataclass
class Describer:
    """What a page needs to describe itself: the public host and the city as an organization."""

    base: str
    city_name: str
    request: object = None
    #: The city's settings (``home.CitySettings``), read by attribute: it lives above this layer.
    city: object = None
    #: The page's card image (the page's own, else the city's), as the social tags chose it.
    image: str = ""
    #: The city as a ``GovernmentOrganization`` (name, URL, logo): a story's publisher, a department's parent.
    organization: dict = field(default_factory=dict)

    def url(self, path):
        """An absolute URL on the public host for one of the site's own paths (never an outside link)."""
        return public_url(path, self.base) if path else ""

    def page_url(self, page):
        return self.url(page.get_url(self.request))


def opening_hours(text):
    """schema.org ``openingHours`` ("Mo-Fr 08:00-17:00") from "Monday to Friday, 8:00 a.m. to 5:00 p.m.".

    Only the first days-and-times range is read; anything else gives None.
    """
    match = HOURS_RE.search(text or "")
    if not match:
        return None
    first, last, open_h, open_m, open_ap, close_h, close_m, close_ap = match.groups()
    days = _DAYS[first.lower()] + (f"-{_DAYS[last.lower()]}" if last else "")
    opens = _clock(open_h, open_m, open_ap)
    closes = _clock(close_h, close_m, close_ap)
    if opens is None or closes is None:
        return None
    return f"{days} {opens}-{closes}"


def _clock(hour, minute, meridiem):
    hour, minute = int(hour), int(minute or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}"


def postal_address(text, country="US"):
    """A ``PostalAddress`` from one written address ("City Hall, 219 Main Street, Jackson, MS 39201")."""
    text = " ".join((text or "").split())
    if not text:
        return None
    address = {"@type": "PostalAddress", "addressCountry": country}
    match = ADDRESS_TAIL_RE.match(text)
    if match:
        address.update(
            streetAddress=match["street"],
            addressLocality=match["locality"].strip(),
            addressRegion=match["region"],
            postalCode=match["postal"],
        )
    else:
        address["streetAddress"] = text
    return address


def telephone(number):
    """An international number ("+1-601-555-0100") where it reads as a North American one, else as written."""
    digits = phone_digits(number)
    if len(digits) == 10:
        return f"+1-{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return (number or "").strip()


def contact_point(phone, email, contact_type="customer service"):
    """A ``ContactPoint`` for a phone and email (either may be empty); None when both are."""
    if not phone and not email:
        return None
    point = {"@type": "ContactPoint", "contactType": contact_type, "areaServed": "US"}
    if phone:
        point["telephone"] = telephone(phone)
    if email:
        point["email"] = email
    return point


def organization(name, url, *, kind="GovernmentOrganization", phone="", email="", address="", hours="", **extra):
    """An organization with what residents look for: phone, email, address, opening hours."""
    data = {"@type": kind, "name": name, "url": url}
    if phone:
        data["telephone"] = telephone(phone)
    if email:
        data["email"] = email
    point = contact_point(phone, email)
    if point:
        data["contactPoint"] = [point]
    place = postal_address(address)
    if place:
        data["address"] = place
    when = opening_hours(hours)
    if when:
        data["openingHours"] = when
    data.update({key: value for key, value in extra.items() if value})
    return data


PRICE_RE = re.compile(r"\$\s*(\d{1,6}(?:,\d{3})*(?:\.\d{2})?)")


def offer(cost, url, currency="USD"):
    """An ``Offer`` from a written cost: "Free" is 0, "$25 per permit" is 25; other words as a description."""
    data = {"@type": "Offer", "url": url, "availability": f"{SCHEMA}/InStock"}
    words = (cost or "").strip()
    match = PRICE_RE.search(words)
    if words.lower().startswith(("free", "no cost", "no charge")):
        data.update(price="0", priceCurrency=currency)
    elif match:
        data.update(price=match[1].replace(",", ""), priceCurrency=currency)
    if words:
        data["description"] = words
    return data


def plain_text(html, length=None):
    """Visible text of rich text or a field, whitespace collapsed; truncated to ``length`` with an ellipsis."""
    text = " ".join(strip_tags(str(html or "")).split())
    return Truncator(text).chars(length) if length else text


def breadcrumb_list(crumbs, page, describer):
    """A ``BreadcrumbList`` from the ancestors the breadcrumbs already show, then the page itself."""
    items = [
        (("Home" if number == 0 else crumb.title), describer.page_url(crumb)) for number, crumb in enumerate(crumbs)
    ]
    items.append((page.title, describer.page_url(page)))
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, 1)
        ],
    }


def script(data):
    """``data`` as JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or ``&`` can break out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: JSON with every character that could end the script or start markup escaped.
    return mark_safe(text)  # noqa: S308

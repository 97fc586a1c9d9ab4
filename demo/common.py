"""Small helpers the demo data modules share.

The city is fictional: phone numbers sit in the 555-01xx range reserved for
fiction, email addresses and external systems use reserved example domains,
and street names are invented.
"""

import datetime
from html import escape
from zoneinfo import ZoneInfo

CITY_NAME = "City of Jackson"
CITY_HALL = "City Hall, 219 Magnolia Commons Street, Jackson, MS 39201"
CITY_HALL_HOURS = "Monday to Friday, 8:00 a.m. to 5:00 p.m. (closed on city holidays)"
MAIL_DOMAIN = "jackson.example.gov"
SERVICES_DOMAIN = "https://services.jackson.example.gov"
CITY_TZ = ZoneInfo("America/Chicago")


def email(local):
    return f"{local}@{MAIL_DOMAIN}"


def phone(last_two):
    """A fictional Jackson number: 601-555-01xx."""
    return f"601-555-01{last_two:02d}"


def para(text):
    """One paragraph of rich text. ``text`` may hold inline HTML (links, bold)."""
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def bullets(items, intro=""):
    lis = "".join(f"<li>{item}</li>" for item in items)
    lead = f"<p>{intro}</p>" if intro else ""
    return {"type": "paragraph", "value": f"{lead}<ul>{lis}</ul>"}


def callout(text, heading_text="", tone="info"):
    return {"type": "callout", "value": {"tone": tone, "heading": heading_text, "text": f"<p>{text}</p>"}}


def button(label, url):
    return {"type": "button", "value": {"label": label, "page": None, "url": url}}


def body(*blocks):
    """A StreamField body: plain strings become paragraphs."""
    return [para(block) if isinstance(block, str) else block for block in blocks]


def link(url, text):
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def rich_list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def city_today():
    return datetime.datetime.now(CITY_TZ).date()


def city_datetime(day, hhmm):
    """An aware datetime at local time ``hhmm`` ("18:30") on ``day`` in Jackson."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CITY_TZ)


def story(slug, title, department, days_ago, summary, paragraphs, tags):
    """One news story; ``department`` is a department slug, or None for /news/."""
    return {
        "slug": slug,
        "title": title,
        "department": department,
        "days_ago": days_ago,
        "summary": summary,
        "body": body(*paragraphs),
        "tags": tags,
    }

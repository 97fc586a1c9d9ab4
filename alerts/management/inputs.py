"""Reading the alert commands' arguments: durations, hotlines, departments, pages, users.

``publish_alert`` and ``expire_alert`` are run by on-call scripts and emergency-notification
systems, so every bad input becomes one clear :class:`CommandError` naming the argument, and
nothing is written until every argument has been read.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from wagtail.models import Page, Site

DURATION = re.compile(r"^(?:(?P<d>\d{1,3})d)?(?:(?P<h>\d{1,4})h)?(?:(?P<m>\d{1,5})m)?$")
LONGEST = timedelta(days=366)
#: Control characters other than tab and newline have no place in a notice (NUL breaks PostgreSQL).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def duration(value, option):
    """``30m``, ``6h``, ``2d``, ``1h30m`` (up to a year) as a timedelta."""
    text = (value or "").strip().lower()
    match = DURATION.match(text)
    if not text or not match or not any(match.groupdict().values()):
        raise CommandError(f"{option}: “{value[:40]}” is not a duration; write e.g. 30m, 6h, 2d or 1h30m.")
    parts = {key: int(number or 0) for key, number in match.groupdict().items()}
    result = timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"])
    if result > LONGEST:
        raise CommandError(f"{option}: at most a year ahead.")
    return result


def text(value, option, *, multiline=False):
    """Trimmed text with no control characters (HTML is kept as typed; the banner escapes it)."""
    value = (value or "").strip()
    if not multiline and ("\n" in value or "\r" in value):
        raise CommandError(f"{option}: must be a single line.")
    if CONTROL.search(value):
        raise CommandError(f"{option}: contains a control character (such as NUL); remove it.")
    return value


def link(value):
    value = text(value, "--link")
    if value and not value.lower().startswith(("https://", "http://")):
        raise CommandError("--link: must be a web address starting with https:// or http://.")
    return value


def hotline(value):
    """``"Label=601-555-0100"`` as (label, phone); the phone itself is checked by the model."""
    value = text(value, "--hotline")
    label, sep, phone = value.rpartition("=")
    label, phone = label.strip(), phone.strip()
    if not sep or not label or not phone:
        raise CommandError(f'--hotline: “{value[:60]}” should look like "Water line=601-555-0100".')
    return label, phone


def departments(slugs):
    from departments.models import DepartmentPage

    found = []
    for slug in slugs:
        slug = text(slug, "--department")
        department = DepartmentPage.objects.live().filter(slug=slug).first()
        if department is None:
            raise CommandError(f"--department: no published department with the slug “{slug[:60]}”.")
        found.append(department)
    return found


def pages(references):
    """Pages by id (``42``) or by URL path on the default site (``/departments/water/``)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    found = []
    for reference in references:
        reference = text(reference, "--page")
        if reference.isdigit():
            page = Page.objects.filter(pk=int(reference)).first()
        elif reference.startswith("/") and site is not None:
            inner = reference.strip("/")
            url_path = site.root_page.url_path + (f"{inner}/" if inner else "")
            page = Page.objects.filter(url_path=url_path).first()
        else:
            page = None
        if page is None:
            raise CommandError(f"--page: no page “{reference[:80]}” (give an id or a path like /departments/water/).")
        found.append(page)
    return found


def user(username):
    if not username:
        return None
    account = get_user_model().objects.filter(username=text(username, "--user"), is_active=True).first()
    if account is None:
        raise CommandError(f"--user: no active user “{username[:60]}”.")
    return account


def validation_message(error):
    """A ValidationError as "field: message" lines."""
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)

"""Kept fragments (``{% kept_fragment %}``, core/templatetags/kept_fragments.py) change nothing a visitor sees.

Every page type of the demo city is rendered with the fragments rendered afresh each time, and
then served from the kept copies; the two must be the same HTML, byte for byte, once the values
that differ on every request (the CSRF token, the feedback form's guard fields, the CSP nonce)
are masked.
"""

import re

import pytest
from django.test import override_settings

from core import freshness
from core.templatetags import kept_fragments
from departments.models import DepartmentPage, FAQPage, ServicePage
from events.models import EventPage
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def never_kept(self, context):
    return self.nodelist.render(context)


PER_REQUEST = [
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'),
    re.compile(r'(nonce=")[^"]*'),
    # The forms' signed render time changes every second (core/protection.py), kept or not.
    re.compile(r'(name="rendered_at" value=")[^"]*'),
]


def masked(html):
    for pattern in PER_REQUEST:
        html = pattern.sub(r"\1…", html)
    return html


@pytest.mark.parametrize(
    "path_of",
    [
        lambda: "/",
        lambda: DepartmentPage.objects.live().order_by("path").first().url,
        lambda: NewsPage.objects.live().order_by("-date", "-pk").first().url,
        lambda: EventPage.objects.live().order_by("path").first().url,
        lambda: ServicePage.objects.live().order_by("title").first().url,
        lambda: FAQPage.objects.live().order_by("path").first().url,
    ],
    ids=["home", "department", "news", "event", "service", "faq"],
)
def test_kept_fragments_leave_the_page_unchanged(seeded, client, monkeypatch, path_of):
    path = path_of()
    real_kept = freshness.kept
    computed, served = [], []

    def watched(name, seconds, compute, **options):
        def recorded():
            computed.append(name)
            return compute()

        value = real_kept(name, seconds, recorded, **options)
        if name.startswith("fragment:"):
            served.append(name)
        return value

    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path)  # the fragments kept
        with monkeypatch.context() as patched:
            patched.setattr(freshness, "kept", watched)
            kept = client.get(path)
        with monkeypatch.context() as patched:
            patched.setattr(kept_fragments.KeptFragmentNode, "render", never_kept)
            fresh = client.get(path)
    assert kept.status_code == fresh.status_code == 200
    # Not vacuous: the page has kept fragments, and all of them came from the cache.
    assert served and not [name for name in computed if name.startswith("fragment:")]
    assert masked(kept.content.decode()) == masked(fresh.content.decode())

"""Throttled page passwords: Wagtail's password form for private pages, with a limit on guessing.

Wagtail's ``authenticate_with_password`` view lets anyone try passwords for a
private page (``PageViewRestriction``) as fast as they like. This view runs in
front of it (jackson/urls.py routes the same path here first) and calls it
unchanged; it only counts the *failed* attempts, in the shared cache:

* per client and restriction: ``PAGE_PASSWORD_FAILURE_LIMIT`` failures, then that
  client waits ``PAGE_PASSWORD_COOLOFF_MINUTES``;
* per restriction from all clients together: ten times that, so guessing spread over
  many addresses is slowed too (at the price of pausing the form for everyone).

While throttled, even the right password is refused, with a message on the form.
Every failure is recorded in Wagtail's audit log for the page
(``jackson.page_password_failed``, shown in the page's history), with an HMAC of
the client's address, never the address itself.
"""

import logging

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction

from core.protection import count_in_window, hashed_client

logger = logging.getLogger(__name__)

LOG_ACTION = "jackson.page_password_failed"
WHOLE_RESTRICTION_FACTOR = 10


def failure_limit():
    return int(getattr(settings, "PAGE_PASSWORD_FAILURE_LIMIT", 5))


def cooloff_seconds():
    return int(getattr(settings, "PAGE_PASSWORD_COOLOFF_MINUTES", 15)) * 60


def throttle_message():
    minutes = cooloff_seconds() // 60
    return (
        f"Too many wrong passwords have been tried for this page. "
        f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
    )


def _keys(request, restriction_id):
    """(key, limit) pairs: this client on this restriction, and the restriction from everyone."""
    client = hashed_client(request, f"page-password:{restriction_id}")
    return [
        (f"page-password:{restriction_id}:{client}", failure_limit()),
        (f"page-password:{restriction_id}:all", failure_limit() * WHOLE_RESTRICTION_FACTOR),
    ]


def is_throttled(request, restriction_id):
    from django.core.cache import cache

    try:
        counts = cache.get_many([key for key, _limit in _keys(request, restriction_id)])
    except Exception:  # noqa: BLE001 - a cache outage must not lock residents out
        return False
    return any(counts.get(key, 0) >= limit for key, limit in _keys(request, restriction_id))


def record_failure(request, restriction, page):
    for key, _limit in _keys(request, restriction.pk):
        try:
            count_in_window(key, cooloff_seconds())
        except Exception:  # noqa: BLE001 - fail open, as the form guards do
            logger.warning("Page password throttle: cache unavailable", exc_info=True)
    log(
        instance=page,
        action=LOG_ACTION,
        user=request.user if request.user.is_authenticated else None,
        data={"restriction": restriction.pk, "client": hashed_client(request, "page-password-audit")},
    )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's own view, refused while throttled, with failed posts counted and logged."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    if is_throttled(request, restriction.pk):
        form = PasswordViewRestrictionForm(instance=restriction, initial={"return_url": _return_url(request)})
        form.cleaned_data = {}  # unbound: add_error expects it
        form.add_error(None, throttle_message())
        action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: a wrong (or missing) password
        record_failure(request, restriction, page)
    return response


def _return_url(request):
    value = request.POST.get("return_url", "/")
    return value if isinstance(value, str) and len(value) <= 2000 else "/"

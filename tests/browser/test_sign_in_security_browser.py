"""The pages people see when they are throttled or refused, checked with axe-core (WCAG 2.2 AA).

A private page's password form (blank, wrong password, throttled), the admin
lockout page, and the refusal for an oversized post.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from accounts.page_passwords import LOG_ACTION as PAGE_PASSWORD_FAILED
from forms.uploads import PUBLIC_BODY_LIMIT
from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def _site(_shared_city, django_db_blocker):
    """The sample city's About page behind a password, set once for the module; and the accounts it
    started with, so each test's own can go."""
    with django_db_blocker.unblock():
        about = Page.objects.get(depth=3, slug="about")
        PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="sesame")
        users = set(get_user_model().objects.values_list("pk", flat=True))
    base = _shared_city["home"].removesuffix("/")
    assert _shared_city["standard"] == base + about.url
    return base, {"about": about}, users


@pytest.fixture
def site(_site, shared_city):
    """The module's city (``_site``) with no sign-in history: each test starts unthrottled.

    The counts for page passwords are in the cache; django-axes keeps its attempts and lockouts
    in tables; a sign-in leaves a session; a test may add an account.
    """
    from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session
    from django.core.cache import cache

    base, city, users = _site
    cache.clear()
    for model in (AccessAttemptExpiration, AccessAttempt, AccessFailureLog, AccessLog, Session):
        model.objects.all().delete()
    PageLogEntry.objects.filter(action=PAGE_PASSWORD_FAILED).delete()
    get_user_model().objects.exclude(pk__in=users).delete()
    return base, city


def assert_accessible(page, state):
    violations = axe_violations(page)
    assert not violations, f"{state}:\n{format_violations(violations)}"


def test_page_password_form_wrong_and_throttled(site, open_page, settings):
    settings.PAGE_PASSWORD_FAILURE_LIMIT = 2
    base, city = site
    page = open_page(base + city["about"].url)
    assert_accessible(page, "password form")
    for _ in range(2):
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Continue").click()
    assert_accessible(page, "wrong password")
    page.get_by_label("Password").fill("sesame")
    page.get_by_role("button", name="Continue").click()
    assert "Too many wrong passwords" in page.content()
    assert_accessible(page, "throttled")


def test_admin_lockout_page(site, open_page, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    get_user_model().objects.create_user("clerk", "clerk@example.gov", "right-password", is_staff=True)
    base, _city = site
    page = open_page(base + "/admin/login/")
    for _ in range(2):
        page.get_by_label("Username").fill("clerk")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
    assert "Sign-in paused" in page.content()
    assert_accessible(page, "lockout")


def test_oversized_post_refusal_page(site, open_page):
    """A browser cannot be made to lie about Content-Length: the page comes from Django's test client."""
    from django.test import Client

    base, _city = site
    response = Client().generic(
        "POST", "/feedback/", b"x", content_type="text/plain", CONTENT_LENGTH=str(PUBLIC_BODY_LIMIT + 1)
    )
    assert response.status_code == 413
    page = open_page(base + "/")
    page.set_content(response.content.decode())  # same origin, so the site's stylesheet applies
    assert_accessible(page, "413 refusal")

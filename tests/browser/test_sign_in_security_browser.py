"""The pages people see when they are throttled or refused, checked with axe-core (WCAG 2.2 AA).

A private page's password form (blank, wrong password, throttled), the admin
lockout page, and the refusal for an oversized post.
"""

import pytest
from wagtail.models import PageViewRestriction

from forms.uploads import PUBLIC_BODY_LIMIT
from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def site(browser, _restore_serialized_db_contents, django_db_serialized_rollback, transactional_db, live_server, city):
    from django.core.cache import cache

    cache.clear()
    PageViewRestriction.objects.create(
        page=city["about"], restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    return live_server.url, city


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


def test_admin_lockout_page(site, open_page, settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("clerk", "clerk@example.gov", "right-password", is_staff=True)
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

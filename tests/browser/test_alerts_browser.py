"""The alert banner in real Chromium: axe-clean (WCAG 2.2 AA) for every severity, on a desktop
and a 375px phone, with JavaScript on and off, before and after dismissing; dismissing hides
an alert, survives a reload and sets no cookie; an emergency can never be dismissed.

One live server and one browser serve the module; each test loops over its cases rather than
being parametrised, because building the pages costs more than checking them.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Site

from alerts.models import Alert, AlertHotline, AlertPage, Scope, Severity
from demo.sample import PAGES
from tests.browser.axe import axe_violations, format_violations
from tests.browser.conftest import MOBILE, VIEWPORTS

pytestmark = pytest.mark.browser

EMERGENCY = "Boil-water notice for South Jackson"
WARNING = "Lane closures on State Street"
INFORMATION = "City offices closed Monday"


def publish_alert(title, severity, pages, hotlines=(), **fields):
    alert = Alert(
        title=title,
        severity=severity,
        scope=Scope.PAGES,
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        live=False,
        **fields,
    )
    alert.scope_pages = [AlertPage(page=page) for page in pages]
    alert.hotlines = [AlertHotline(label=label, phone=phone) for label, phone in hotlines]
    alert.save()
    alert.save_revision().publish()
    return alert


def delete_alerts():
    """Every alert, with its revisions and log entries, so the next test starts with none.

    The module's city is committed (``shared_city``), so what a test publishes stays unless it is
    deleted. Deleting an alert forgets the kept alert lists (alerts/apps.py); each test also starts
    with an empty cache (tests/conftest.py), so the live server never serves an alert gone.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry, Revision

    alert_type = ContentType.objects.get_for_model(Alert)
    Alert.objects.all().delete()
    Revision.objects.filter(content_type=alert_type).delete()
    ModelLogEntry.objects.filter(content_type=alert_type).delete()


@pytest.fixture
def alert_site(shared_city, request):
    """One page per severity and one page with all three: {name: absolute URL}.

    The pages are the module's sample city (``shared_city``, built once); the three alerts are
    published for each test and deleted after it, so a test's edits never reach the next one.
    """
    request.addfinalizer(delete_alerts)
    home = Site.objects.get(is_default_site=True).root_page
    about, news, events = (
        home.get_children().get(slug=PAGES[name][1]) for name in ("standard", "news_index", "event_index")
    )
    alerts = {
        "emergency": publish_alert(
            EMERGENCY,
            Severity.EMERGENCY,
            [home, about],
            hotlines=[("Water emergency line", "601-555-0199"), ("Línea en español", "601-555-0188")],
            message="Boil tap water for one minute before drinking or cooking with it. "
            "Bottled water is available at City Hall, 219 South President Street, until 8 p.m.",
            link_url="https://www.example.gov/water/boil-notice",
        ),
        "warning": publish_alert(
            WARNING,
            Severity.WARNING,
            [home, news],
            message="One lane in each direction between Amite and Pearl Street is closed for water main repairs "
            "until Friday. Expect delays at rush hour.",
            link_url="https://www.example.gov/streets/closures",
            link_text="See the detour map",
        ),
        "information": publish_alert(
            INFORMATION,
            Severity.INFORMATION,
            [home, events],
            message="City offices are closed on Monday, January 19, for Martin Luther King Jr. Day. "
            "Trash collection runs one day late all week.",
        ),
    }
    urls = {
        "all": shared_city["home"],
        "emergency": shared_city["standard"],
        "warning": shared_city["news_index"],
        "information": shared_city["event_index"],
    }
    return {"urls": urls, "alerts": alerts}


def assert_clean(page, state):
    violations = axe_violations(page)
    assert not violations, f"{state}:\n{format_violations(violations)}"


def assert_fits_the_phone(page, state):
    """No horizontal scroll, and every control in the banner at least 44px tall (24px is the AA floor)."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{state}: horizontal scroll {widths}"
    for control in page.locator("[data-site-alerts] a, [data-site-alerts] button").all():
        if control.is_visible():
            box = control.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, f"{state}: {control.inner_text()!r} is {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"], f"{state}: {box}"


def visible_titles(page):
    return [title.inner_text() for title in page.locator(".site-alert__title").all() if title.is_visible()]


def without_scripts(context):
    """The page as a visitor without JavaScript gets it, yet with axe still able to run.

    With ``java_script_enabled=False`` Chromium runs no timers, so axe's promise never settles;
    refusing every script file leaves exactly the server's markup, which is what is checked.
    """
    context.route("**/*.js", lambda route: route.abort())
    return context


def test_every_severity_is_axe_clean_with_and_without_javascript(alert_site, browser):
    expected = {
        "all": [EMERGENCY, WARNING, INFORMATION],
        "emergency": [EMERGENCY],
        "warning": [WARNING],
        "information": [INFORMATION],
    }
    for javascript in (True, False):
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(viewport=size)
            if not javascript:
                without_scripts(context)
            page = context.new_page()
            for name, url in alert_site["urls"].items():
                state = f"{name}, {viewport}, JavaScript {'on' if javascript else 'off'}"
                assert page.goto(url).ok, state
                assert page.locator('section[aria-label="Site alert"]').count() == 1, state
                assert visible_titles(page) == expected[name], state
                buttons = page.get_by_role("button", name="Dismiss")
                dismissible = [title for title in expected[name] if title != EMERGENCY]
                # Without JavaScript there is no button at all; with it, one for each non-emergency.
                assert buttons.count() == (len(dismissible) if javascript else 0), state
                if javascript and dismissible:
                    assert page.get_by_role("button", name=f"Dismiss alert: {dismissible[0]}").is_visible()
                assert_clean(page, state)
                if viewport == "mobile":
                    assert_fits_the_phone(page, state)
            context.close()

    # And in a browser with JavaScript really switched off: every alert, no button.
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    page = context.new_page()
    page.goto(alert_site["urls"]["all"])
    assert visible_titles(page) == expected["all"]
    assert page.get_by_role("button", name="Dismiss").count() == 0
    assert page.locator("[data-site-alerts] a[href^='tel:']").count() == 2  # the two hotlines
    context.close()


def test_dismissing_hides_survives_reload_and_sets_no_cookie(alert_site, browser):
    urls = alert_site["urls"]
    for viewport, size in VIEWPORTS.items():
        context = browser.new_context(viewport=size)
        page = context.new_page()
        page.goto(urls["all"])

        # An emergency never has a Dismiss button.
        emergency = page.locator(".site-alert--emergency")
        assert emergency.locator("button").count() == 0
        assert emergency.locator("[role=alert]").count() == 1

        page.get_by_role("button", name=f"Dismiss alert: {WARNING}").click()
        assert visible_titles(page) == [EMERGENCY, INFORMATION]
        region = page.locator("[data-site-alerts]")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Site alert"
        assert_clean(page, f"warning dismissed, {viewport}")

        page.reload()
        assert visible_titles(page) == [EMERGENCY, INFORMATION]  # remembered
        page.goto(urls["warning"])
        assert visible_titles(page) == []  # on every page it shows on
        assert region.is_hidden()  # its only alert dismissed: the region goes with it
        assert_clean(page, f"only alert dismissed, {viewport}")

        page.goto(urls["information"])
        page.get_by_role("button", name=f"Dismiss alert: {INFORMATION}").click()
        assert region.is_hidden()
        assert page.evaluate("() => document.activeElement.id") == "main-content"

        stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('jackson:alert-dismissed:'))")
        keys = {alert_site["alerts"][name].pk: name for name in ("warning", "information")}
        assert len(stored) == 2 and {int(key.rsplit(":", 1)[1].split("-")[0]) for key in stored} == set(keys)
        assert context.cookies() == []  # never a cookie
        context.close()

    # An edited alert shows again to those who dismissed it (its dismiss key changed).
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(urls["warning"])
    page.get_by_role("button", name=f"Dismiss alert: {WARNING}").click()
    page.reload()
    assert visible_titles(page) == []
    warning = Alert.objects.get(pk=alert_site["alerts"]["warning"].pk)
    warning.message = "Both lanes reopen on Thursday."
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):  # a later edit
        warning.save_revision().publish()
    page.reload()
    assert visible_titles(page) == [WARNING]
    assert page.locator(".site-alert__message").inner_text() == "Both lanes reopen on Thursday."
    context.close()

"""The feedback component in real Chromium: with and without JavaScript, keyboard only,
and zero axe violations (WCAG 2.2 AA) in every state: closed, open, error, thanks.

axe runs on the component (``#feedback``) so a problem elsewhere on a page is
reported by that page's own test, not here; the closed state is also checked on
the 404 and search pages, where the component has no Wagtail page behind it.
"""

import pytest

from feedback.models import Feedback
from feedback.views import FEEDBACK_GUARD
from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def instant_fill(monkeypatch):
    """A test types faster than a person: don't let the fill-time check call it spam."""
    monkeypatch.setattr(FEEDBACK_GUARD, "min_seconds", 0)
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def feedback_city(shared_city):
    """The module's city (built once, ``shared_city``) with no feedback yet: each test reads what it sent."""
    Feedback.objects.all().delete()
    return shared_city


def assert_no_violations(page, state):
    violations = axe_violations(page, context="#feedback")
    assert not violations, f"{state}:\n{format_violations(violations)}"


def focused(page):
    return page.evaluate(
        "() => ({id: document.activeElement.id, text: (document.activeElement.innerText || '').trim(),"
        " tag: document.activeElement.tagName.toLowerCase()})"
    )


def test_js_flow_no_then_report_with_error(feedback_city, open_page):
    page = open_page(feedback_city["service"])
    report = page.locator("#feedback-report")
    toggle = page.locator("[data-feedback-toggle]")
    assert toggle.get_attribute("role") == "button"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "feedback-report"
    assert report.is_hidden()
    assert_no_violations(page, "closed")

    page.get_by_role("button", name="No this page was not helpful").click()
    status = page.locator("[data-feedback-status]")
    status.get_by_text("Tell us what was wrong").wait_for()
    assert report.is_visible()
    assert page.url == feedback_city["service"]  # in place, no navigation
    assert focused(page)["id"] == "feedback-report-heading"
    assert_no_violations(page, "open after No")

    page.get_by_role("button", name="Send report").click()
    summary = page.locator("[data-feedback-summary]")
    summary.get_by_text("Tell us what went wrong with this page.").wait_for()
    assert focused(page)["text"].startswith("There is a problem")
    assert page.locator("#feedback-what_went_wrong").get_attribute("aria-invalid") == "true"
    assert_no_violations(page, "error")

    page.get_by_label("What went wrong?").fill('Wrong hours <script>alert("x")</script>')
    page.get_by_role("button", name="Send report").click()
    status.get_by_text("Thank you for your feedback.").wait_for()
    assert report.is_hidden()
    assert_no_violations(page, "thanks")

    # The "No" and the report that followed it are one item in the queue, still counted as a "No".
    item = Feedback.objects.get()
    assert (item.kind, item.helpful, item.status) == ("report", False, "new")
    assert item.what_went_wrong == 'Wrong hours <script>alert("x")</script>'


def test_js_yes_announces_thanks(feedback_city, open_page):
    page = open_page(feedback_city["service"])
    page.get_by_role("button", name="Yes this page was helpful").click()
    page.locator("[data-feedback-status]").get_by_text("Thank you for your feedback.").wait_for()
    assert page.locator("[data-feedback-status]").get_attribute("role") == "status"
    assert page.locator("[data-feedback-prompt]").is_hidden()
    assert Feedback.objects.get().helpful is True


def test_keyboard_only(feedback_city, open_page):
    page = open_page(feedback_city["service"])
    page.locator("[data-feedback-vote] button[value=no]").focus()  # start just before the toggle
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Report a problem with this page"
    page.keyboard.press("Space")
    toggle = page.locator("[data-feedback-toggle]")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert focused(page)["id"] == "feedback-trying_to_do"
    page.keyboard.type("Pay a bill")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "feedback-what_went_wrong"
    page.keyboard.type("The link is broken")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "feedback-email"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Send report"
    page.keyboard.press("Enter")
    page.locator("[data-feedback-status]").get_by_text("Thank you for your feedback.").wait_for()
    assert focused(page)["tag"] == "div"  # focus moved to the announcement
    item = Feedback.objects.get()
    assert (item.trying_to_do, item.what_went_wrong) == ("Pay a bill", "The link is broken")

    # Enter on the toggle works too, and the Cancel control closes it again and returns focus.
    page = open_page(feedback_city["service"])
    page.locator("[data-feedback-toggle]").focus()
    page.keyboard.press("Enter")
    assert page.locator("#feedback-report").is_visible()
    page.locator("[data-feedback-close]").focus()
    page.keyboard.press("Enter")
    assert page.locator("#feedback-report").is_hidden()
    assert focused(page)["text"] == "Report a problem with this page"


def test_no_js_flow(feedback_city, open_page):
    page = open_page(feedback_city["service"], java_script_enabled=False)
    page.get_by_role("button", name="Yes this page was helpful").click()
    page.wait_for_url("**?feedback=thanks#feedback")
    assert page.locator("[data-feedback-status]").inner_text().strip() == "Thank you for your feedback."

    page.goto(feedback_city["service"])
    page.get_by_role("link", name="Report a problem with this page").click()
    page.wait_for_url("**feedback=report#feedback-report")
    assert page.locator("#feedback-report").is_visible()
    page.get_by_label("What went wrong?").fill("x" * 2500)
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your feedback was not sent").is_visible()
    assert "Keep this to 2,000 characters or fewer." in page.locator("[data-feedback-summary]").inner_text()
    assert page.get_by_label("What went wrong?").input_value() == "x" * 2500  # nothing lost
    page.get_by_label("What went wrong?").fill("The opening hours are out of date")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**?feedback=thanks#feedback")
    assert Feedback.objects.filter(kind="report").get().what_went_wrong == "The opening hours are out of date"


def test_no_js_states_have_no_axe_violations(feedback_city, open_page):
    # axe needs script, so these pages are rendered without it first and then checked as served.
    base = feedback_city["service"]
    for state in ("report", "no", "thanks"):
        page = open_page(f"{base}?feedback={state}")
        assert_no_violations(page, f"server-rendered {state}")
    page = open_page(base, java_script_enabled=False)
    page.get_by_role("link", name="Report a problem with this page").click()
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    error_html = page.content()
    page.context.close()
    checker = open_page(base)
    checker.set_content(error_html)
    assert_no_violations(checker, "server-rendered error page")


@pytest.mark.parametrize("path", ["/no-such-page/", "/search/?q=trash"])
def test_component_on_pages_without_a_wagtail_page(feedback_city, open_page, browser, path):
    origin = feedback_city["home"].split("/", 3)
    url = f"{origin[0]}//{origin[2]}{path}"
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    assert page.locator("#feedback").is_visible()
    assert_no_violations(page, path)
    page.get_by_role("button", name="Yes this page was helpful").click()
    page.locator("[data-feedback-status]").get_by_text("Thank you for your feedback.").wait_for()
    assert Feedback.objects.get().page_url == path.split("?")[0]
    context.close()

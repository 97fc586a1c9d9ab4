"""The search page and the header box's suggestions in a real Chromium.

axe-core (WCAG 2.2 AA) on every state of the search page, the ARIA combobox
driven with the keyboard alone, and the page without JavaScript.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser

STATES = {
    "results": "/search/?q=pothole",
    "many results": "/search/?q=public+works",
    "no results": "/search/?q=zzzqqq",
    "empty query": "/search/",
    "whitespace query": "/search/?q=+++",
    "filtered by type": "/search/?q=public+works&type=faq",
    "filtered by department": "/search/?q=trash&department=public-works",
    "long query": "/search/?q=" + "pothole+" * 60,
    "hostile query": "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22NEAR(",
}


def base_url(shared_city):
    return shared_city["home"].rstrip("/")


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("state", list(STATES))
def test_search_page_has_no_axe_violations(shared_city, open_page, state, viewport):
    page = open_page(base_url(shared_city) + STATES[state], viewport=viewport)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def assert_in_top_three(page, title):
    """The answer is among the first results; exact ranking is the relevance suite's job, on the
    whole demo city (tests/test_search_relevance.py), not on the sample these tests build."""
    expect(page.locator(".search-results li").first).to_be_visible()
    top = page.locator(".search-results li").all_inner_texts()[:3]
    assert any(title in text for text in top), top


def test_results_page_shows_the_answer(shared_city, open_page):
    page = open_page(base_url(shared_city) + "/search/?q=pothole")
    expect(page.locator("h1")).to_contain_text("pothole")
    expect(page.locator("#search-page-query")).to_have_value("pothole")
    assert_in_top_three(page, "Report a pothole")
    expect(page.locator(".search-filters")).to_be_visible()


def open_suggestions(page, text="poth"):
    box = page.locator("#site-search")
    box.focus()
    page.keyboard.type(text)
    expect(box).to_have_attribute("aria-expanded", "true")
    return box


def test_combobox_markup(shared_city, open_page):
    page = open_page(shared_city["home"])
    box = page.locator("#site-search")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(box).to_have_attribute("aria-expanded", "false")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_hidden()


def test_combobox_keyboard(shared_city, open_page):
    page = open_page(shared_city["home"])
    box = open_suggestions(page)
    listbox = page.locator("#site-search-suggestions")
    expect(listbox).to_be_visible()
    options = listbox.locator("[role=option]")
    expect(options.first).to_contain_text("Report a pothole")
    expect(page.locator("[role=status]", has_text="suggestion")).to_have_count(1)

    page.keyboard.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()

    page.keyboard.press("ArrowUp")  # wraps to the last option
    last_id = options.last.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", last_id)

    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("poth")

    page.keyboard.press("ArrowDown")  # reopens and highlights the first option
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    href = options.first.get_attribute("data-url")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))


def test_enter_without_a_highlighted_option_searches(shared_city, open_page):
    page = open_page(shared_city["home"])
    open_suggestions(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=poth*")


def test_open_suggestions_have_no_axe_violations(shared_city, open_page):
    page = open_page(shared_city["home"])
    open_suggestions(page)
    page.keyboard.press("ArrowDown")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_suggestions_are_text_not_markup(shared_city, open_page):
    from departments.models import ContactPage, DepartmentPage
    from tests.conftest import add_child

    add_child(
        DepartmentPage.objects.get(slug="public-works"),
        ContactPage(title="<img src=x id=injected> Zebulon", slug="zebulon"),
    )
    page = open_page(shared_city["home"])
    open_suggestions(page, "zebu")
    expect(page.locator("#site-search-suggestions [role=option]").first).to_contain_text("<img src=x")
    assert page.locator("#injected").count() == 0


def test_search_works_without_javascript(shared_city, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(shared_city["home"])
        expect(page.locator("#site-search")).not_to_have_attribute("role", "combobox")
        page.locator("#site-search").fill("pothole")
        page.locator("#site-search").press("Enter")
        page.wait_for_url("**/search/?q=pothole*")
        assert_in_top_three(page, "Report a pothole")
        page.locator(".search-filters a", has_text="Service").click()
        page.wait_for_url("**type=service*")
        expect(page.locator(".search-results")).to_contain_text("pothole")
    finally:
        context.close()


def test_refine_comes_before_the_results_and_pagination_on_a_phone(shared_city, open_page):
    """Issue 17: on a phone "Refine results" sat below the pagination, after every result.

    Filters now come first in the page at every width: above the results on a 375-px phone
    (as wrapped chips), in a left column on a wide screen; a keyboard reaches them, or their
    "Skip to the results" link, right after the search box. A service linking to a form
    shows that form as its action.
    """
    from departments.models import DepartmentPage, ServicePage
    from forms.models import FormPage
    from tests.conftest import add_child

    # The sample city already has its departments: build on one (the ``department`` fixture
    # would build a second city whose slugs collide with the sample's).
    dept = DepartmentPage.objects.get(slug="public-works")
    form = add_child(dept, FormPage(title="Gazebo booking form", slug="gazebo-form", intro="<p>Gazebo.</p>"))
    for number in range(12):
        add_child(
            dept,
            ServicePage(
                title=f"Gazebo service {number}",
                slug=f"gazebo-{number}",
                intro="Book a gazebo.",
                action_type="request",
                action_page=form if number == 0 else None,
                action_url="" if number == 0 else "https://example.gov/gazebo",
            ),
        )
    page = open_page(base_url(shared_city) + "/search/?q=gazebo", viewport="mobile")
    refine = page.locator("#refine-heading")
    first_result = page.locator(".search-results li").first
    pagination = page.locator("nav[aria-label='Search results pages']")
    expect(pagination).to_be_visible()
    refine_box, result_box, pagination_box = (item.bounding_box() for item in (refine, first_result, pagination))
    assert refine_box["y"] < result_box["y"] < pagination_box["y"]
    assert refine_box["y"] < page.viewport_size["height"]  # on the first screen
    # Narrow chips: the first result stays within about two screens of the top.
    assert result_box["y"] < 2 * page.viewport_size["height"]

    # Keyboard order follows: search box, its button, then the filters' skip link.
    page.locator("#search-page-query").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.locator(".search-filters__skip")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_be_focused()

    # The service shows its form as its action; the form is not a result of its own.
    result_titles = page.locator(".search-results .listing__title").all_inner_texts()
    assert "Gazebo booking form" not in result_titles
    expect(page.locator(".search-result__action-form").first).to_contain_text("Online form: Gazebo booking form")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_refine_is_a_left_column_on_a_wide_screen(shared_city, open_page):
    page = open_page(base_url(shared_city) + "/search/?q=public+works")
    refine = page.locator(".search-filters").bounding_box()
    results = page.locator(".search-page__results").bounding_box()
    assert refine["x"] + refine["width"] <= results["x"]
    assert abs(refine["y"] - results["y"]) < 5
    skip = page.locator(".search-filters__skip")
    assert skip.bounding_box()["width"] <= 1  # visually hidden until focused
    skip.focus()
    assert skip.bounding_box()["width"] > 20

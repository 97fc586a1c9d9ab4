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


def base_url(demo_city):
    return demo_city["home"].rstrip("/")


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("state", list(STATES))
def test_search_page_has_no_axe_violations(demo_city, open_page, state, viewport):
    page = open_page(base_url(demo_city) + STATES[state], viewport=viewport)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_results_page_shows_the_answer(demo_city, open_page):
    page = open_page(base_url(demo_city) + "/search/?q=pothole")
    expect(page.locator("h1")).to_contain_text("pothole")
    expect(page.locator("#search-page-query")).to_have_value("pothole")
    expect(page.locator(".search-results li").first).to_contain_text("Report a pothole")
    expect(page.locator(".search-filters")).to_be_visible()


def open_suggestions(page, text="poth"):
    box = page.locator("#site-search")
    box.focus()
    page.keyboard.type(text)
    expect(box).to_have_attribute("aria-expanded", "true")
    return box


def test_combobox_markup(demo_city, open_page):
    page = open_page(demo_city["home"])
    box = page.locator("#site-search")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(box).to_have_attribute("aria-expanded", "false")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_hidden()


def test_combobox_keyboard(demo_city, open_page):
    page = open_page(demo_city["home"])
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


def test_enter_without_a_highlighted_option_searches(demo_city, open_page):
    page = open_page(demo_city["home"])
    open_suggestions(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=poth*")


def test_open_suggestions_have_no_axe_violations(demo_city, open_page):
    page = open_page(demo_city["home"])
    open_suggestions(page)
    page.keyboard.press("ArrowDown")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_suggestions_are_text_not_markup(demo_city, open_page):
    from departments.models import ContactPage, DepartmentPage
    from tests.conftest import add_child

    add_child(
        DepartmentPage.objects.get(slug="public-works"),
        ContactPage(title="<img src=x id=injected> Zebulon", slug="zebulon"),
    )
    page = open_page(demo_city["home"])
    open_suggestions(page, "zebu")
    expect(page.locator("#site-search-suggestions [role=option]").first).to_contain_text("<img src=x")
    assert page.locator("#injected").count() == 0


def test_search_works_without_javascript(demo_city, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_city["home"])
        expect(page.locator("#site-search")).not_to_have_attribute("role", "combobox")
        page.locator("#site-search").fill("pothole")
        page.locator("#site-search").press("Enter")
        page.wait_for_url("**/search/?q=pothole*")
        expect(page.locator(".search-results li").first).to_contain_text("Report a pothole")
        page.locator(".search-filters a", has_text="Service").click()
        page.wait_for_url("**type=service*")
        expect(page.locator(".search-results")).to_contain_text("pothole")
    finally:
        context.close()

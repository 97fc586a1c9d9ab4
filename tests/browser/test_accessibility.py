"""WCAG 2.2 AA in real Chromium: every page type, at desktop and phone widths,
plus keyboard-only use of the header (skip link, search, main navigation)."""

import pytest

from demo.sample import PAGE_TYPES
from tests.browser.axe import axe_violations, format_violations
from tests.browser.conftest import MOBILE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_no_axe_violations_on_desktop_and_mobile(shared_city, open_page, name):
    """The page is loaded once and narrowed to a phone's width for the second check: the layout
    changes by CSS media queries alone (no script reads the width), so a fresh load at 375 px would
    give axe the same document, at twice the cost."""
    page = open_page(shared_city[name], "desktop")
    violations = axe_violations(page)
    assert not violations, f"{name} at desktop:\n{format_violations(violations)}"

    page.set_viewport_size(MOBILE)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.innerWidth") == MOBILE["width"]
    violations = axe_violations(page)
    assert not violations, f"{name} at mobile:\n{format_violations(violations)}"


def test_form_with_errors_has_no_axe_violations(shared_city, open_page):
    page = open_page(shared_city["form"])
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_mobile_layout_has_no_horizontal_scroll(shared_city, open_page):
    for name in ("home", "department", "directory", "event", "form"):
        page = open_page(shared_city[name], "mobile")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px"


def _focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || '').trim(),
                    href: el.getAttribute('href') || '', name: el.getAttribute('name') || ''};
        }"""
    )


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_keyboard_reaches_skip_link_search_and_main_navigation(shared_city, open_page, viewport):
    page = open_page(shared_city["department"], viewport)
    nav_links = page.locator("nav[aria-label='Main'] a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert len(nav_links) == 6

    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["text"] == "Skip to main content"
    assert page.locator(".skip-link").is_visible(), "the skip link must show when focused"

    reached, search_reached = set(), False
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["id"] == "site-search":
            search_reached = True
        if focused["tag"] == "a" and focused["href"] in nav_links:
            reached.add(focused["href"])
    assert search_reached, "Tab never reached the header search box"
    assert reached == set(nav_links), f"Tab missed main navigation links: {set(nav_links) - reached}"


def test_main_navigation_marks_news_and_events_as_the_current_section(shared_city, open_page):
    """A story or event kept in a department's subtree belongs to News or Events, not Departments (#17)."""
    for name, section in (("news", "News"), ("event", "Events")):
        page = open_page(shared_city[name])
        current = page.locator("nav[aria-label='Main'] a[aria-current='page']")
        assert current.all_inner_texts() == [section], name


def test_skip_link_moves_focus_to_main(shared_city, open_page):
    page = open_page(shared_city["news"])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main-content"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main, "the next Tab after the skip link should stay inside the main content"


def test_search_box_submits_with_keyboard(shared_city, open_page):
    page = open_page(shared_city["home"])
    page.locator("#site-search").focus()
    page.keyboard.type("pothole")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=pothole*")
    assert page.locator("h1").inner_text().startswith("Search")


def test_pages_work_without_javascript(shared_city, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(shared_city["home"])
        for label in ("Services", "Departments", "News", "Events", "FAQ", "Directory"):
            assert page.get_by_role("link", name=label, exact=True).first.is_visible()
        page.goto(shared_city["news_index"])
        page.get_by_label("Department").select_option(label="Public Works")
        page.get_by_role("button", name="Apply filters").click()
        assert "department=public-works" in page.url
        assert page.get_by_role("link", name="Paving program to resurface 42 miles of streets").is_visible()
    finally:
        context.close()

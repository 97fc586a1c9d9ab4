"""What a resident sees first on a 375x812 phone and at 1280 px: the department's contact card,
the directory's cards, the FAQ's jump list, the event's details, the home page's one search box
and its top tasks; axe on each of those states; and Django's debug 404 styled in development."""

import pytest

from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser

PHONE_HEIGHT = 812


def box(page, selector):
    locator = page.locator(selector).first
    assert locator.count() == 1 or page.locator(selector).count() >= 1, f"{selector} missing"
    found = locator.bounding_box()
    assert found is not None, f"{selector} is not displayed"
    return found


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def assert_axe_clean(page, where):
    violations = axe_violations(page)
    assert not violations, f"{where}:\n{format_violations(violations)}"


def test_department_contact_card_comes_first_on_a_phone_and_beside_the_services_when_wide(shared_city, open_page):
    phone = open_page(shared_city["department"], "mobile")
    card = box(phone, ".layout-aside-first__aside .contact-card")
    tel = box(phone, ".layout-aside-first__aside a[href^='tel:']")
    services = box(phone, "#services-heading")
    news = box(phone, "#news-heading")
    assert card["y"] < services["y"] < news["y"]
    assert tel["y"] + tel["height"] <= PHONE_HEIGHT, "the department's phone number should be on the first screen"
    assert no_sideways_scroll(phone)
    assert_axe_clean(phone, "department at 375")

    wide = open_page(shared_city["department"], "desktop")
    card = box(wide, ".layout-aside-first__aside .contact-card")
    main = box(wide, ".layout-aside-first__main")
    people = box(wide, ".layout-aside-first__more")
    assert card["x"] >= main["x"] + main["width"], "the contact card sits to the right of the main column"
    assert abs(card["y"] - main["y"]) < 4, "and level with its top"
    assert people["x"] == pytest.approx(card["x"], abs=2) and people["y"] > card["y"] + card["height"] - 1
    assert people["y"] - (card["y"] + card["height"]) < 40, "the people list follows the card without a gap"
    assert_axe_clean(wide, "department at 1280")


def test_directory_shows_cards_with_phone_and_email_on_a_phone_and_a_table_when_wide(shared_city, open_page):
    phone = open_page(shared_city["directory"], "mobile")
    assert no_sideways_scroll(phone)
    links = phone.locator(".directory-table tbody a[href^='tel:'], .directory-table tbody a[href^='mailto:']")
    assert links.count() >= 4
    for index in range(links.count()):
        link = links.nth(index)
        assert link.is_visible()
        found = link.bounding_box()
        assert found["x"] >= 0 and found["x"] + found["width"] <= 375, link.inner_text()
    assert phone.evaluate("getComputedStyle(document.querySelector('.directory-table tbody tr')).display") == "block"
    assert_axe_clean(phone, "directory at 375")

    wide = open_page(shared_city["directory"], "desktop")
    assert wide.evaluate("getComputedStyle(document.querySelector('.directory-table')).display") == "table"
    assert wide.locator(".directory-table thead th").first.is_visible()
    assert no_sideways_scroll(wide)
    assert_axe_clean(wide, "directory at 1280")


def test_faq_jump_list_leads_to_each_department_without_javascript(shared_city, browser, open_page):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": PHONE_HEIGHT})
    try:
        page = context.new_page()
        page.goto(shared_city["faq_index"])
        jump = page.locator("nav#faq-jump")
        assert jump.is_visible()
        jump.get_by_role("link", name="Parks & Recreation").click()
        page.wait_for_url("**#faq-parks-recreation")
        heading = page.locator("#faq-parks-recreation").bounding_box()
        assert 0 <= heading["y"] < PHONE_HEIGHT
        assert page.get_by_role("link", name="When do the outdoor pools open?").is_visible()
    finally:
        context.close()
    # page.evaluate needs JavaScript: the scroll and axe checks run with it on.
    for viewport in ("mobile", "desktop"):
        page = open_page(shared_city["faq_index"], viewport)
        assert no_sideways_scroll(page)
        assert_axe_clean(page, f"FAQ at {viewport}")


def test_event_details_come_first_and_an_event_without_a_body_has_one_column(shared_city, open_page):
    phone = open_page(shared_city["event"], "mobile")
    details = box(phone, "#event-details-heading")
    assert details["y"] < box(phone, "#what-to-bring-heading")["y"] < box(phone, "#accessibility-heading")["y"]
    directions = phone.get_by_role("link", name="Get directions")
    assert directions.is_visible()
    assert directions.get_attribute("href").startswith("https://www.google.com/maps/dir/?api=1&destination=")
    assert no_sideways_scroll(phone)
    assert_axe_clean(phone, "event at 375")

    wide = open_page(shared_city["event"], "desktop")
    aside = box(wide, ".layout-aside-first__aside")
    main = box(wide, ".layout-aside-first__main")
    assert aside["x"] > main["x"] + main["width"] - 1
    assert_axe_clean(wide, "event at 1280")

    for viewport in ("mobile", "desktop"):
        # In the sample city the canceled screening is the event with nothing but its details.
        lone = open_page(shared_city["event_canceled"], viewport)
        assert lone.locator(".layout-aside-first__main").count() == 0
        assert lone.get_by_role("heading", name="Topics").count() == 0
        assert lone.locator(".event-details-only dt", has_text="Topics").is_visible()
        assert_axe_clean(lone, f"event without a body at {viewport}")


def visible_search_boxes(page):
    return page.locator("input[type=search]:visible")


def placeholder_fits(page, selector):
    return page.evaluate(
        """(selector) => {
            const input = document.querySelector(selector);
            const style = getComputedStyle(input);
            const placeholder = getComputedStyle(input, '::placeholder');
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${placeholder.fontWeight} ${placeholder.fontSize} ${style.fontFamily}`;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return context.measureText(input.placeholder).width <= room;
        }""",
        selector,
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_home_page_on_a_phone_has_one_search_box_and_top_tasks_on_the_first_screen(shared_city, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 375, "height": PHONE_HEIGHT})
    try:
        page = context.new_page()
        page.goto(shared_city["home"])
        boxes = visible_search_boxes(page)
        assert boxes.count() == 1
        assert boxes.first.get_attribute("id") == "home-search"
        tasks = box(page, "#top-tasks-heading")
        first_task = box(page, ".task-grid .task")
        assert tasks["y"] + tasks["height"] <= PHONE_HEIGHT
        assert first_task["y"] + first_task["height"] <= PHONE_HEIGHT, "the first top task should be on screen"
        assert box(page, "#city-hall-heading")["y"] > tasks["y"]
        if javascript:  # page.evaluate needs JavaScript
            assert placeholder_fits(page, "#home-search")
            assert no_sideways_scroll(page)
            assert_axe_clean(page, "home at 375")
    finally:
        context.close()


def test_home_page_when_wide_keeps_the_header_search_and_puts_city_hall_beside_the_tasks(shared_city, open_page):
    page = open_page(shared_city["home"], "desktop")
    assert page.locator("#site-search").is_visible()
    assert placeholder_fits(page, "#home-search")
    tasks = box(page, ".home-tasks__main")
    card = box(page, ".home-tasks__aside")
    assert card["x"] >= tasks["x"] + tasks["width"]
    assert abs(card["y"] - tasks["y"]) < 40
    assert_axe_clean(page, "home at 1280")


def placeholder_room(page, selector):
    """{"text": width of the placeholder, "room": width inside the box}, in CSS pixels."""
    return page.evaluate(
        """(selector) => {
            const input = document.querySelector(selector);
            const style = getComputedStyle(input);
            const placeholder = getComputedStyle(input, '::placeholder');
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${placeholder.fontWeight} ${placeholder.fontSize} ${style.fontFamily}`;
            return {
                text: context.measureText(input.placeholder).width,
                room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
            };
        }""",
        selector,
    )


@pytest.mark.parametrize("width", [320, 375])
def test_header_search_placeholder_is_whole_on_a_phone_on_every_page(shared_city, browser, width):
    """Issue 17, point 14: placeholders were cut off at 375 px. The home page has its own box; every
    other page has the header's, whose hint must be read whole on a phone too (and at 320 px, the
    narrowest width WCAG's reflow asks for), with the box still beside its button and no sideways scroll."""
    context = browser.new_context(viewport={"width": width, "height": PHONE_HEIGHT})
    try:
        page = context.new_page()
        for name in ("department", "service", "news", "event", "faq_index", "directory", "form"):
            page.goto(shared_city[name])
            assert page.locator("#site-search").is_visible(), name
            fit = placeholder_room(page, "#site-search")
            assert fit["text"] <= fit["room"], f"{name} at {width}px: placeholder {fit}"
            field, button = box(page, "#site-search"), box(page, ".site-header .search-box__button")
            assert abs(field["y"] - button["y"]) < 2 and button["x"] >= field["x"] + field["width"] - 1
            assert no_sideways_scroll(page), name
        assert_axe_clean(page, f"form page header at {width}")
    finally:
        context.close()


def test_home_search_suggestions_have_no_axe_violations(shared_city, open_page):
    page = open_page(shared_city["home"], "mobile")
    field = page.locator("#home-search")
    field.focus()
    page.keyboard.type("poth")
    page.locator("#home-search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert_axe_clean(page, "home suggestions at 375")


def test_debug_404_is_styled_in_development(shared_city, open_page, browser, settings):
    """Django's yellow page under DEBUG, as `make run` shows it: its inline CSS is allowed to apply."""
    settings.DEBUG = True
    settings.CSP_RELAX_DEBUG_PAGES = True
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None)
        response = page.goto(shared_city["home"] + "no-such-page/")
        assert response.status == 404
        colour = page.evaluate("getComputedStyle(document.querySelector('#summary')).backgroundColor")
        assert colour == "rgb(255, 255, 204)"
        assert not blocked, blocked
    finally:
        context.close()

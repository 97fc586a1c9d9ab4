"""The events month calendar in Chromium: a table from 40em up, the days that have events as a
list on a 375 px phone (never a sideways scroll), axe-clean (WCAG 2.2 AA) at both widths, and the
list view's date filter with its error messages axe-clean too. No JavaScript is involved."""

import re

import pytest

from tests.browser.axe import axe_violations, format_violations

pytestmark = pytest.mark.browser


def assert_axe_clean(page, where):
    violations = axe_violations(page)
    assert not violations, f"{where}:\n{format_violations(violations)}"


def test_month_view_is_a_table_when_wide_and_a_list_of_days_on_a_phone(shared_city, open_page):
    url = shared_city["event_index_month"]
    wide = open_page(url, "desktop")
    table = wide.locator("table.month")
    assert table.is_visible()
    assert wide.locator("table.month caption").inner_text().startswith("Events in ")
    headers = wide.get_by_role("columnheader")
    assert headers.count() == 7
    assert headers.first.evaluate("el => el.textContent") == "SunSunday"
    assert wide.locator("table.month td[aria-current='date']").count() == 1
    assert not wide.locator(".month-list").is_visible()
    # The senior walking club meets days from now: this month's table or next month's has it, as a link.
    walk = re.compile("Senior walking club")
    if wide.get_by_role("link", name=walk).count() == 0:
        wide.get_by_role("link", name="Next month ›").click()
        wide.wait_for_load_state()
    assert wide.get_by_role("link", name=walk).first.is_visible()
    assert_axe_clean(wide, "month at 1280")

    phone = open_page(url, "mobile")
    assert not phone.locator("table.month").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert phone.get_by_role("link", name="Previous month").is_visible()
    assert phone.get_by_role("link", name="Next month").is_visible()
    assert_axe_clean(phone, "month at 375")
    phone.get_by_role("link", name="Next month").click()
    phone.wait_for_load_state()
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    days = phone.locator(".month-list__day")
    for index in range(days.count()):
        assert days.nth(index).is_visible()
    assert_axe_clean(phone, "next month at 375")


def test_month_filters_carry_over_and_the_list_links_back(shared_city, open_page):
    page = open_page(shared_city["event_index_month"], "desktop")
    page.get_by_label("Department").select_option("parks-recreation")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "department=parks-recreation" in page.url
    page.get_by_role("link", name="Next month ›").click()
    page.wait_for_load_state()
    assert "department=parks-recreation" in page.url
    assert page.get_by_label("Department").input_value() == "parks-recreation"
    page.get_by_role("link", name="Upcoming", exact=True).click()
    page.wait_for_load_state()
    assert "department=parks-recreation" in page.url


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_date_filter_with_bad_input_is_axe_clean_and_keeps_the_other_filters(shared_city, open_page, viewport):
    url = shared_city["event_index"] + "?department=parks-recreation&from=2026-13-45&to=%3Cscript%3Ex"
    page = open_page(url, viewport)
    date_from = page.get_by_label("From date")
    assert date_from.get_attribute("type") == "date"
    assert date_from.get_attribute("aria-invalid") == "true"
    assert page.locator("#filter-from-error").is_visible()
    assert page.locator("#filter-to-error").is_visible()
    assert page.get_by_label("Department").input_value() == "parks-recreation"
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_axe_clean(page, f"events with bad dates at {viewport}")
    # A good range from the native date fields narrows the list.
    page.get_by_label("From date").fill("2000-01-01")
    page.get_by_label("To date").fill("2000-01-31")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "from=2000-01-01" in page.url and "to=2000-01-31" in page.url
    assert page.locator(".field__error").count() == 0
    assert "0 upcoming events" in page.locator(".result-count").inner_text()

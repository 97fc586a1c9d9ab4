"""The feedback triage queue in real Chromium: rows open from the listing, the bulk bar speaks of
items, and axe finds no WCAG 2.2 AA violations in the listing's main content.

axe runs on the admin's main content, the part this project shapes; Wagtail's own chrome
(menu, header) is Wagtail's to check.
"""

import pytest
from django.urls import reverse

from feedback.models import Feedback

pytestmark = pytest.mark.browser


def test_queue_rows_open_and_the_listing_is_axe_clean(demo_city, live_server, open_page, django_user_model):
    from tests.browser.axe import axe_violations, format_violations

    django_user_model.objects.create_superuser("casey", "casey@example.gov", "a long demo password")
    reports = [
        Feedback.objects.create(
            kind="report", page_title=f"Pool hours {n}", page_url="/parks/pool/", what_went_wrong=f"Problem {n}"
        )
        for n in range(3)
    ]
    Feedback.objects.create(kind="vote", helpful=False, page_title="A vote, not a report", page_url="/parks/")

    page = open_page(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "casey")
    page.fill("#id_password", "a long demo password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    list_url = live_server.url + reverse("wagtailsnippets_feedback_feedback:list")
    page.goto(list_url)
    violations = axe_violations(page, context={"include": [["main"]]})
    assert not violations, format_violations(violations)
    assert "A vote, not a report" not in page.content()

    # Every row checkbox names an element that exists: its row's title.
    for checkbox in page.locator("input[data-bulk-action-checkbox]").all():
        described_by = checkbox.get_attribute("aria-describedby")
        assert page.locator(f"#{described_by}").count() == 1, described_by

    # Selecting every row: the bulk bar counts items, not snippets.
    page.locator("input[data-bulk-action-select-all-checkbox]").first.check()
    bar = page.locator("[data-bulk-action-num-objects]").inner_text()
    assert bar == "All 3 items on this screen selected", bar
    assert "snippet" not in page.locator("[data-bulk-action-footer]").inner_text().lower()

    # The title opens the item.
    newest = reports[-1]
    page.get_by_role("link", name=f"Pool hours 2 (#{newest.pk})").click()
    page.wait_for_url(f"{list_url}edit/{newest.pk}/")
    assert "Problem 2" in page.content()

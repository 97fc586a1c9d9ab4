"""A department form in real Chromium, with and without JavaScript.

The resident's path: open the form, send it with mistakes, see each error
next to its field (and in an announced summary) with the other answers
kept, fix them, attach a photo and send. axe-core (WCAG 2.2 AA) must find
nothing on the blank form, in the error state and on the thank-you page.
"""

import pytest

from departments.provisioning import create_department
from forms.models import FormPage, FormPageSubmission, FormUpload
from tests.browser.axe import axe_violations, format_violations
from tests.form_helpers import build_form, png_bytes

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def instant_fill(monkeypatch, settings, tmp_path):
    """A test types faster than a person; keep uploads in a temporary private directory."""
    monkeypatch.setattr(FormPage, "GUARD_MIN_SECONDS", 0)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="module")
def _form_url(_shared_city, django_db_blocker):
    """The form with every kind of field, built once for the module in the sample city's Parks & Recreation.

    The sample city's own pavilion form asks other questions (a park, a time block, no upload), so
    the test's form is added next to it under a slug of its own; it goes with the city at the
    module's end (``_shared_city``).
    """
    with django_db_blocker.unblock():
        parks, _, _ = create_department("Parks & Recreation", form_emails="parks@example.gov")
        page = build_form(parks, slug="park-pavilion-reservation-every-field")
    return _shared_city["home"].removesuffix("/") + page.url


@pytest.fixture
def form_url(_form_url, shared_city):
    """The module's form with no submissions yet: each test reads only what it sent."""
    FormUpload.objects.all().delete()
    FormPageSubmission.objects.all().delete()
    return _form_url


def form(page):
    """The department form itself (the page also carries the feedback component)."""
    return page.locator("main form.form")


def assert_accessible(page, state, javascript=True):
    """axe needs JavaScript; without it the server sends the same HTML, which the with-JS run checks."""
    if not javascript:
        return
    violations = axe_violations(page)
    assert not violations, f"{state}:\n{format_violations(violations)}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_error_then_success(form_url, open_page, javascript, tmp_path):
    page = open_page(form_url, java_script_enabled=javascript)
    assert_accessible(page, "blank form", javascript)

    form(page).get_by_label("Your name").fill("Ana Núñez <b>")
    form(page).get_by_label("Email address").fill("not-an-email")
    form(page).get_by_label("Phone number").fill("call me")
    form(page).get_by_label("Details").fill("Birthday party for 25.")
    form(page).get_by_label("Grill").check()
    form(page).get_by_role("button", name="Submit").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.is_visible() and summary.get_attribute("role") == "alert"
    assert "There are problems with your answers" in summary.inner_text()
    email = form(page).get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    described = email.get_attribute("aria-describedby").split()
    assert "id_email_address_error" in described
    assert "Enter an email address in the right format" in page.locator("#id_email_address_error").inner_text()
    assert "Enter a phone number" in page.locator("#id_phone_number_error").inner_text()
    # Required and left blank: the message says what is needed, not "This field is required."
    assert page.locator("#id_preferred_date_error").inner_text().endswith("Enter preferred date.")
    assert "Choose pavilion." in summary.inner_text()
    assert "This field is required" not in page.content()
    assert "?:" not in summary.inner_text() and "::" not in summary.inner_text()
    # Nothing the resident typed is lost.
    assert form(page).get_by_label("Your name").input_value() == "Ana Núñez <b>"
    assert form(page).get_by_label("Details").input_value() == "Birthday party for 25."
    assert form(page).get_by_label("Grill").is_checked()
    assert email.input_value() == "not-an-email"
    assert_accessible(page, "error state", javascript)

    # The summary links take a keyboard user to the field.
    page.locator(".error-summary a").first.click()
    assert FormPageSubmission.objects.count() == 0

    email.fill("ana@example.com")
    form(page).get_by_label("Phone number").fill("601-555-0142")
    form(page).get_by_label("Preferred date").fill("2026-06-14")
    form(page).get_by_label("Pavilion").select_option("Lakeside shelter")
    photo = tmp_path / "pavilion.png"
    photo.write_bytes(png_bytes())
    form(page).get_by_label("Photo or document").set_input_files(str(photo))
    form(page).get_by_role("button", name="Submit").click()
    page.wait_for_load_state()

    submission = FormPageSubmission.objects.get()
    assert page.get_by_role("heading", name="We have received your submission").is_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.locator(".confirmation__reference strong").inner_text() == submission.reference
    assert "We will confirm your booking" in page.content()
    assert "Thank you" not in page.locator("h1").inner_text()
    assert_accessible(page, "thank-you page", javascript)

    assert submission.form_data["your_name"] == "Ana Núñez <b>"
    assert submission.form_data["pavilion"] == "Lakeside shelter"
    assert submission.form_data["extras"] == ["Grill"]
    assert FormUpload.objects.get().original_name == "pavilion.png"


def test_disallowed_file_is_explained(form_url, open_page, tmp_path):
    page = open_page(form_url)
    form(page).get_by_label("Your name").fill("Ana")
    form(page).get_by_label("Email address").fill("ana@example.com")
    form(page).get_by_label("Preferred date").fill("2026-06-14")
    form(page).get_by_label("Pavilion").select_option("North pavilion")
    fake = tmp_path / "invoice.pdf"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    form(page).get_by_label("Photo or document").set_input_files(str(fake))
    form(page).get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    error = page.locator("#id_photo_or_document_error")
    assert "Please upload a PDF, JPEG or PNG file" in error.inner_text()
    assert form(page).get_by_label("Your name").input_value() == "Ana"
    assert_accessible(page, "file error")
    assert FormPageSubmission.objects.count() == 0


def test_file_input_is_styled_but_native(form_url, open_page):
    """The native input stays (keyboard, screen reader, chooser); its button matches the site's buttons."""
    page = open_page(form_url)
    upload = form(page).get_by_label("Photo or document")
    assert upload.get_attribute("type") == "file"
    button_background = upload.evaluate("el => getComputedStyle(el, '::file-selector-button').backgroundColor")
    assert button_background == "rgb(13, 94, 156)"  # --color-button, white text: 7.0:1
    assert upload.evaluate("el => getComputedStyle(el).borderStyle") == "dashed"
    # Reachable by keyboard: tab from the field before it lands on the file input.
    form(page).get_by_label("Details").focus()
    page.keyboard.press("Tab")
    assert upload.evaluate("el => el === document.activeElement")
    assert upload.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"  # the focus ring shows
    assert_accessible(page, "blank form with file input")

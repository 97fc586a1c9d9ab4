"""Department forms: building them in the admin, residents submitting them, files, spam and notifications."""

import copy

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from departments.provisioning import create_department
from forms.models import FormPage, FormPageSubmission, FormUpload
from forms.uploads import MAX_UPLOAD_BYTES
from tests.form_helpers import (
    ORIGIN,
    PDF_BYTES,
    build_form,
    fresh_stamp,
    jpeg_bytes,
    png_bytes,
    valid_answers,
)

pytestmark = pytest.mark.shared_tree


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the per-client rate limit lives in the cache
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(scope="module")
def parks_once(city_once, django_db_blocker):
    """Parks & Recreation with its groups and workflow, created once per module (the costly part)."""
    with django_db_blocker.unblock():
        department, roles, _ = create_department(
            "Parks & Recreation", form_emails="reservations@parks.example.gov, director@parks.example.gov"
        )
        return department


@pytest.fixture(scope="module")
def form_page_once(parks_once, django_db_blocker):
    """The pavilion form with every field type, built once per module in Parks.

    It is added to ``parks_once`` itself, so that a later test's copy of Parks knows it has a child.
    """
    with django_db_blocker.unblock():
        return build_form(parks_once)


@pytest.fixture
def parks(parks_once, db):
    """This test's copy of Parks: adding a page changes the page object in memory."""
    return copy.deepcopy(parks_once)


@pytest.fixture
def form_page(form_page_once, db):
    """This test's copy of the form: some tests change its fields before publishing."""
    return copy.deepcopy(form_page_once)


def post(client, page, data, **extra):
    return client.post(page.url, data, **{**ORIGIN, **extra})


@pytest.mark.django_db
class TestBuildingAForm:
    def test_department_editor_builds_a_form_with_every_field_type(self, client, parks, django_user_model):
        editor = django_user_model.objects.create_user("pat", "pat@example.gov", "pw")
        editor.groups.add(parks.roles.editors)
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:add", args=("forms", "formpage", parks.pk))
        assert client.get(url).status_code == 200
        fields = [
            {"label": label, "field_type": kind, "required": required, "choices": choices, "help_text": help_text}
            for label, kind, required, choices, help_text in [
                ("Name", "singleline", True, "", ""),
                ("Email", "email", True, "", ""),
                ("Phone", "phone", False, "", "Daytime number"),
                ("Count", "number", False, "", ""),
                ("Date", "date", False, "", ""),
                ("Kind", "dropdown", True, "Pothole\nStreetlight", ""),
                ("Tick", "checkboxes", False, "A\nB", ""),
                ("Details", "multiline", False, "", ""),
                ("Photo", "file", False, "", "A photo helps"),
            ]
        ]
        for field in fields:
            field.update(default_value="")
            if not field["required"]:
                del field["required"]  # an unticked checkbox is absent from the POST
        data = nested_form_data(
            {
                "title": "Report a pothole",
                "slug": "report-a-pothole",
                "intro": rich_text("<p>Tell us where it is.</p>"),
                "thank_you_text": rich_text("<p>Thanks — crews check reports daily.</p>"),
                "form_fields": inline_formset(fields),
                "comments": inline_formset([]),
                "from_address": "",
                "to_address": "",
                "subject": "",
                "action-submit": "1",
            }
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = FormPage.objects.get(slug="report-a-pothole")
        assert [f.field_type for f in page.form_fields.all()] == [
            "singleline",
            "email",
            "phone",
            "number",
            "date",
            "dropdown",
            "checkboxes",
            "multiline",
            "file",
        ]
        assert page.form_fields.get(label="Phone").required is False
        assert not page.live  # an editor submits for approval
        assert page.current_workflow_state.workflow == parks.roles.workflow

    def test_admin_explains_bad_fields(self, client, parks, django_user_model):
        editor = django_user_model.objects.create_user("pat", "pat@example.gov", "pw")
        editor.groups.add(parks.roles.editors)
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:add", args=("forms", "formpage", parks.pk))
        fields = [
            {"label": "Website", "field_type": "singleline", "choices": "", "default_value": "", "help_text": ""},
            {"label": "Pick", "field_type": "dropdown", "choices": "", "default_value": "", "help_text": ""},
            {"label": "Odd", "field_type": "<script>", "choices": "", "default_value": "", "help_text": ""},
        ]
        data = nested_form_data(
            {
                "title": "Bad form",
                "slug": "bad-form",
                "intro": rich_text(""),
                "thank_you_text": rich_text(""),
                "form_fields": inline_formset(fields),
                "comments": inline_formset([]),
                "from_address": "",
                "to_address": "",
                "subject": "",
            }
        )
        response = client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "This label is reserved by the form itself" in html
        assert "List the choices, one per line." in html
        assert "Select a valid choice." in html
        assert not FormPage.objects.filter(slug="bad-form").exists()

    def test_reserved_label_is_refused(self, parks):
        from django.core.exceptions import ValidationError

        from forms.models import FormField

        with pytest.raises(ValidationError, match="reserved"):
            FormField(label="Website", field_type="singleline").clean()
        with pytest.raises(ValidationError, match="choices"):
            FormField(label="Pick one", field_type="dropdown", choices="  ").clean()


@pytest.mark.django_db
class TestFormPage:
    def test_renders_accessible_inputs(self, client, form_page):
        html = client.get(form_page.url).content.decode()
        assert 'type="tel"' in html and 'autocomplete="tel"' in html
        assert 'type="date"' in html
        assert 'type="file"' in html and 'accept=".pdf,.jpg,.jpeg,.png' in html
        assert 'enctype="multipart/form-data"' in html
        assert '<option value="" selected>Choose an option</option>' in html
        assert 'name="website"' in html and 'name="rendered_at"' in html  # the shared spam guard
        assert 'id="id_phone_number_helptext"' in html

    def test_valid_submission_is_stored_then_emailed(self, client, form_page, private_media, settings):
        photo = SimpleUploadedFile("pavilion photo.png", png_bytes(), content_type="image/png")
        response = post(client, form_page, valid_answers(photo_or_document=photo))
        assert response.status_code == 302  # post/redirect/get: a reload cannot send it twice
        assert response["Location"].startswith(form_page.url + "?thanks=")
        thanks = client.get(response["Location"]).content.decode()
        assert "We will confirm your booking" in thanks

        submission = FormPageSubmission.objects.get()
        assert f"Your reference number: <strong>{submission.reference}</strong>" in thanks
        assert submission.reference.startswith("PR-")  # Parks & Recreation's initials
        assert thanks.count("Thank you") == 0 and thanks.count("<h1") == 1
        assert "We are also emailing it to you." in thanks
        assert submission.page_id == form_page.pk
        data = submission.form_data
        assert data["your_name"] == "Ana Núñez"
        assert data["extras"] == ["Grill", "Trash bins"]
        assert data["phone_number"] == "(601) 555-0142"
        assert data["photo_or_document"] == "pavilion photo.png"

        upload = FormUpload.objects.get()
        assert upload.original_name == "pavilion photo.png"
        assert upload.content_type == "image/png"
        stored = private_media / upload.file.name
        assert stored.exists() and stored.read_bytes() == png_bytes()
        assert "pavilion" not in upload.file.name  # random name on disk
        assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.png"))
        with pytest.raises(ValueError):
            _ = upload.file.url  # no public URL, ever

        message, confirmation = mail.outbox
        assert sorted(message.to) == ["director@parks.example.gov", "reservations@parks.example.gov"]
        assert message.subject == f"New submission: Park pavilion reservation ({submission.reference})"
        assert message.attachments == []
        detail_url = "http://testserver" + reverse("form_submission_detail", args=[submission.pk])
        assert detail_url in message.body
        assert f"Reference number: {submission.reference}" in message.body
        assert "Files uploaded: 1 (not attached" in message.body
        assert "Ana" not in message.body and "ana@example.com" not in message.body  # answers stay in the admin

        assert confirmation.to == ["ana@example.com"]
        assert submission.reference in confirmation.subject and submission.reference in confirmation.body
        assert FormPage.DEFAULT_NEXT_STEPS in confirmation.body
        assert confirmation.attachments == []
        assert "Birthday party" not in confirmation.body and "Ana Núñez" not in confirmation.body
        assert "/admin/" not in confirmation.body

    def test_form_to_address_adds_recipients(self, client, form_page):
        form_page.to_address = "clerk@example.gov"
        form_page.save_revision().publish()
        post(client, form_page, valid_answers())
        assert mail.outbox[0].to[-1] == "clerk@example.gov"

    @pytest.mark.parametrize(
        "subject",
        ["Pavilion booking", "Line one\r\nBcc: evil@example.com", "<b>Réservation</b> 🏕️ " + "long " * 45],
    )
    def test_staff_subject_ends_with_the_reference_whatever_the_editor_wrote(self, client, form_page, subject):
        """Staff sort and answer these emails by reference (issue 17, point 6): it is in the subject, whole,
        after the editor's own subject, which stays one line and is shortened instead."""
        form_page.subject = subject
        form_page.save_revision().publish()
        post(client, form_page, valid_answers())
        reference = FormPageSubmission.objects.get().reference
        message = mail.outbox[0]
        assert message.subject.endswith(f" ({reference})")
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.subject.startswith(" ".join(subject.split())[:40])

    def test_mail_outage_loses_nothing(self, client, form_page, settings):
        settings.EMAIL_BACKEND = "tests.form_helpers.BrokenEmailBackend"
        response = post(client, form_page, valid_answers())
        assert response.status_code == 302  # the resident still gets the thank-you page
        assert FormPageSubmission.objects.count() == 1

    def test_no_recipients_still_stores(self, client, city):
        department, _, _ = create_department("Library")
        page = build_form(department, "Room booking")
        post(client, page, valid_answers())
        assert FormPageSubmission.objects.count() == 1
        assert [m.to for m in mail.outbox] == [["ana@example.com"]]  # only the resident's confirmation

    @pytest.mark.parametrize(
        "name, content, message",
        [
            ("notes.pdf", PDF_BYTES, None),
            ("photo.JPG", jpeg_bytes(), None),
            ("photo.jpeg", jpeg_bytes(), None),
            ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "can’t be accepted"),
            ("page.png", b"<html><script>alert(1)</script></html>", "can’t be accepted"),
            ("image.pdf", png_bytes(), "can’t be accepted"),  # content and name disagree
            ("notes.txt", PDF_BYTES, "can’t be accepted"),
            ("broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "damaged"),
            ("empty.pdf", b"", "empty"),
        ],
    )
    def test_upload_types_are_checked_by_content(self, client, form_page, name, content, message):
        upload = SimpleUploadedFile(name, content, content_type="application/pdf")
        response = post(client, form_page, valid_answers(photo_or_document=upload))
        if message is None:
            assert FormUpload.objects.count() == 1
            return
        html = response.content.decode()
        assert message in html
        assert FormPageSubmission.objects.count() == 0
        assert 'aria-invalid="true"' in html
        assert 'value="Ana Núñez"' in html  # the other answers are kept

    def test_thank_you_links_cannot_be_forged(self, client, form_page, city):
        location = post(client, form_page, valid_answers())["Location"]
        submission = FormPageSubmission.objects.get()
        token = location.split("thanks=")[1]
        assert submission.reference in client.get(location).content.decode()
        assert str(submission.pk) not in signing.loads(token.replace("%3A", ":"), salt=form_page._thanks_salt())
        for forged in ("1", token[:-2] + "xx", "<script>", "x" * 5000):
            html = client.get(form_page.url, {"thanks": forged}).content.decode()
            assert "reference number" not in html and 'name="your_name"' in html  # just the form again
        other_department, _, _ = create_department("Library")
        other = build_form(other_department, "Room booking")
        html = client.get(other.url, {"thanks": token}).content.decode()  # signed for another form
        assert submission.reference not in html

    def test_valid_file_must_be_chosen_again_after_other_errors(self, client, form_page):
        photo = SimpleUploadedFile("pavilion.png", png_bytes())
        response = post(client, form_page, valid_answers(photo_or_document=photo, email_address="nope"))
        html = response.content.decode()
        assert "Please choose this file again" in html
        assert 'id="id_photo_or_document_error"' in html
        assert FormUpload.objects.count() == 0

    def test_oversized_upload_is_refused(self, client, form_page):
        big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
        response = post(client, form_page, valid_answers(photo_or_document=big))
        assert "The file is too large" in response.content.decode()
        assert FormPageSubmission.objects.count() == 0

    def test_errors_are_next_to_each_field_and_answers_kept(self, client, form_page):
        answers = valid_answers(
            email_address="not-an-email",
            phone_number="call me maybe",
            preferred_date="31/31/2026",
            pavilion="<script>alert(1)</script>",
        )
        response = post(client, form_page, answers)
        html = response.content.decode()
        assert response.status_code == 200
        assert FormPageSubmission.objects.count() == 0
        assert 'role="alert"' in html  # the error summary is announced
        for field in ("email_address", "phone_number", "preferred_date", "pavilion"):
            assert f'id="id_{field}_error"' in html
        assert 'aria-describedby="id_email_address_helptext id_email_address_error"' in html
        assert 'aria-describedby="id_preferred_date_error"' in html
        assert 'aria-describedby="id_phone_number_helptext id_phone_number_error"' in html
        assert "Enter a phone number, like 601-555-0100." in html
        assert 'value="Ana Núñez"' in html and "Birthday party." in html
        assert "<script>alert(1)</script>" not in html

    @pytest.mark.parametrize(
        "phone, ok",
        [
            ("601-555-0100", True),
            ("+1 (601) 555-0100", True),
            ("601.555.0100 ext. 12", True),
            ("6015550100x9", True),
            ("555", False),
            ("601-555-0100; DROP TABLE", False),
            ("٦٠١٥٥٥٠١٠٠", False),  # non-ASCII digits are refused with a clear message
            ("1" * 30, False),
        ],
    )
    def test_phone_validation(self, client, form_page, phone, ok):
        post(client, form_page, valid_answers(phone_number=phone))
        assert FormPageSubmission.objects.exists() is ok

    def test_hostile_text_is_stored_as_text(self, client, form_page, django_user_model):
        payload = "<img src=x onerror=alert(1)> 👩🏽‍🚒 Ñandú"
        post(client, form_page, valid_answers(your_name=payload[:255], details=payload * 10))
        submission = FormPageSubmission.objects.get()
        assert submission.form_data["your_name"] == payload
        admin = django_user_model.objects.create_superuser("root", "root@example.gov", "pw")
        client.force_login(admin)
        html = client.get(reverse("form_submission_detail", args=[submission.pk])).content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html

    def test_overlong_answers_are_refused(self, client, form_page):
        response = post(client, form_page, valid_answers(your_name="x" * 256, details="y" * 10_001))
        html = response.content.decode()
        assert "Your name: Keep this answer to 255 characters or fewer (it has 256)." in html
        assert "Keep this answer to 10000 characters or fewer" in html
        assert FormPageSubmission.objects.count() == 0

    def test_missing_required_answers(self, client, form_page):
        response = post(client, form_page, {"rendered_at": fresh_stamp()})
        html = response.content.decode()
        assert "This field is required." not in html
        for message in (
            "Enter your name.",
            "Enter email address.",
            "Enter preferred date.",
            "Choose pavilion.",
        ):
            assert html.count(message) == 2  # in the summary and next to the field
        assert FormPageSubmission.objects.count() == 0


@pytest.mark.django_db
class TestSpamProtection:
    """The shared SubmissionGuard from core/protection.py, as the form page uses it."""

    def test_honeypot_looks_like_success_but_stores_nothing(self, client, form_page):
        response = post(client, form_page, valid_answers(website="http://spam.example"), follow=True)
        assert "We will confirm your booking" in response.content.decode()
        assert FormPageSubmission.objects.count() == 0
        assert mail.outbox == []

    def test_too_fast_is_dropped(self, client, form_page):
        post(client, form_page, valid_answers(rendered_at=fresh_stamp(seconds_ago=0)))
        assert FormPageSubmission.objects.count() == 0

    def test_forged_timestamp_is_dropped(self, client, form_page):
        post(client, form_page, valid_answers(rendered_at="1700000000"))
        assert FormPageSubmission.objects.count() == 0

    def test_cross_site_post_is_refused_and_answers_kept(self, client, form_page):
        response = client.post(form_page.url, valid_answers(), HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403
        assert "only be sent from this website" in response.content.decode()
        assert 'value="Ana Núñez"' in response.content.decode()
        assert FormPageSubmission.objects.count() == 0

    def test_rate_limit_per_client(self, client, form_page):
        for _ in range(FormPage.GUARD_RATE):
            assert post(client, form_page, valid_answers()).status_code == 302
        response = post(client, form_page, valid_answers())
        assert response.status_code == 429
        assert FormPageSubmission.objects.count() == FormPage.GUARD_RATE
        other = post(client, form_page, valid_answers(), REMOTE_ADDR="10.1.2.3")
        assert other.status_code == 302  # another resident is unaffected

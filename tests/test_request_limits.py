"""Oversized and flooding posts are refused before their body is read (forms/request_limits.py).

"Never read" is proved by making Django's body parsers fail the test if they run.
"""

import copy

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from departments.provisioning import create_department
from forms.models import FormPage, FormPageSubmission, FormUpload
from forms.request_limits import public_post_guard
from forms.uploads import MAX_FILE_FIELDS_PER_FORM, PUBLIC_BODY_LIMIT, form_body_limit
from tests.form_helpers import ORIGIN, PDF_BYTES, build_form, png_bytes, valid_answers

pytestmark = pytest.mark.shared_tree


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture(scope="module")
def form_page_once(city_once, django_db_blocker):
    """Parks & Recreation and its pavilion form, built once per module (a department's groups and
    workflow cost more than most of these tests)."""
    with django_db_blocker.unblock():
        department, _roles, _ = create_department("Parks & Recreation", form_emails="parks@example.gov")
        return build_form(department)


@pytest.fixture
def form_page(form_page_once, db):
    """This test's copy of the form: one test adds fields to it in memory."""
    return copy.deepcopy(form_page_once)


@pytest.fixture
def never_parsed(monkeypatch):
    """Fail the test if anything parses a multipart or urlencoded body."""

    def refuse(*args, **kwargs):
        raise AssertionError("the request body was parsed")

    monkeypatch.setattr(MultiPartParser, "parse", refuse)
    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", refuse)


def multipart(boundary="x"):
    return f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db
class TestRefusedFromTheHeaders:
    def test_claimed_huge_body_is_refused_unread(self, client, form_page, never_parsed):
        response = client.generic(
            "POST",
            form_page.url,
            b"--x--\r\n",
            content_type=multipart(),
            CONTENT_LENGTH=str(60 * 1024 * 1024),
            **ORIGIN,
        )
        assert response.status_code == 413
        html = response.content.decode()
        assert "too large" in html and "<h1>" in html  # a page in the site's style
        assert response["Cache-Control"] == "no-store"

    def test_real_twenty_megabyte_upload_is_refused_unread(self, client, form_page, never_parsed):
        big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
        response = client.post(form_page.url, valid_answers(photo_or_document=big), **ORIGIN)
        # One file field: above this form's limit (checked by the page) though under the site's.
        assert response.status_code == 413
        assert FormPageSubmission.objects.count() == 0

    def test_over_the_site_limit_never_reaches_the_page(self, client, form_page, never_parsed, monkeypatch):
        served = []
        monkeypatch.setattr(FormPage, "serve", lambda *args, **kwargs: served.append(1))
        response = client.generic(
            "POST", form_page.url, b"", content_type=multipart(), CONTENT_LENGTH=str(PUBLIC_BODY_LIMIT + 1)
        )
        assert response.status_code == 413
        assert served == []

    def test_feedback_endpoint_too(self, client, db, never_parsed):
        response = client.generic(
            "POST", "/feedback/", b"", content_type=multipart(), CONTENT_LENGTH=str(PUBLIC_BODY_LIMIT + 1)
        )
        assert response.status_code == 413

    @pytest.mark.parametrize("length", ["abc", "-5", "1e9", " ", "²"])
    def test_unreadable_length_is_a_bad_request(self, client, form_page, never_parsed, length):
        response = client.generic("POST", form_page.url, b"", content_type=multipart(), CONTENT_LENGTH=length)
        assert response.status_code == 400

    def test_chunked_body_without_length_is_refused(self, client, form_page, never_parsed):
        response = client.generic(
            "POST", form_page.url, b"", content_type=multipart(), CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked"
        )
        assert response.status_code == 411

    def test_flooding_client_is_refused_before_csrf_reads_the_body(self, db, form_page, never_parsed):
        client = Client(enforce_csrf_checks=True)
        guard = public_post_guard()
        for _ in range(guard.rate):
            guard.check_rate(client.request().wsgi_request)
        response = client.generic("POST", form_page.url, b"--x--\r\n", content_type=multipart(), **ORIGIN)
        assert response.status_code == 429
        assert "wait a minute" in response.content.decode()


@pytest.mark.django_db
class TestTheFormPage:
    def test_rate_limited_client_is_refused_before_parsing(self, client, form_page, never_parsed):
        guard = form_page.guard()
        request = client.request().wsgi_request
        for _ in range(guard.rate):
            guard.check_rate(request)
        photo = SimpleUploadedFile("pavilion.png", png_bytes())
        body = encode_multipart(BOUNDARY, valid_answers(photo_or_document=photo))
        # Over the text allowance, so the page does not even read the answers back.
        body += b"0" * 600_000
        response = client.generic("POST", form_page.url, body, content_type=MULTIPART_CONTENT, **ORIGIN)
        assert response.status_code == 429
        assert FormPageSubmission.objects.count() == 0

    def test_rate_refusal_keeps_typed_answers_but_skips_files(self, client, form_page):
        guard = form_page.guard()
        request = client.request().wsgi_request
        for _ in range(guard.rate):
            guard.check_rate(request)
        photo = SimpleUploadedFile("pavilion.png", png_bytes())
        response = client.post(form_page.url, valid_answers(photo_or_document=photo), **ORIGIN)
        assert response.status_code == 429
        assert 'value="Ana Núñez"' in response.content.decode()
        assert FormUpload.objects.count() == 0

    def test_normal_post_with_a_file_still_works(self, client, form_page):
        photo = SimpleUploadedFile("pavilion.png", png_bytes())
        response = client.post(form_page.url, valid_answers(photo_or_document=photo), **ORIGIN)
        assert response.status_code == 302
        assert FormUpload.objects.count() == 1

    def test_editor_cannot_add_more_file_fields_than_the_limit(self, form_page):
        from django.core.exceptions import ValidationError

        from forms.models import FormField

        for index in range(MAX_FILE_FIELDS_PER_FORM):
            form_page.form_fields.add(FormField(label=f"Extra file {index}", field_type="file"))
        with pytest.raises(ValidationError, match="at most 3 files"):
            form_page.full_clean()

    def test_limits_add_up(self):
        assert form_body_limit(1) < PUBLIC_BODY_LIMIT == form_body_limit(MAX_FILE_FIELDS_PER_FORM)
        assert form_body_limit(99) == PUBLIC_BODY_LIMIT

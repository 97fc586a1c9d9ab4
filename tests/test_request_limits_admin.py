"""Staff uploads in the admin are exempt from the public posts' size limits (forms/request_limits.py).

Apart from tests/test_request_limits.py, whose module-wide form page brings Parks & Recreation's
collection: with a second collection, Wagtail's upload forms ask which one, and these posts give none.
"""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.form_helpers import PDF_BYTES, png_bytes


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.mark.django_db
class TestTheAdminIsExempt:
    def test_staff_still_upload_a_document(self, client, django_user_model, settings):
        user = django_user_model.objects.create_superuser("editor", "editor@example.gov", "pw")
        client.force_login(user)
        document = SimpleUploadedFile("minutes.pdf", PDF_BYTES + b"0" * (3 * 1024 * 1024))
        response = client.post("/admin/documents/add/", {"title": "Council minutes", "file": document})
        assert response.status_code == 302
        from wagtail.documents.models import Document

        assert Document.objects.filter(title="Council minutes").exists()

    def test_staff_still_upload_an_image(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("editor", "editor@example.gov", "pw")
        client.force_login(user)
        image = SimpleUploadedFile("hall.png", png_bytes((40, 30)), content_type="image/png")
        response = client.post("/admin/images/add/", {"title": "City hall", "file": image})
        assert response.status_code == 302

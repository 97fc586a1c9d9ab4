"""The staff side of department forms: a department-scoped inbox, one submission, private downloads, export."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from departments.provisioning import create_department
from departments.roles import COMMUNICATIONS, setup_site_roles
from forms.models import FormPageSubmission, FormUpload
from forms.storage import check_private_media_root
from tests.form_helpers import ORIGIN, PDF_BYTES, build_form, png_bytes, valid_answers


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def inbox(city, client, django_user_model):
    roles = setup_site_roles()
    parks, parks_roles, _ = create_department("Parks & Recreation", form_emails="parks@example.gov")
    police, police_roles, _ = create_department("Police Department", form_emails="police@example.gov")
    parks_form = build_form(parks, "Park pavilion reservation")
    police_form = build_form(police, "Public records request")
    for page, name in ((parks_form, "pavilion.png"), (police_form, "records.pdf")):
        content = png_bytes() if name.endswith("png") else PDF_BYTES
        client.post(page.url, valid_answers(photo_or_document=SimpleUploadedFile(name, content)), **ORIGIN)
    client.logout()

    def user(name, group):
        account = django_user_model.objects.create_user(name, f"{name}@example.gov", "pw")
        account.groups.add(group)
        return account

    return {
        "parks_form": parks_form,
        "police_form": police_form,
        "parks_submission": FormPageSubmission.objects.get(page=parks_form),
        "police_submission": FormPageSubmission.objects.get(page=police_form),
        "parks_upload": FormUpload.objects.get(submission__page=parks_form),
        "police_upload": FormUpload.objects.get(submission__page=police_form),
        "parks_editor": user("parks-editor", parks_roles.editors),
        "parks_publisher": user("parks-publisher", parks_roles.publishers),
        "comms": user("comms", roles[COMMUNICATIONS]),
    }


def denied(response):
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.django_db
class TestInboxScoping:
    def test_forms_listing_shows_only_own_department(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        html = client.get(reverse("wagtailforms:index")).content.decode()
        assert "Park pavilion reservation" in html
        assert "Public records request" not in html

    def test_communications_sees_every_form(self, client, inbox):
        client.force_login(inbox["comms"])
        html = client.get(reverse("wagtailforms:index")).content.decode()
        assert "Park pavilion reservation" in html and "Public records request" in html
        police = client.get(reverse("wagtailforms:list_submissions", args=[inbox["police_form"].pk]))
        assert police.status_code == 200
        assert client.get(reverse("form_upload_download", args=[inbox["police_upload"].pk])).status_code == 200

    def test_submissions_of_another_department_are_hidden(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        police_form = inbox["police_form"]
        assert denied(client.get(reverse("wagtailforms:list_submissions", args=[police_form.pk])))
        assert denied(client.get(reverse("wagtailforms:list_submissions", args=[police_form.pk]) + "?export=csv"))
        assert denied(client.get(reverse("form_submission_detail", args=[inbox["police_submission"].pk])))
        assert denied(client.get(reverse("form_upload_download", args=[inbox["police_upload"].pk])))
        response = client.post(
            reverse("wagtailforms:delete_submissions", args=[police_form.pk])
            + f"?selected-submissions={inbox['police_submission'].pk}"
        )
        assert denied(response)
        assert FormPageSubmission.objects.filter(pk=inbox["police_submission"].pk).exists()

    def test_anonymous_users_get_nothing(self, client, inbox):
        response = client.get(reverse("form_upload_download", args=[inbox["parks_upload"].pk]))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
class TestInbox:
    def test_listing_links_to_detail_and_downloads(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        html = client.get(reverse("wagtailforms:list_submissions", args=[inbox["parks_form"].pk])).content.decode()
        assert reverse("form_submission_detail", args=[inbox["parks_submission"].pk]) in html
        assert f'href="{reverse("form_upload_download", args=[inbox["parks_upload"].pk])}">pavilion.png</a>' in html
        assert "Ana Núñez" in html

    def test_detail_shows_answers_and_files(self, client, inbox):
        client.force_login(inbox["parks_publisher"])
        response = client.get(reverse("form_submission_detail", args=[inbox["parks_submission"].pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Ana Núñez" in html and "Grill, Trash bins" in html and "South pavilion" in html
        assert reverse("form_upload_download", args=[inbox["parks_upload"].pk]) in html

    def test_download_is_an_attachment_with_safe_headers(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        response = client.get(reverse("form_upload_download", args=[inbox["parks_upload"].pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "pavilion.png" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]

    def test_missing_file_is_a_404_not_a_crash(self, client, inbox):
        inbox["parks_upload"].file.storage.delete(inbox["parks_upload"].file.name)
        client.force_login(inbox["parks_editor"])
        assert client.get(reverse("form_upload_download", args=[inbox["parks_upload"].pk])).status_code == 404

    def test_csv_export_has_answers_and_file_links(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        url = reverse("wagtailforms:list_submissions", args=[inbox["parks_form"].pk])
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
        assert rows[0][:3] == ["Submission date", "Your name", "Email address"]
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["Your name"] == "Ana Núñez"
        download = "http://testserver" + reverse("form_upload_download", args=[inbox["parks_upload"].pk])
        assert row["Photo or document"] == f"pavilion.png ({download})"

    def test_xlsx_export(self, client, inbox):
        client.force_login(inbox["parks_editor"])
        url = reverse("wagtailforms:list_submissions", args=[inbox["parks_form"].pk])
        response = client.get(url, {"export": "xlsx"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = [cell.value for cell in sheet[2]]
        assert "Ana Núñez" in values

    @pytest.mark.parametrize("export", ["csv", "xlsx"])
    def test_exports_never_hand_a_spreadsheet_a_formula(self, client, inbox, export):
        """A resident's '=HYPERLINK(…)' must reach staff as text, in every export format."""
        payload = '=HYPERLINK("http://evil.example/","Open photo")'
        submission = inbox["parks_submission"]
        data = submission.get_data()
        data.update(your_name=payload, email_address="@SUM(1+1)@example.gov")
        data.pop("submit_time", None)
        submission.form_data = data
        submission.save()
        client.force_login(inbox["parks_editor"])
        url = reverse("wagtailforms:list_submissions", args=[inbox["parks_form"].pk])
        response = client.get(url, {"export": export})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        if export == "csv":
            cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8"))) for cell in row]
        else:
            cells = [cell for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True) for cell in row]
        texts = [cell for cell in cells if isinstance(cell, str)]
        assert "'" + payload in texts
        assert "'@SUM(1+1)@example.gov" in texts
        assert not any(text.lstrip().startswith(("=", "+", "@")) for text in texts)

    def test_deleting_a_submission_deletes_its_files(self, client, inbox, private_media):
        upload = inbox["parks_upload"]
        path = private_media / upload.file.name
        assert path.exists()
        client.force_login(inbox["parks_editor"])
        url = reverse("wagtailforms:delete_submissions", args=[inbox["parks_form"].pk])
        client.post(f"{url}?selected-submissions={inbox['parks_submission'].pk}")
        assert not FormPageSubmission.objects.filter(pk=inbox["parks_submission"].pk).exists()
        assert not path.exists()


def test_private_media_root_must_not_be_public(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in check_private_media_root()] == ["jackson.forms.E001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert check_private_media_root() == []


def test_system_check_passes_with_defaults():
    """The project's checks (ours included) raise no error with the default configuration."""
    assert check_private_media_root() == []
    call_command("check", "--fail-level", "WARNING")

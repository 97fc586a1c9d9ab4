"""The staff side of department forms: a department-scoped inbox, one submission, private downloads, export."""

import copy
import csv
import datetime
import io
import shutil

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from departments.provisioning import create_department
from departments.roles import COMMUNICATIONS, setup_site_roles
from forms.models import FormPageSubmission, FormUpload
from forms.storage import check_private_media_root
from tests.conftest import staff_account
from tests.form_helpers import ORIGIN, PDF_BYTES, build_form, png_bytes, valid_answers

pytestmark = pytest.mark.shared_tree


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(scope="module")
def inbox_files(tmp_path_factory):
    """Where the module's two uploads are written once; each test works on its own copy (``inbox``)."""
    return tmp_path_factory.mktemp("inbox-private")


@pytest.fixture(scope="module")
def inbox_once(city_once, inbox_files, django_db_blocker):
    """Two departments with a form each, one resident's submission (with a file) to each, and their staff.

    Built once per module: creating departments (groups, workflows) and posting through the public
    forms took most of each test's time. Tests that change these rows are rolled back (``db``).
    """
    with django_db_blocker.unblock(), override_settings(PRIVATE_MEDIA_ROOT=inbox_files):
        cache.clear()  # the per-client rate limit lives in the cache
        roles = setup_site_roles()
        parks, parks_roles, _ = create_department("Parks & Recreation", form_emails="parks@example.gov")
        police, police_roles, _ = create_department("Police Department", form_emails="police@example.gov")
        parks_form = build_form(parks, "Park pavilion reservation")
        police_form = build_form(police, "Public records request")
        client = Client()
        for page, name in ((parks_form, "pavilion.png"), (police_form, "records.pdf")):
            content = png_bytes() if name.endswith("png") else PDF_BYTES
            client.post(page.url, valid_answers(photo_or_document=SimpleUploadedFile(name, content)), **ORIGIN)
        cache.clear()

        return {
            "parks_form": parks_form,
            "police_form": police_form,
            "parks_submission": FormPageSubmission.objects.get(page=parks_form),
            "police_submission": FormPageSubmission.objects.get(page=police_form),
            "parks_upload": FormUpload.objects.get(submission__page=parks_form),
            "police_upload": FormUpload.objects.get(submission__page=police_form),
            "parks_editor": staff_account("parks-editor", parks_roles.editors),
            "parks_publisher": staff_account("parks-publisher", parks_roles.publishers),
            "comms": staff_account("comms", roles[COMMUNICATIONS]),
        }


@pytest.fixture
def inbox(inbox_once, inbox_files, private_media, db):
    """The module's inbox, copied: the uploaded files into this test's private folder (some tests
    delete them), the objects in memory (some tests change them before saving)."""
    shutil.copytree(inbox_files, private_media, dirs_exist_ok=True)
    return copy.deepcopy(inbox_once)


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
        assert rows[0][:6] == ["Reference", "Received", "Status", "Assigned to", "Your name", "Email address"]
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["Your name"] == "Ana Núñez"
        assert row["Reference"] == inbox["parks_submission"].reference and row["Status"] == "New"
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


class TestInboxTriage:
    """Issue 17.3: local dates, the reference as a column and a search, status and assignee with an audit trail."""

    def listing(self, client, inbox, **params):
        url = reverse("wagtailforms:list_submissions", args=[inbox["parks_form"].pk])
        response = client.get(url, params)
        assert response.status_code == 200
        return response.content.decode()

    def test_dates_are_in_the_city_time_zone(self, client, inbox, settings):
        submission = inbox["parks_submission"]
        FormPageSubmission.objects.filter(pk=submission.pk).update(
            submit_time=datetime.datetime(2026, 12, 2, 11, 21, 29, 702857, tzinfo=datetime.UTC)
        )
        client.force_login(inbox["parks_editor"])
        html = self.listing(client, inbox)
        assert "+00:00" not in html and "11:21:29" not in html
        assert "Dec. 2, 2026, 5:21 a.m." in html  # America/Chicago, Django's admin format
        detail = client.get(reverse("form_submission_detail", args=[submission.pk])).content.decode()
        assert "Dec. 2, 2026, 5:21 a.m." in detail and "+00:00" not in detail

    def test_reference_is_a_column_linking_to_the_submission(self, client, inbox):
        submission = inbox["parks_submission"]
        client.force_login(inbox["parks_editor"])
        html = self.listing(client, inbox)
        detail = reverse("form_submission_detail", args=[submission.pk])
        assert f'<a class="w-whitespace-nowrap" href="{detail}">{submission.reference}</a>' in html
        assert ">None<" not in html.replace(" ", "").replace("\n", "")
        assert ">Reference<" in html.replace("\n", "").replace(" ", "")

    @pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{ref_spaced}", "{tail}"])
    def test_search_by_reference_however_it_is_typed(self, client, inbox, typed):
        reference = inbox["parks_submission"].reference
        other = build_form(inbox["parks_form"].get_parent(), "Shelter rental")
        other_submission = FormPageSubmission.objects.create(page=other, form_data={}, reference="PR-2222-22")
        FormPageSubmission.objects.create(
            page=inbox["parks_form"], form_data={"your_name": "Bo"}, reference="PR-ZZZZ-ZZ"
        )
        query = typed.format(
            ref=reference,
            ref_lower=reference.lower(),
            ref_spaced=reference.replace("-", " "),
            tail=reference[-7:].replace("-", ""),
        )
        client.force_login(inbox["parks_editor"])
        html = self.listing(client, inbox, q=query)
        assert reference in html and "PR-ZZZZ-ZZ" not in html
        assert other_submission.reference not in html

    @pytest.mark.parametrize("query", ["<script>alert(1)</script>", "x" * 5000, "' OR 1=1 --", "\x00", "🚧"])
    def test_hostile_searches(self, client, inbox, query):
        client.force_login(inbox["parks_editor"])
        html = self.listing(client, inbox, q=query)
        assert "<script>alert(1)</script>" not in html
        if query not in ("x" * 5000, "\x00"):  # Wagtail's search form refuses those: the whole list shows
            assert inbox["parks_submission"].reference not in html

    def test_status_and_assignee_change_in_the_detail_and_are_logged(self, client, inbox):
        submission = inbox["parks_submission"]
        editor, publisher = inbox["parks_editor"], inbox["parks_publisher"]
        client.force_login(editor)
        url = reverse("form_submission_detail", args=[submission.pk])
        html = client.get(url).content.decode()
        assert 'name="status"' in html and 'name="assignee"' in html
        assert f'value="{publisher.pk}"' in html  # a colleague who can open this inbox
        assert f'value="{inbox["comms"].pk}"' in html  # Communications sees every form
        response = client.post(url, {"status": "in_progress", "assignee": publisher.pk})
        assert response.status_code == 302
        submission.refresh_from_db()
        assert submission.status == "in_progress" and submission.assignee == publisher
        entries = ModelLogEntry.objects.for_instance(submission)
        assert {entry.action for entry in entries} == {"forms.submission.status", "forms.submission.assign"}
        assert all(entry.user == editor for entry in entries)
        html = client.get(url).content.decode()
        assert "Status changed from New to In progress" in html
        assert "Assigned to parks-publisher" in html
        # Saving again without a change logs nothing more.
        client.post(url, {"status": "in_progress", "assignee": publisher.pk})
        assert ModelLogEntry.objects.for_instance(submission).count() == 2

    def test_cannot_assign_someone_who_cannot_see_the_form(self, client, inbox, django_user_model):
        submission = inbox["parks_submission"]
        outsider = django_user_model.objects.create_user("outsider", "o@example.gov", "pw")
        client.force_login(inbox["parks_editor"])
        url = reverse("form_submission_detail", args=[submission.pk])
        assert f'value="{outsider.pk}"' not in client.get(url).content.decode()
        for bad in ({"status": "done", "assignee": outsider.pk}, {"status": "<b>x</b>"}, {"assignee": "1; DROP"}):
            response = client.post(url, bad)
            assert response.status_code == 200
            assert "could not be updated" in response.content.decode()
        submission.refresh_from_db()
        assert submission.status == "new" and submission.assignee is None
        assert not ModelLogEntry.objects.for_instance(submission).exists()

    def test_other_departments_cannot_change_status(self, client, inbox):
        police = inbox["police_submission"]
        client.force_login(inbox["parks_editor"])
        response = client.post(reverse("form_submission_detail", args=[police.pk]), {"status": "done"})
        assert denied(response)
        police.refresh_from_db()
        assert police.status == "new"

    def test_filter_by_status_and_assignee(self, client, inbox):
        first = inbox["parks_submission"]
        second = FormPageSubmission.objects.create(page=inbox["parks_form"], form_data={}, reference="PR-3333-33")
        second.set_status("done", inbox["comms"])
        first.assign(inbox["parks_publisher"], inbox["comms"])
        client.force_login(inbox["parks_editor"])
        html = self.listing(client, inbox, status="done")
        assert second.reference in html and first.reference not in html
        html = self.listing(client, inbox, assignee=inbox["parks_publisher"].pk)
        assert first.reference in html and second.reference not in html
        html = self.listing(client, inbox, status="new")
        assert first.reference in html and second.reference not in html
        assert self.listing(client, inbox, status="<script>")  # an invalid choice is ignored, not a 500


def test_inbox_queries_do_not_grow_with_submissions(client, inbox):
    """Assignees, references and files are read in bulk: ten rows cost what two do.

    The site and its settings are cached for a short time window (per-request caches), so
    whether a request reads them depends on the clock, not on the rows: they are left out.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    form_page, publisher = inbox["parks_form"], inbox["parks_publisher"]
    client.force_login(inbox["parks_editor"])
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The site, its settings and its root page are kept together (home/middleware.py): read
        # again only when something bumped the content version since the last view.
        timed = ('FROM "wagtailcore_site"', 'FROM "home_citysettings"', 'FROM "home_homepage"')
        return len([q for q in queries if not any(t in q["sql"] for t in timed)])

    FormPageSubmission.objects.create(page=form_page, form_data={}).assign(publisher, publisher)
    few = count()
    for _ in range(8):
        FormPageSubmission.objects.create(page=form_page, form_data={}).assign(publisher, publisher)
    assert count() == few


def test_system_check_command_fails_on_an_unsafe_private_media_root(settings, tmp_path):
    """The command the test above runs does fail, at that level, when the condition breaks:
    private uploads inside MEDIA_ROOT are an error that stops ``check``, and so CI."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    with pytest.raises(SystemCheckError, match="jackson.forms.E001"):
        call_command("check", "--fail-level", "WARNING")

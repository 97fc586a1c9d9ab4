"""Issue 17, points 6 and 12: readable references, the resident's confirmation email, and error messages that help."""

import copy
import re
from importlib import import_module

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from departments.provisioning import create_department
from forms import references
from forms.builder import required_message
from forms.models import FormField, FormPage, FormPageSubmission
from tests.form_helpers import ORIGIN, build_form, fresh_stamp, valid_answers

READABLE = re.compile(r"^[A-Z]{1,4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{2}$")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()


@pytest.fixture(scope="module")
def works_once(city_once, django_db_blocker):
    """Public Works with its groups and workflow, created once per module on conftest's shared city.

    The module is not marked ``shared_tree``: conftest's shared department is also Public Works,
    with a page at the slug these tests give their forms ("report-a-pothole").
    """
    with django_db_blocker.unblock():
        department, _, _ = create_department("Public Works", form_emails="streets@example.gov")
        return department


@pytest.fixture
def works(works_once, db):
    """This test's copy of Public Works: adding a form changes the page object in memory."""
    return copy.deepcopy(works_once)


def post(client, page, data):
    return client.post(page.url, data, **ORIGIN)


class TestReferences:
    def test_shape_alphabet_and_no_lookalikes(self):
        for _ in range(200):
            reference = references.new_reference("PW", lambda ref: False)
            assert READABLE.match(reference), reference
            assert not set(reference[3:]) & set("01OIL")

    def test_collisions_draw_again(self):
        taken = iter([True, True, False])
        reference = references.new_reference("PW", lambda ref: next(taken))
        assert READABLE.match(reference)

    def test_endless_collisions_are_a_loud_error_not_a_loop(self):
        with pytest.raises(RuntimeError):
            references.new_reference("PW", lambda ref: True)

    @pytest.mark.parametrize(
        "title, prefix",
        [
            ("Public Works", "PW"),
            ("Parks & Recreation", "PR"),
            ("Department of Finance and Utility Billing", "DFUB"),
            ("Finance", "FI"),
            ("Ñandú Señales", "NS"),
            ("🚧 <script>", "SC"),
            ("", "REF"),
            ("日本語", "REF"),
        ],
    )
    def test_initials(self, title, prefix):
        assert references.initials(title) == prefix

    @pytest.mark.parametrize(
        "prefix", ["", "pw1", "P W", "<b>", "TOOLONG", "ÑA", "PW-", "'; DROP", "\x00", "P\nW", "🚧"]
    )
    def test_hostile_prefixes_are_refused_with_a_clear_message(self, prefix):
        with pytest.raises(ValidationError, match="capital letters"):
            references.validate_prefix(prefix)

    def test_query_normalised_however_it_is_read_out(self):
        assert references.normalise_query(" pw 7k3q-2m ") == "PW7K3Q2M"
        assert len(references.normalise_query("x" * 10_000)) == 40


@pytest.mark.django_db
class TestReferencesOnSubmissions:
    def test_submission_gets_department_prefix_and_thank_you_shows_it(self, client, works):
        page = build_form(works, "Report a pothole")
        response = post(client, page, valid_answers())
        submission = FormPageSubmission.objects.get()
        assert READABLE.match(submission.reference) and submission.reference.startswith("PW-")
        html = client.get(response["Location"]).content.decode()
        assert f"<strong>{submission.reference}</strong>" in html
        assert html.count("Thank you") <= 1  # the heading no longer repeats the editor's "Thank you."
        staff, resident = mail.outbox
        assert submission.reference in staff.body and submission.reference in resident.body

    def test_submissions_made_in_code_get_a_reference_too(self, works):
        page = build_form(works, "Report a pothole")
        made = [FormPageSubmission.objects.create(page=page, form_data={}) for _ in range(3)]
        assert len({s.reference for s in made}) == 3 and all(READABLE.match(s.reference) for s in made)

    def test_editor_prefix_wins_and_is_uppercased(self, client, works):
        page = build_form(works, "Report a pothole")
        page.reference_prefix = " pot "
        page.full_clean()
        page.save_revision().publish()
        post(client, page, valid_answers())
        assert FormPageSubmission.objects.get().reference.startswith("POT-")

    @pytest.mark.parametrize("prefix", ["P1", "<b>", "ABCDE", "P W"])
    def test_hostile_prefix_is_refused_on_the_page(self, works, prefix):
        page = build_form(works, "Report a pothole")
        page.reference_prefix = prefix
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "reference_prefix" in error.value.message_dict

    def test_editor_can_set_prefix_in_the_admin(self, client, works, django_user_model):
        from django.urls import reverse

        page = build_form(works, "Report a pothole")
        admin = django_user_model.objects.create_superuser("root", "root@example.gov", "pw")
        client.force_login(admin)
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert 'name="reference_prefix"' in html and 'name="confirmation_email_text"' in html
        assert 'name="form_fields-0-error_message"' in html

    def test_data_migration_gives_existing_submissions_references(self, works):
        page = build_form(works, "Report a pothole")
        for i in range(3):
            FormPageSubmission.objects.create(page=page, form_data={}, reference=f"PW-KEEP-{i}{i}")
        # Before 0007 every row had the empty default; the unique index allows one here to stand for them.
        old = FormPageSubmission.objects.create(page=page, form_data={})
        FormPageSubmission.objects.filter(pk=old.pk).update(reference="")
        migration = import_module("forms.migrations.0007_submission_references")
        from django.db import connection
        from django.db.migrations.loader import MigrationLoader

        # The migration's own (historical) models, as it sees them when it runs.
        state = MigrationLoader(connection).project_state(("forms", "0007_submission_references"))
        migration.add_references(state.apps, None)
        old.refresh_from_db()
        assert READABLE.match(old.reference) and old.reference.startswith("PW-")
        assert FormPageSubmission.objects.filter(reference__startswith="PW-KEEP-").count() == 3


@pytest.mark.django_db
class TestResidentConfirmation:
    def test_no_email_given_no_confirmation(self, client, works):
        page = build_form(works, "Report a pothole")
        page.form_fields.filter(field_type="email").update(required=False)
        post(client, page, valid_answers(email_address=""))
        assert [m.to for m in mail.outbox] == [["streets@example.gov"]]
        html = client.get(FormPage.objects.get(pk=page.pk).thanks_url(None, FormPageSubmission.objects.get()))
        assert "emailing it to you" not in html.content.decode()

    def test_form_without_email_field_sends_only_to_staff(self, client, works):
        fields = [("Where", "singleline", True, "", "")]
        page = build_form(works, "Report a pothole", fields=fields)
        post(client, page, {"where": "Main St", "website": "", "rendered_at": fresh_stamp()})
        assert [m.to for m in mail.outbox] == [["streets@example.gov"]]

    def test_first_email_field_is_the_residents(self, client, works):
        fields = [
            ("Your email", "email", True, "", ""),
            ("Landlord's email", "email", False, "", ""),
        ]
        page = build_form(works, "Report a pothole", fields=fields)
        post(
            client,
            page,
            {
                "your_email": "me@example.com",
                "landlords_email": "them@example.com",
                "website": "",
                "rendered_at": fresh_stamp(),
            },
        )
        assert sorted(m.to[0] for m in mail.outbox) == ["me@example.com", "streets@example.gov"]

    def test_editor_next_steps_text_is_sent_as_plain_text(self, client, works):
        page = build_form(works, "Report a pothole")
        page.confirmation_email_text = "A crew inspects it within 5 days. <script>alert(1)</script> 🚧"
        page.save_revision().publish()
        post(client, page, valid_answers())
        resident = mail.outbox[1]
        assert resident.to == ["ana@example.com"]
        assert "A crew inspects it within 5 days. <script>alert(1)</script> 🚧" in resident.body
        assert resident.content_subtype == "plain"

    def test_overlong_next_steps_text_is_refused(self, works):
        page = build_form(works, "Report a pothole")
        page.confirmation_email_text = "x" * 2001
        with pytest.raises(ValidationError):
            page.full_clean()

    def test_uploaded_files_are_never_attached(self, client, works):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.form_helpers import png_bytes

        page = build_form(works, "Report a pothole")
        post(client, page, valid_answers(photo_or_document=SimpleUploadedFile("hole.png", png_bytes())))
        assert all(message.attachments == [] for message in mail.outbox)
        assert "hole.png" not in mail.outbox[1].body

    def test_spam_gets_no_confirmation(self, client, works):
        page = build_form(works, "Report a pothole")
        post(client, page, valid_answers(website="http://spam.example"))
        assert mail.outbox == []

    def test_mail_outage_loses_nothing(self, client, works, settings):
        settings.EMAIL_BACKEND = "tests.form_helpers.BrokenEmailBackend"
        page = build_form(works, "Report a pothole")
        assert post(client, page, valid_answers()).status_code == 302
        assert FormPageSubmission.objects.count() == 1


@pytest.mark.django_db
class TestErrorMessages:
    @pytest.mark.parametrize(
        "label, kind, message",
        [
            ("Street address or nearest intersection", "singleline", "Enter street address or nearest intersection."),
            ("Your email address", "email", "Enter your email address."),
            ("Which part of the road?", "dropdown", "Choose an answer to “Which part of the road?”."),
            ("How big is it?", "radio", "Choose an answer to “How big is it?”."),
            ("Extras", "checkboxes", "Select at least one answer to “Extras”."),
            ("I agree to the terms", "checkbox", "Check the box “I agree to the terms” to continue."),
            ("Photo of the pothole", "file", "Choose a file for “Photo of the pothole”."),
            ("PIN code", "singleline", "Enter PIN code."),
            ("Anything else?", "multiline", "Answer “Anything else?”."),
        ],
    )
    def test_messages_made_from_the_label(self, label, kind, message):
        assert required_message(FormField(label=label, field_type=kind)) == message

    def test_editor_message_wins(self):
        field = FormField(
            label="Where", field_type="singleline", error_message="Enter the street or nearest intersection"
        )
        assert required_message(field) == "Enter the street or nearest intersection"

    @pytest.mark.parametrize(
        "typed, stored",
        [
            ("  Enter\nthe\tstreet  ", "Enter the street"),
            ("<script>alert(1)</script>", "<script>alert(1)</script>"),
            ("Ñandú 🚧\x00\x07", "Ñandú 🚧"),
        ],
    )
    def test_editor_message_is_one_line_of_text_and_shown_escaped(self, client, works, typed, stored):
        page = build_form(works, "Report a pothole", fields=[("Where", "singleline", True, "", "")])
        field = page.form_fields.get()
        field.error_message = typed
        field.full_clean(exclude=["page"])
        assert field.error_message == stored
        field.save()
        html = post(client, page, {"where": "", "website": "", "rendered_at": fresh_stamp()}).content.decode()
        assert "<script>alert(1)</script>" not in html
        if "script" in stored:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        else:
            assert html.count(stored) == 2

    def test_overlong_editor_message_is_refused(self):
        field = FormField(label="Where", field_type="singleline", error_message="x" * 201)
        with pytest.raises(ValidationError):
            field.full_clean(exclude=["page"])

    def test_summary_has_no_double_punctuation_and_links_to_each_field(self, client, works):
        fields = [
            ("Which part of the road?", "dropdown", True, "Lane\nShoulder", ""),
            ("Contact:", "email", False, "", ""),
            ("Name", "singleline", True, "", ""),
        ]
        page = build_form(works, "Report a pothole", fields=fields)
        html = post(
            client, page, {"contact": "nope", "name": "x" * 300, "website": "", "rendered_at": fresh_stamp()}
        ).content.decode()
        assert "?:" not in html and "::" not in html
        assert '<a href="#id_which_part_of_the_road">Choose an answer to “Which part of the road?”.</a>' in html
        assert '<a href="#id_contact">Contact: Enter an email address in the right format' in html
        assert '<a href="#id_name">Name: Keep this answer to 255 characters or fewer (it has 300).</a>' in html
        assert "This field is required." not in html

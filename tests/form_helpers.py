"""Shared helpers for the department form tests: a form with every field type, sample files, posting."""

import io
import time

from django.core import signing
from PIL import Image

from core.protection import SubmissionGuard
from forms.models import FormField, FormPage
from tests.conftest import add_child

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}

EVERY_FIELD = [
    ("Your name", "singleline", True, "", "As you would like us to address you."),
    ("Email address", "email", True, "", "We reply here."),
    ("Phone number", "phone", False, "", "Only if you prefer a call."),
    ("Number of guests", "number", False, "", ""),
    ("Preferred date", "date", True, "", ""),
    ("Pavilion", "dropdown", True, "North pavilion\nSouth pavilion\nLakeside shelter", ""),
    ("Extras", "checkboxes", False, "Grill\nPower outlet\nTrash bins", ""),
    ("Details", "multiline", False, "", "Anything else we should know."),
    ("Photo or document", "file", False, "", "PDF, JPEG or PNG up to 10 MB."),
]


def build_form(department, title="Park pavilion reservation", slug=None, fields=EVERY_FIELD):
    page = FormPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        thank_you_text="<p>We will confirm your booking within two working days.</p>",
    )
    for order, (label, kind, required, choices, help_text) in enumerate(fields):
        page.form_fields.add(
            FormField(
                sort_order=order,
                label=label,
                field_type=kind,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        )
    return add_child(department, page)


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fresh_stamp(seconds_ago=60):
    """A fill-time stamp as if the form had been rendered ``seconds_ago``."""
    guard = SubmissionGuard(scope=FormPage.GUARD_SCOPE)
    return signing.dumps(int(time.time()) - seconds_ago, salt=guard._salt, compress=False)


def valid_answers(**overrides):
    data = {
        "your_name": "Ana Núñez",
        "email_address": "ana@example.com",
        "phone_number": "(601) 555-0142",
        "number_of_guests": "25",
        "preferred_date": "2026-06-14",
        "pavilion": "South pavilion",
        "extras": ["Grill", "Trash bins"],
        "details": "Birthday party.",
        "website": "",
        "rendered_at": fresh_stamp(),
    }
    data.update(overrides)
    return data


class BrokenEmailBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")

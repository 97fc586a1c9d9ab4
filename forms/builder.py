"""The fields a department editor can put on a form, and how each one is built.

Wagtail's form builder makes a Django field for each ``FormField`` row by
calling ``create_<field_type>_field`` on the page's ``form_builder`` class.
We subclass it to add a phone number and a file upload type, tighten the
built-in types (length limits, a blank first dropdown choice, native date
inputs), and tie each field's error message to its input for screen readers.
See https://docs.wagtail.org/en/stable/reference/contrib/forms/customisation.html
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from forms import uploads

FIELD_TYPE_CHOICES = (
    ("singleline", "Single line text"),
    ("multiline", "Multi-line text"),
    ("email", "Email"),
    ("phone", "Phone number"),
    ("url", "Web address"),
    ("number", "Number"),
    ("date", "Date"),
    ("dropdown", "Drop down"),
    ("radio", "Radio buttons"),
    ("checkboxes", "Checkboxes"),
    ("checkbox", "Single checkbox"),
    ("file", "File upload (PDF, JPEG or PNG, up to 10 MB)"),
)

#: Field names the page itself uses (spam traps, CSRF); a form field may not take them.
RESERVED_NAMES = {"website", "rendered_at", "csrfmiddlewaretoken"}

MULTILINE_MAX_LENGTH = 10_000
FILE_AGAIN_MESSAGE = "Please choose this file again: files can’t be kept while other answers are fixed."
PHONE_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*\d{1,6}$", re.IGNORECASE)
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ().\-]+")


def validate_phone(value):
    """7 to 15 digits with the usual punctuation, optionally "ext. 123"; letters and symbols are refused."""
    number = PHONE_EXTENSION.sub("", value)
    digits = re.sub(r"\D", "", number)
    if not PHONE_CHARACTERS.fullmatch(number) or not 7 <= len(digits) <= 15:
        raise ValidationError("Enter a phone number, like 601-555-0100.", code="invalid_phone")


class PhoneField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


class UploadField(forms.FileField):
    """One file, checked by ``forms.uploads.validate_upload``; remembers what it detected."""

    widget = forms.FileInput(attrs={"accept": uploads.ACCEPT_ATTRIBUTE})
    default_error_messages = {
        "required": "Choose a file to upload.",
        "empty": "The file is empty. Please choose another file.",
    }

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            uploaded.upload_kind = uploads.validate_upload(uploaded)
        return uploaded


class PublicFormBase(BaseForm):
    """The resident-facing form: after validation, point each input at its error message."""

    def full_clean(self):
        super().full_clean()
        if self.errors:
            # Browsers cannot put a chosen file back into a re-rendered form, so say so next to it.
            for name, field in self.fields.items():
                if isinstance(field, UploadField) and name not in self.errors and self.cleaned_data.get(name):
                    self.add_error(name, FILE_AGAIN_MESSAGE)
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_helptext"] if bound.help_text else []
            ids.append(f"{bound.auto_id}_error")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class DepartmentFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("DepartmentForm", (PublicFormBase,), self.formfields)

    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        return forms.EmailField(max_length=254, **options)

    def create_phone_field(self, field, options):
        return PhoneField(**options)

    def create_number_field(self, field, options):
        return forms.DecimalField(max_digits=15, decimal_places=4, **options)

    def create_date_field(self, field, options):
        options.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        return forms.DateField(**options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "Choose an option")] + self.get_formatted_field_choices(field)
        return forms.ChoiceField(**options)

    def create_file_field(self, field, options):
        options.pop("initial", None)
        return UploadField(**options)

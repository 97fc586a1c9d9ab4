"""The fields a department editor can put on a form, and how each one is built.

Wagtail's form builder makes a Django field for each ``FormField`` row by
calling ``create_<field_type>_field`` on the page's ``form_builder`` class.
We subclass it to add a phone number and a file upload type, tighten the
built-in types (length limits, a blank first dropdown choice, native date
inputs), and tie each field's error message to its input for screen readers.

Error messages say what is needed for that field ("Enter your phone number",
"Choose an answer to “How big is it?”") instead of Django's "This field is
required.": the editor's own message if they wrote one, otherwise one made
from the label and field type (``required_message``).
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


TEXT_TYPES = {"singleline", "multiline", "email", "phone", "url", "number", "date"}
CHOICE_TYPES = {"dropdown", "radio"}

#: Messages for bad answers (not blank ones), in the words of a person, with an example.
INVALID_MESSAGES = {
    "email": "Enter an email address in the right format, like name@example.com.",
    "url": "Enter a web address in the right format, like https://www.example.com.",
    "number": "Enter a number, like 12 or 3.5.",
    "date": "Enter a real date, like 03/14/2026.",
}
COMMON_MESSAGES = {
    "max_length": "Keep this answer to %(limit_value)d characters or fewer (it has %(show_value)d).",
    "invalid_choice": "Choose one of the options listed.",
    "max_digits": "Enter a number with at most %(max)s digits.",
    "max_decimal_places": "Enter a number with at most %(max)s digits after the decimal point.",
    "max_whole_digits": "Enter a number with at most %(max)s digits before the decimal point.",
}


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text):
    """Editor text shown as one line: control characters and runs of spaces become single spaces."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(text or "")).split())


def clean_label(label):
    return " ".join(str(label or "").split()).rstrip(" :")


def lower_first(text):
    """ "Your email address" → "your email address"; acronyms ("PIN number") and "I" keep their case."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper() or first == "I":
        return text
    return text[:1].lower() + text[1:]


def required_message(field):
    """What a resident reads when a required field is blank: the editor's words, or made from the label."""
    own = one_line(getattr(field, "error_message", ""))
    if own:
        return own
    label = clean_label(field.label)
    question = label.endswith("?")
    kind = field.field_type
    if kind in CHOICE_TYPES:
        return f"Choose an answer to “{label}”." if question else f"Choose {lower_first(label)}."
    if kind == "checkboxes":
        return f"Select at least one answer to “{label}”."
    if kind == "checkbox":
        return f"Check the box “{label}” to continue."
    if kind == "file":
        return f"Choose a file for “{label}”."
    return f"Answer “{label}”." if question else f"Enter {lower_first(label)}."


class PublicFormBase(BaseForm):
    """The resident-facing form: after validation, point each input at its error message."""

    def error_summary(self):
        """(anchor, text) for the summary at the top: each message, with the field's label if it doesn't say it.

        Messages made for a field ("Enter your phone number") stand alone; general ones ("Keep this
        answer to 255 characters…") get the label in front, without doubling its punctuation
        ("Which part of the road? Choose one…", not "…road?: Choose…").
        """
        lines = [(None, str(error)) for error in self.non_field_errors()]
        for bound in self:
            if bound.is_hidden:
                continue
            anchor = bound.auto_id + ("_0" if getattr(bound, "use_fieldset", False) else "")
            label = clean_label(bound.label)
            for error in bound.errors:
                error = str(error)
                if error == bound.field.error_messages.get("required") or label.lower() in error.lower():
                    lines.append((anchor, error))
                else:
                    separator = "" if label[-1:] in "?!." else ":"
                    lines.append((anchor, f"{label}{separator} {error}"))
        return lines

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

    def get_field_options(self, field):
        options = super().get_field_options(field)
        messages = dict(COMMON_MESSAGES)
        if field.field_type in INVALID_MESSAGES:
            messages["invalid"] = INVALID_MESSAGES[field.field_type]
        messages["required"] = required_message(field)
        options["error_messages"] = messages
        return options

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

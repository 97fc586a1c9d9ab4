"""What residents may upload with a form, checked by content, not by name.

A file is accepted only if its first bytes match one of the allowed formats
(PDF, JPEG, PNG), its name ends in an extension for that same format, and it
is no larger than ``MAX_UPLOAD_BYTES``. Images are also opened with Pillow,
so a file that merely starts with the right bytes is refused. The stored file
is renamed to a random name with the extension of the detected format; the
resident's own file name is kept only as text for staff.
"""

import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: File fields one form may have: the editor refuses more (``FormPage.clean``), so the largest
#: body a public form can need is known before a request is read.
MAX_FILE_FIELDS_PER_FORM = 3
#: Room for every answer that is not a file (a multi-line answer is at most 10,000 characters,
#: up to four bytes each) plus multipart headers.
TEXT_BODY_BYTES = 512 * 1024


def form_body_limit(file_fields):
    """The largest request body a form with ``file_fields`` file inputs can need."""
    return TEXT_BODY_BYTES + MAX_UPLOAD_BYTES * min(file_fields, MAX_FILE_FIELDS_PER_FORM)


#: The largest body any public (non-admin) POST can need: a form with the most file fields.
PUBLIC_BODY_LIMIT = form_body_limit(MAX_FILE_FIELDS_PER_FORM)


@dataclass(frozen=True)
class UploadKind:
    label: str
    extension: str
    content_type: str
    extensions: tuple
    signatures: tuple
    is_image: bool = False


KINDS = (
    UploadKind("PDF", "pdf", "application/pdf", ("pdf",), (b"%PDF-",)),
    UploadKind("JPEG", "jpg", "image/jpeg", ("jpg", "jpeg"), (b"\xff\xd8\xff",), is_image=True),
    UploadKind("PNG", "png", "image/png", ("png",), (b"\x89PNG\r\n\x1a\n",), is_image=True),
)
ACCEPT_ATTRIBUTE = ",".join([f".{ext}" for kind in KINDS for ext in kind.extensions] + [k.content_type for k in KINDS])
ALLOWED_DESCRIPTION = "PDF, JPEG or PNG"


def sniff(uploaded):
    """The UploadKind whose signature the file starts with, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for kind in KINDS:
        if any(head.startswith(signature) for signature in kind.signatures):
            return kind
    return None


def _image_is_sound(uploaded):
    from PIL import Image

    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.verify()
    except Exception:  # Pillow raises many types for broken or hostile files
        return False
    finally:
        uploaded.seek(0)
    return True


def validate_upload(uploaded):
    """Return the UploadKind of an acceptable file; raise ValidationError with a plain message otherwise."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is too large ({filesizeformat(uploaded.size)}). "
            f"The limit is {filesizeformat(MAX_UPLOAD_BYTES)}.",
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError("The file is empty. Please choose another file.", code="empty")
    extension = os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")
    kind = sniff(uploaded)
    if kind is None or extension not in kind.extensions:
        raise ValidationError(
            f"This type of file can’t be accepted. Please upload a {ALLOWED_DESCRIPTION} file.", code="file_type"
        )
    if kind.is_image and not _image_is_sound(uploaded):
        raise ValidationError("This image file appears to be damaged. Please upload another copy.", code="damaged")
    return kind


def display_name(name, limit=200):
    """The resident's file name as safe-to-show text: no path, no control characters, bounded length."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "upload"
    if len(name) > limit:
        stem, ext = os.path.splitext(name)
        name = stem[: limit - len(ext)] + ext
    return name

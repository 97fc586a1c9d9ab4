"""Private storage for files residents upload with department forms.

Uploads can hold personal information (a photo of someone's house, an ID
document), so they live outside ``MEDIA_ROOT`` in ``PRIVATE_MEDIA_ROOT``,
which no URL serves. Staff reach a file only through the permission-checked
admin download view (``forms.submission_admin``).

The location is read from settings on every use rather than cached, so a
test (or a deploy that changes the setting) never writes to a stale place.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_media_root():
    return Path(getattr(settings, "PRIVATE_MEDIA_ROOT", Path(settings.BASE_DIR) / "private_media"))


@deconstructible(path="forms.storage.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """A FileSystemStorage at ``PRIVATE_MEDIA_ROOT`` with no public URL."""

    def __init__(self):
        super().__init__(directory_permissions_mode=0o750, file_permissions_mode=0o640)

    @property
    def base_location(self):
        return str(private_media_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private uploads have no public URL; use the admin download view.")


def _is_within(child, parent):
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security)
def check_private_media_root(app_configs=None, **kwargs):
    """Refuse a PRIVATE_MEDIA_ROOT that a public URL could serve."""
    private = private_media_root()
    public_roots = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *getattr(settings, "STATICFILES_DIRS", [])]
    errors = []
    for public in public_roots:
        if public and (_is_within(private, public) or _is_within(public, private)):
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps a publicly served directory ({public}).",
                    hint="Point PRIVATE_MEDIA_ROOT at a directory outside MEDIA_ROOT and the static directories.",
                    id="jackson.forms.E001",
                )
            )
    return errors

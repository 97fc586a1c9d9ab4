"""Serving uploaded images from ``MEDIA_ROOT`` when no web server or CDN does (``SERVE_MEDIA``).

On one small server gunicorn is all there is, and without this view the news images and
Wagtail's renditions would be 404s in production. Only Wagtail's image folders are served:
documents go through Wagtail's own ``/documents/`` view, which checks collection privacy, and
residents' form uploads live in ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT`` (forms/storage.py
refuses an overlap). A path with ``..``, ``.``, a backslash or a NUL in it is a 404, whatever
its encoding (the URL is decoded before it gets here), never a file outside those folders.

File names do not change in place (Wagtail gives a replaced file and each rendition a new
name), so responses may be cached for ``MEDIA_CACHE_SECONDS`` by browsers and a CDN.
"""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

#: Wagtail's originals and renditions (``wagtail.images``' upload folders).
SERVED_FOLDERS = ("original_images/", "images/")
#: Longer paths are no file of ours (Wagtail's names are at most about 120 characters).
MAX_PATH_LENGTH = 512


def public_media(request, path):
    segments = path.split("/")
    if (
        not path.startswith(SERVED_FOLDERS)
        or any(segment in ("", ".", "..") for segment in segments)
        or "\\" in path
        or "\x00" in path
        or len(path) > MAX_PATH_LENGTH
    ):
        raise Http404("No such file")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name the file system refuses (too long, invalid bytes)
        raise Http404("No such file") from error
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    return response

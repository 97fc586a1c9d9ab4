"""Uploaded images served by the app (SERVE_MEDIA, jackson/media.py); nothing else under /media/.

The same checks run against gunicorn in production settings in tests/test_varnish.py.
"""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image


@pytest.fixture
def image(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    (settings.PRIVATE_MEDIA_ROOT / "secret.txt").write_text("a resident's upload")
    (tmp_path / "secret.txt").write_text("outside every media folder")
    documents = settings.MEDIA_ROOT / "documents"
    documents.mkdir(parents=True)
    (documents / "restricted.pdf").write_bytes(b"%PDF-1.4 private collection")
    picture = io.BytesIO()
    Picture.new("RGB", (40, 30), (200, 40, 40)).save(picture, "PNG")
    return Image.objects.create(title="Red square <script>", file=ImageFile(picture, name="ünïcode square.png"))


def test_an_image_and_its_rendition_are_served_with_cache_headers(client, image, settings):
    settings.MEDIA_CACHE_SECONDS = 600
    for url in (image.file.url, image.get_rendition("fill-20x20").url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "public, max-age=600"
        assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "path",
    [
        "/media/../private_media/secret.txt",
        "/media/%2e%2e/private_media/secret.txt",
        "/media/%2E%2E%2Fprivate_media%2Fsecret.txt",
        "/media/images/../../private_media/secret.txt",
        "/media/images/..%2f..%2f..%2fsecret.txt",
        "/media/original_images/..%5c..%5csecret.txt",
        "/media/images/./x.png",
        "/media/images//etc/passwd",
        "/media/images/%00.png",
        "/media/images/" + "a" * 5000 + ".png",
        "/media/images/" + "a" * 300 + ".png",
        "/media/images/%F0%9F%92%A9" * 60,
        "/media/secret.txt",
        "/media/documents/restricted.pdf",
        "/media/images/",
        "/private_media/secret.txt",
    ],
)
def test_traversal_other_folders_and_private_uploads_are_not_found(client, image, path):
    response = client.get(path)
    assert response.status_code == 404, path


def test_switched_off_no_media_url_is_served(client, image, settings):
    """With SERVE_MEDIA=false the URL pattern is not installed (nginx or a CDN serves /media/)."""
    from importlib import reload

    import jackson.urls

    settings.SERVE_MEDIA = False
    try:
        reload(jackson.urls)
        settings.ROOT_URLCONF = "jackson.urls"
        from django.urls import clear_url_caches

        clear_url_caches()
        assert client.get(image.file.url).status_code == 404
    finally:
        settings.SERVE_MEDIA = True
        reload(jackson.urls)
        clear_url_caches()

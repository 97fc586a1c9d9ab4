"""Nothing the website hides comes out of the API, whoever asks.

The module's tree gets one of everything that must stay hidden, each carrying the word
"Zanzibar" (or an address of its own), and every endpoint is then asked, anonymously and
with a signed-in superuser's session: the API never reads the session, so both see exactly
what an anonymous visitor of the website sees.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageViewRestriction

from departments.models import FAQPage
from home.models import StandardPage
from tests.conftest import add_child

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

MARKERS = ("zanzibar", "staff-secret@example.gov", "resident-secret@example.com", "admin-secret@example.com")


def _build_secrets(city, department):
    from alerts.models import Alert
    from feedback.models import Feedback
    from forms.models import FormPageSubmission

    dept = department["department"]
    dept.feedback_emails = "staff-secret@example.gov"
    dept.form_notification_emails = "staff-secret@example.gov"
    dept.save_revision().publish()
    form = department["form"]
    form.to_address = "staff-secret@example.gov"
    form.save_revision().publish()

    draft = FAQPage(title="Zanzibar draft question", slug="zanzibar-draft", answer="<p>Zanzibar</p>", live=False)
    dept.add_child(instance=draft)
    draft.save_revision()

    private = add_child(city["home"], StandardPage(title="Zanzibar private section", slug="zanzibar-private"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private_child = add_child(private, StandardPage(title="Zanzibar private child", slug="zanzibar-child"))
    secret_faq = add_child(dept, FAQPage(title="Zanzibar private FAQ", slug="zanzibar-faq", answer="<p>x</p>"))
    PageViewRestriction.objects.create(page=secret_faq, restriction_type=PageViewRestriction.PASSWORD, password="pw")

    edited = department["faq"]
    edited.title = "Zanzibar unpublished edit"
    edited.answer = "<p>Zanzibar unpublished answer</p>"
    edited.save_revision()  # saved, never published

    expired = add_child(dept, FAQPage(title="Zanzibar expired question", slug="zanzibar-expired", answer="<p>x</p>"))
    FAQPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))

    Feedback.objects.create(kind="report", what_went_wrong="Zanzibar complaint", email="resident-secret@example.com")
    FormPageSubmission.objects.create(
        page=form, form_data={"message": "Zanzibar submission", "email": "resident-secret@example.com"}
    )
    get_user_model().objects.create_superuser("zanzibar-admin", "admin-secret@example.com", "pw")

    alert = Alert(title="Zanzibar draft alert", message="Zanzibar", live=False, starts_at=timezone.now())
    alert.save()
    alert.save_revision()
    return {
        "draft": draft,
        "private": private,
        "private_child": private_child,
        "secret_faq": secret_faq,
        "expired": expired,
    }


@pytest.fixture(scope="module")
def secrets(city_once, department_once, django_db_blocker):
    with django_db_blocker.unblock():
        return _build_secrets(city_once, department_once)


def _urls(secrets, department):
    hidden_ids = [page.pk for page in secrets.values()]
    urls = [
        "/api/v1/pages/?limit=100",
        "/api/v1/pages/?limit=100&type=faq",
        "/api/v1/pages/?limit=100&type=standard",
        "/api/v1/pages/?limit=100&department=public-works",
        "/api/v1/departments/",
        "/api/v1/departments/public-works/",
        f"/api/v1/pages/{department['department'].pk}/",
        f"/api/v1/pages/{department['department'].pk}/children/?limit=100",
        f"/api/v1/pages/{department['faq'].pk}/",
        f"/api/v1/pages/{department['form'].pk}/",
        f"/api/v1/pages/{department['faq'].pk}/ancestors/",
        "/api/v1/pages/find/?path=/",
        "/api/v1/services/",
        "/api/v1/news/",
        "/api/v1/events/?from=2000-01-01",
        "/api/v1/faqs/?limit=100",
        "/api/v1/directory/?limit=100",
        "/api/v1/search/?q=zanzibar",
        "/api/v1/search/?q=trash",
        "/api/v1/alerts/",
        "/api/v1/site/",
        "/api/v1/images/?limit=100",
        "/api/v1/openapi.json",
    ]
    return urls, hidden_ids


def _picture(title, **fields):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title=title, file=get_test_image_file(), **fields)


def _with_image(page, image):
    page.body = [("image", {"image": image, "alt_text": "A picture", "caption": ""})]
    return page


def _story(title, slug, image):
    from news.models import NewsPage

    return NewsPage(
        title=title, slug=slug, date=timezone.now().date(), summary="A story.", image=image, image_alt="A picture"
    )


def _build_images(city, department, secrets):
    """Images the site shows nowhere, each titled with the marker, and two it shows."""
    from wagtail.models import Collection, CollectionViewRestriction

    dept, home = department["department"], city["home"]
    hidden = {name: _picture(f"Zanzibar {name} picture") for name in ("unused", "draft", "private", "edit")}
    hidden.update({name: _picture(f"Zanzibar {name} picture") for name in ("expired", "unpublished", "collection")})

    draft = _story("A draft story", "draft-story", hidden["draft"])
    draft.live = False
    dept.add_child(instance=draft)
    draft.save_revision()
    add_child(secrets["private"], _with_image(StandardPage(title="Inner", slug="inner"), hidden["private"]))
    story = department["news"]
    story.image, story.image_alt = hidden["edit"], "A picture"
    story.save_revision()  # the story's published version has no picture
    expired = add_child(dept, _with_image(StandardPage(title="Old notice", slug="old-notice"), hidden["expired"]))
    StandardPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    withdrawn = add_child(dept, _with_image(StandardPage(title="Withdrawn", slug="withdrawn"), hidden["unpublished"]))
    withdrawn.unpublish()

    records = Collection.get_first_root_node().add_child(name="Staff records")
    CollectionViewRestriction.objects.create(collection=records, restriction_type=CollectionViewRestriction.LOGIN)
    hidden["collection"].collection = records
    hidden["collection"].save()
    shown = {"page": _picture("Public picture"), "story": _picture("Story picture")}
    page = StandardPage(title="Pictures", slug="pictures")
    page.body = [
        ("image", {"image": shown["page"], "alt_text": "A picture", "caption": ""}),
        ("image", {"image": hidden["collection"], "alt_text": "A picture", "caption": ""}),
    ]
    add_child(home, page)
    add_child(dept, _story("Pictured story", "pictured", shown["story"]))
    return hidden, shown


@pytest.fixture(scope="module")
def images(city_once, department_once, secrets, django_db_blocker):
    with django_db_blocker.unblock():
        return _build_images(city_once, department_once, secrets)


@pytest.fixture(params=["anonymous", "superuser"])
def asker(request, client, secrets):
    if request.param == "superuser":
        client.force_login(get_user_model().objects.get(username="zanzibar-admin"))
    return client


def test_no_endpoint_shows_anything_hidden(asker, secrets, images, department):
    urls, _ = _urls(secrets, department)
    for url in urls:
        response = asker.get(url)
        assert response.status_code == 200, url
        data = response.json()
        if isinstance(data, dict):
            data.pop("query", None)  # the search's echo of what was asked
        body = json.dumps(data).lower()
        for marker in MARKERS:
            assert marker not in body, (url, marker)


def test_hidden_pages_are_not_found_by_id_path_or_as_parents(asker, secrets):
    for page in secrets.values():
        for url in (
            f"/api/v1/pages/{page.pk}/",
            f"/api/v1/pages/{page.pk}/children/",
            f"/api/v1/pages/{page.pk}/ancestors/",
        ):
            assert asker.get(url).status_code == 404, url
        path = "/" + page.url_path.split("/", 2)[2]
        assert asker.get("/api/v1/pages/find/", {"path": path}).status_code == 404, path


def test_the_published_version_is_what_is_shown(asker, secrets, department):
    data = asker.get(f"/api/v1/pages/{department['faq'].pk}/").json()
    assert data["title"] == "When is trash picked up?"


def test_only_images_a_shown_page_uses_are_listed_or_found(asker, images):
    """Not the media library: an image unused, only on a draft, a private, expired or unpublished page,
    only in an unpublished edit, or in a restricted collection is neither listed nor found by id."""
    hidden, shown = images
    listed = asker.get("/api/v1/images/?limit=100").json()
    assert {item["id"] for item in listed["items"]} == {image.pk for image in shown.values()}
    assert listed["count"] == len(shown)
    for name, image in hidden.items():
        assert asker.get(f"/api/v1/images/{image.pk}/").status_code == 404, name
    for image in shown.values():
        assert asker.get(f"/api/v1/images/{image.pk}/").json()["id"] == image.pk

"""The sample city the page and browser tests build is a slice of the one demo city."""

from wagtail.models import Page, Revision

from demo import events, news
from demo.departments import DEPARTMENTS
from demo.sample import PAGE_TYPES, SAMPLE, build_sample_city
from departments.models import DepartmentPage, FAQPage, ServicePage
from events.models import EventPage
from forms.models import FormPage


def test_every_sample_slug_is_in_the_demo_data():
    """A slice, never content of its own: a renamed demo page must fail here, not drift."""
    by_slug = {data["slug"]: data for data in DEPARTMENTS}
    for department, pages in SAMPLE["departments"].items():
        data = by_slug[department]
        slugs = {item["slug"] for key in ("services", "contacts", "faqs", "forms") for item in data.get(key, [])}
        assert pages <= slugs, pages - slugs
    assert SAMPLE["news"] <= {item["slug"] for item in news.NEWS}
    assert SAMPLE["events"] <= {item["slug"] for item in events.EVENTS}


def test_sample_builds_every_page_type_from_the_demo_data_once(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    paths = build_sample_city()
    assert set(PAGE_TYPES) <= set(paths)
    for name, path in paths.items():
        assert client.get(path).status_code == 200, name

    data = next(item for item in DEPARTMENTS if item["slug"] == "public-works")
    department = DepartmentPage.objects.get(slug="public-works")
    assert (department.title, department.intro, department.phone) == (data["title"], data["intro"], data["phone"])
    assert ServicePage.objects.get(url_path__endswith="/report-a-pothole/").action_page.specific == (
        FormPage.objects.get(slug="report-a-pothole-form")
    )
    assert FormPage.objects.get(slug="report-a-pothole-form").form_fields.filter(field_type="file").exists()
    assert EventPage.objects.get(slug="fall-festival").all_day
    assert EventPage.objects.get(slug="movies-in-the-park-canceled").canceled
    assert FAQPage.objects.count() == 3 and DepartmentPage.objects.count() == 2

    pages, revisions = Page.objects.count(), Revision.objects.count()
    assert build_sample_city() == paths
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions), "idempotent, like seed_demo"
    assert "Report a pothole" in client.get("/search/?q=pothole").content.decode(), "indexed"

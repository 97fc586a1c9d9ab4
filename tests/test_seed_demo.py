"""The demo city: ``seed_demo``, ``seed_demo --scale N`` and ``create_demo_admin``.

Seeding takes several seconds, so the city is built once for this module
inside a transaction that is rolled back afterwards (the same trick as
Django's ``setUpTestData``); each test still runs in its own savepoint, so
tests that change the tree cannot affect one another or other modules.
"""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from departments.models import ContactPage, DepartmentIndexPage, DepartmentPage, FAQPage, ServicePage
from events.models import EventPage
from forms.models import FormPage
from home.demo.departments import DEPARTMENTS
from home.demo.news import NEWS_IMAGES
from home.demo.scale import scale_up
from home.demo.seeder import DemoSeeder
from home.models import CitySettings, HomePage, StandardPage
from news.models import NewsPage

#: Tests that need the seeded city take seconds (the seed runs once per module).
slow = pytest.mark.slow


def run_seed(*args):
    output = io.StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def tree_snapshot():
    return Page.objects.count(), Revision.objects.count()


def children_of(model, parent):
    return model.objects.child_of(parent)


# -- what the seed builds ----------------------------------------------------


@slow
def test_departments_have_services_contacts_faqs_and_a_form(seeded, db):
    departments = DepartmentPage.objects.all()
    assert departments.count() >= 10
    for dept in departments:
        assert 2 <= children_of(ServicePage, dept).count() <= 5, dept.title
        assert 3 <= children_of(ContactPage, dept).count() <= 8, dept.title
        assert 3 <= children_of(FAQPage, dept).count() <= 6, dept.title
        assert children_of(FormPage, dept).exists(), dept.title
        assert dept.intro and dept.phone.startswith("601-555-01") and dept.email.endswith(".example.gov")


@slow
def test_required_forms_exist_with_realistic_fields(seeded, db):
    forms = FormPage.objects.all()
    assert forms.count() >= 5
    for form in forms:
        assert form.form_fields.count() >= 3, form.title
    titles = set(forms.values_list("title", flat=True))
    for title in (
        "Report a pothole",
        "Request bulk trash pickup",
        "Park pavilion reservation",
        "Public records request",
        "Contact the Mayor's Office",
    ):
        assert title in titles
    used_types = set(FormPage.objects.values_list("form_fields__field_type", flat=True))
    assert {"singleline", "multiline", "email", "number", "date", "dropdown", "checkboxes", "radio"} <= used_types
    pothole = FormPage.objects.get(title="Report a pothole").form_fields
    assert pothole.filter(field_type="file", label="Photo of the pothole").exists()
    assert pothole.filter(field_type="phone").exists()
    dropdown = FormPage.objects.get(slug="park-pavilion-reservation").form_fields.get(label="Park")
    assert len(dropdown.choices.splitlines()) == 5


@slow
def test_news_spread_over_six_months_mostly_in_departments(seeded, db):
    stories = NewsPage.objects.all()
    assert stories.count() >= 40
    today = timezone.localdate()
    dates = sorted(stories.values_list("date", flat=True))
    assert dates[-1] <= today
    assert (today - dates[0]).days >= 150
    in_departments = sum(1 for story in stories if story.department is not None)
    assert in_departments > stories.count() * 0.7
    assert stories.filter(depth=4).exists(), "some stories live under /news/"
    assert all(story.summary and story.body for story in stories)
    assert all(story.tags.exists() for story in stories)


@slow
def test_some_stories_have_illustrations_with_alt_text(seeded, db):
    illustrated = NewsPage.objects.exclude(image=None)
    assert illustrated.count() >= 10
    for story in illustrated:
        assert story.image_alt.startswith("Illustration of")
        assert story.image.width == 1200 and story.image.height == 675
    assert get_image_model().objects.count() == len(set(NEWS_IMAGES.values()))


@slow
def test_events_past_and_upcoming_in_city_time(seeded, db):
    events = EventPage.objects.all()
    assert events.count() >= 30
    upcoming = EventPage.objects.upcoming()
    past = EventPage.objects.past()
    assert upcoming.count() >= 10 and past.count() >= 10
    assert events.filter(all_day=True).exists()
    assert events.filter(canceled=True).exists()
    assert events.exclude(online_url="").exists()
    assert events.exclude(registration_url="").exists()
    for event in events:
        assert timezone.is_aware(event.start) and event.end >= event.start
    meetings = events.filter(slug__startswith="city-council-regular-meeting")
    assert meetings.count() >= 8
    assert {timezone.localtime(m.start).weekday() for m in meetings} == {1}, "Council meets on Tuesdays"
    assert {timezone.localtime(m.start).hour for m in meetings} == {18}, "at 6 p.m. in Jackson"


@slow
def test_every_seeded_page_is_live_and_published(seeded, db):
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() > 250
    assert not pages.filter(live=False).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()
    assert Page.find_problems() == ([], [], [], [], [])


@slow
def test_services_belong_to_their_department_and_have_an_action(seeded, db):
    for service in ServicePage.objects.all():
        assert service.department == service.get_parent().specific
        assert service.intro
        assert service.steps
        assert service.action_href, service.title
        if service.action_page_id:
            form = service.action_page.specific
            assert isinstance(form, FormPage)
            assert form.department == service.department


@slow
def test_city_wide_pages_site_and_settings(seeded, db):
    home = HomePage.objects.get()
    assert home.depth == 2
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk and site.port == 80
    assert site.hostname in ("localhost", "127.0.0.1")
    for slug in ("departments", "services", "faq", "directory", "news", "events"):
        assert Page.objects.child_of(home).filter(slug=slug, live=True).exists(), slug
    settings = CitySettings.for_site(site)
    assert settings.city_name == "City of Jackson"
    assert settings.accessibility_page.slug == "accessibility"
    assert settings.privacy_page.slug == "privacy"
    statement = StandardPage.objects.get(slug="accessibility")
    assert "WCAG 2.2" in str(statement.body.raw_data)
    tasks = list(home.top_tasks)
    assert len(tasks) >= 6
    for task in tasks:
        assert task.value["page"] is not None and task.value["page"].live


@slow
def test_search_finds_a_faq_by_a_word_in_its_answer(seeded, db):
    faq = FAQPage.objects.get(slug="why-is-my-water-brown")
    assert "sediment" in faq.answer and "sediment" not in faq.title.lower()
    results = list(Page.objects.live().public().specific().search("sediment"))
    assert faq in results


@slow
def test_progress_is_reported_per_area(seeded, db):
    for area in ("Departments", "News", "Events", "Search index rebuilt"):
        assert area in seeded
    assert "created" in seeded


def test_data_modules_have_unique_slugs_per_department():
    for dept in DEPARTMENTS:
        slugs = [item["slug"] for key in ("services", "contacts", "faqs", "forms") for item in dept[key]]
        assert len(slugs) == len(set(slugs)), dept["slug"]


# -- idempotency ---------------------------------------------------------------


@slow
def test_second_run_changes_nothing(seeded, db):
    before = tree_snapshot()
    images = get_image_model().objects.count()
    output = run_seed()
    assert tree_snapshot() == before, "no new pages and no new revisions"
    assert get_image_model().objects.count() == images
    tallies = [line for line in output.splitlines() if " created, " in line]
    assert len(tallies) >= 7
    assert all(" 0 created, 0 updated" in line for line in tallies), output


@slow
def test_rerun_repairs_an_edited_page_in_place(seeded, db):
    faq = FAQPage.objects.get(slug="my-trash-was-not-picked-up")
    faq.answer = "<p>Edited by hand.</p>"
    faq.save_revision().publish()
    pages = Page.objects.count()
    run_seed("--verbosity", "0", "--skip-index")
    faq.refresh_from_db()
    assert "6 a.m." in faq.answer
    assert Page.objects.count() == pages


@slow
def test_verbosity_zero_prints_nothing(seeded, db):
    assert run_seed("--verbosity", "0") == ""


@slow
def test_wrong_page_type_at_a_demo_slug_is_a_clear_error_and_loses_nothing(seeded, db):
    dept = DepartmentPage.objects.get(slug="public-works")
    ServicePage.objects.get(slug="report-a-pothole").delete()
    squatter = FAQPage(title="Report a pothole?", slug="report-a-pothole", answer="<p>Mine.</p>")
    dept.refresh_from_db()
    dept.add_child(instance=squatter)
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="report-a-pothole.*FAQPage"):
        run_seed("--verbosity", "0")
    assert Page.objects.count() == pages
    assert FAQPage.objects.filter(pk=squatter.pk).exists()


@slow
def test_negative_or_absurd_scale_is_refused_before_any_work(seeded, db):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="--scale"):
        run_seed("--scale", "-5")
    with pytest.raises(CommandError, match="more than this command supports"):
        run_seed("--scale", "5000000000")
    with pytest.raises(CommandError):
        run_seed("--scale", "ten")
    assert Page.objects.count() == pages


# -- scale -----------------------------------------------------------------


@slow
def test_scale_adds_generated_pages_once(seeded, db):
    before = Page.objects.count()
    output = run_seed("--scale", "50")
    assert Page.objects.count() == before + 50
    assert "pages/s" in output and "100%" in output
    generated = Page.objects.filter(slug__startswith="generated-")
    assert generated.count() == 50
    assert not generated.filter(live=False).exists()
    kinds = {slug.split("-")[1] for slug in generated.values_list("slug", flat=True)}
    assert kinds == {"news", "event", "faq", "contact", "service", "page"}
    assert Page.find_problems() == ([], [], [], [], [])

    run_seed("--scale", "50", "--verbosity", "0")
    assert Page.objects.count() == before + 50

    run_seed("--scale", "60", "--verbosity", "0", "--skip-index")
    assert Page.objects.count() == before + 60


@slow
def test_generated_pages_are_usable(seeded, db, client):
    Tag.objects.filter(name="parks").update(name="Parks")  # as if an editor renamed it
    seeder = DemoSeeder()
    seeder.indexes["departments"] = DepartmentIndexPage.objects.get()
    assert scale_up(seeder, 12, verbosity=0) == 12
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    assert not Tag.objects.filter(name="parks").exists(), "the renamed tag is reused, not duplicated"
    for page in Page.objects.filter(slug__startswith="generated-").specific():
        assert page.department is not None
        assert page.url_path == page.get_parent().url_path + page.slug + "/"
        assert page.title
    news = NewsPage.objects.get(slug="generated-news-00000")
    assert news.summary and news.tags.exists()
    assert news in list(Page.objects.live().public().specific().search(news.title.split()[2]))
    dept = news.department
    dept.refresh_from_db()
    assert dept.numchild == dept.get_children().count()
    dept.add_child(instance=FAQPage(title="Added after scale", slug="added-after-scale", answer="<p>Fine.</p>"))
    assert Page.find_problems() == ([], [], [], [], [])


# -- demo admin --------------------------------------------------------------


@pytest.mark.django_db
def test_create_demo_admin_creates_and_resets_the_superuser():
    output = io.StringIO()
    call_command("create_demo_admin", stdout=output)
    text = output.getvalue()
    assert "jackson-demo-admin" in text and "local demo use only" in text
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    user.set_password("changed")
    user.is_active = False
    user.save()
    call_command("create_demo_admin", stdout=io.StringIO())
    assert authenticate(username="admin", password="jackson-demo-admin") is not None
    assert get_user_model().objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_create_demo_admin_refuses_empty_credentials():
    with pytest.raises(CommandError):
        call_command("create_demo_admin", "--password", "", stdout=io.StringIO())


@slow
def test_every_demo_page_passes_the_validation_an_admin_save_runs(seeded, db):
    """Staff must be able to save any demo page unchanged: every page, each inline row (form fields
    included: a field type outside the admin's list made a demo form unsavable) and every StreamField
    block validate as they would in the editor."""
    from django.core.exceptions import ValidationError
    from modelcluster.models import get_all_child_relations
    from wagtail.fields import StreamField

    problems = []
    for page in Page.objects.filter(depth__gt=1).specific():
        try:
            page.full_clean()
            for field in page._meta.get_fields():
                if isinstance(field, StreamField):
                    field.stream_block.clean(getattr(page, field.name))
            for relation in get_all_child_relations(page):
                for child in getattr(page, relation.get_accessor_name()).all():
                    child.full_clean(exclude=[relation.field.name])
        except ValidationError as error:
            problems.append(f"{page.url_path}: {error}")
    assert problems == []

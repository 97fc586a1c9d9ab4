"""The demo city: ``seed_demo``, ``seed_demo --scale N`` and ``create_demo_admin``.

Seeding takes several seconds, so the city is built once for this module
inside a transaction that is rolled back afterwards (the same trick as
Django's ``setUpTestData``); each test still runs in its own savepoint, so
tests that change the tree cannot affect one another or other modules.
"""

import datetime
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from demo.common import CITY_TZ
from demo.departments import DEPARTMENTS
from demo.news import NEWS_IMAGES
from demo.scale import scale_up
from demo.seeder import DemoSeeder
from departments.models import ContactPage, DepartmentIndexPage, DepartmentPage, FAQPage, ServicePage
from events.models import EventOccurrence, EventPage
from forms.models import FormPage
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
    dates = EventOccurrence.objects.shown()
    assert dates.upcoming().count() >= 10 and dates.past().count() >= 10
    assert EventPage.objects.upcoming().count() >= 10 and EventPage.objects.past().count() >= 5
    assert events.filter(all_day=True).exists()
    assert events.filter(canceled=True).exists()
    assert events.exclude(online_url="").exists()
    assert events.exclude(registration_url="").exists()
    for event in events:
        assert timezone.is_aware(event.start) and event.end >= event.start
    # The Council's regular meetings are one repeating event (1st and 3rd Tuesdays), not copy pages.
    council = events.get(slug="city-council-regular-meeting")
    assert council.repeats.startswith("Every 1st and 3rd Tuesday of the month")
    meetings = EventOccurrence.objects.filter(page=council)
    assert meetings.count() >= 8
    assert meetings.filter(status=EventOccurrence.CANCELED).count() == 1
    assert meetings.filter(status=EventOccurrence.MOVED).count() == 1
    assert meetings.filter(start__lt=timezone.now()).exists() and meetings.filter(start__gt=timezone.now()).exists()
    as_scheduled = [timezone.localtime(m.start) for m in meetings.filter(status=EventOccurrence.SCHEDULED)]
    assert {start.weekday() for start in as_scheduled} == {1}, "Council meets on Tuesdays"
    assert {start.hour for start in as_scheduled} == {18}, "at 6 p.m. in Jackson"
    assert not events.filter(slug__endswith="-next").exists(), "no copy pages for a next date"


@slow
def test_every_seeded_page_is_live_and_published(seeded, db):
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() > 230  # the Council's meetings are one repeating page since, not eleven
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
def test_rerun_repairs_a_page_changed_without_a_user(seeded, db):
    """A change no person signed (a script, a shell) is the demo's own: put back."""
    faq = FAQPage.objects.get(slug="my-trash-was-not-picked-up")
    faq.answer = "<p>Changed by a script.</p>"
    faq.save_revision().publish()
    pages = Page.objects.count()
    run_seed("--verbosity", "0", "--skip-index")
    faq.refresh_from_db()
    assert "6 a.m." in faq.answer
    assert Page.objects.count() == pages


def edit_as(user, page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    return page.save_revision(user=user)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("dana", "dana@jackson.example.gov", "x")


@slow
def test_a_page_a_person_edited_is_left_alone_and_listed(seeded, db, editor):
    faq = FAQPage.objects.get(slug="my-trash-was-not-picked-up")
    edit_as(editor, faq, answer="<p>Pickup moved to Tuesdays <b>&</b> Fridays — ½ the routes.</p>").publish()
    revisions = Revision.objects.count()
    output = run_seed("--skip-index")
    faq.refresh_from_db()
    assert "Tuesdays" in faq.answer and "6 a.m." not in faq.answer
    assert Revision.objects.count() == revisions, "nothing written for the kept page, nor any other"
    assert "Left alone 1 demo page that a person edited (run seed_demo --force" in output
    assert f"{faq.url_path} — {faq.title} (last saved by dana, " in output
    assert "1 kept (edited by a person)" in output


@slow
def test_a_draft_a_person_saved_is_kept_too(seeded, db, editor):
    service = ServicePage.objects.get(slug="report-a-pothole")
    live_intro = service.intro
    edit_as(editor, service, intro="Draft: call 311 instead.")
    run_seed("--verbosity", "0", "--skip-index")
    service = ServicePage.objects.get(pk=service.pk)
    assert service.intro == live_intro and service.has_unpublished_changes
    assert service.get_latest_revision_as_object().intro == "Draft: call 311 instead."


@slow
def test_force_puts_the_demo_text_back_and_keeps_the_edit_in_history(seeded, db, editor):
    faq = FAQPage.objects.get(slug="my-trash-was-not-picked-up")
    edited = edit_as(editor, faq, answer="<p>Edited by hand.</p>")
    edited.publish()
    output = run_seed("--force", "--skip-index")
    faq.refresh_from_db()
    assert "6 a.m." in faq.answer
    assert faq.latest_revision.user is None, "the demo owns the page again"
    assert Revision.objects.filter(pk=edited.pk).exists()
    assert "Left alone" not in output
    again = run_seed("--skip-index")
    assert "Left alone" not in again and "kept" not in again


@slow
def test_an_edited_home_page_keeps_its_top_tasks_and_the_rest_is_seeded(seeded, db, editor):
    home = HomePage.objects.get(depth=2)
    edit_as(editor, home, top_tasks=[], hero_heading="Our own heading").publish()
    FAQPage.objects.filter(slug="my-trash-was-not-picked-up").update(answer="<p>Stale.</p>")
    output = run_seed("--skip-index")
    home = HomePage.objects.get(pk=home.pk)
    assert home.hero_heading == "Our own heading" and len(home.top_tasks) == 0
    assert output.count(f"{home.url_path} — ") == 1, "listed once though two steps met it"
    assert "6 a.m." in FAQPage.objects.get(slug="my-trash-was-not-picked-up").answer


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


# -- a week of activity for staff screens (demo/activity.py) ------------------


def within_the_last_week(moment):
    now = timezone.now()
    return now - datetime.timedelta(days=7) <= moment <= now


@slow
def test_a_week_of_feedback_across_departments_statuses_and_assignees(seeded, db):
    from feedback.models import Feedback

    assert "A week of feedback and form submissions: 16 reports, 77 votes, 21 submissions" in seeded
    reports = Feedback.objects.filter(kind=Feedback.Kind.REPORT).select_related("department", "page")
    assert reports.count() >= 12
    assert len({report.department_id for report in reports}) >= 8
    assert {report.status for report in reports} == {"new", "triaged", "in_progress", "resolved", "spam"}
    for report in reports:
        assert report.page and report.page.live and report.page_url == report.page.url
        assert report.page_title == report.page.title and report.what_went_wrong
    assigned = reports.exclude(assignee=None)
    assert 3 <= assigned.count() < reports.count() / 2
    for report in assigned:
        assert report.events.filter(action="assigned", to_value=report.assignee_label).exists()
    for report in reports.filter(status__in=["triaged", "in_progress", "resolved"]):
        assert report.events.filter(action="status", to_value=report.get_status_display()).exists()
    votes = Feedback.objects.filter(kind=Feedback.Kind.VOTE)
    assert votes.filter(helpful=True).count() > votes.filter(helpful=False).count() > 10
    # Votes are counted, never triage work: none of them shows in the queue.
    assert set(votes.values_list("status", flat=True)) == {Feedback.Status.COUNTED}
    moments = list(Feedback.objects.values_list("created_at", flat=True))
    assert all(within_the_last_week(moment) for moment in moments)
    assert len({moment.astimezone(CITY_TZ).date() for moment in moments}) == 7


@slow
def test_form_submissions_across_forms_and_departments_answer_every_field(seeded, db):
    from forms.models import FormPageSubmission, FormUpload

    submissions = FormPageSubmission.objects.select_related("page")
    forms = {submission.page_id for submission in submissions}
    assert submissions.count() >= 15 and len(forms) >= 8
    departments = {FormPage.objects.get(pk=pk).get_parent().slug for pk in forms}
    assert len(departments) >= 8
    names = set()
    for submission in submissions:
        form = FormPage.objects.get(pk=submission.page_id)
        fields = {field.clean_name: field for field in form.form_fields.all()}
        assert set(submission.form_data) == set(fields), form.title
        for name, field in fields.items():
            if field.required:
                assert submission.form_data[name] not in ("", [], None), (form.title, name)
        assert within_the_last_week(submission.submit_time)
        names.update(value for key, value in submission.form_data.items() if key in ("your_name", "full_name"))
    assert len(names) >= 5, "not one resident's inbox"
    assert len({submission.submit_time.astimezone(CITY_TZ).date() for submission in submissions}) >= 5
    assert not FormUpload.objects.exists(), "no files are invented"


@slow
def test_activity_is_added_once(seeded, db):
    from feedback.models import Feedback, FeedbackEvent
    from forms.models import FormPageSubmission

    counts = Feedback.objects.count(), FeedbackEvent.objects.count(), FormPageSubmission.objects.count()
    output = run_seed("--skip-index")
    assert (Feedback.objects.count(), FeedbackEvent.objects.count(), FormPageSubmission.objects.count()) == counts
    assert "0 reports, 0 votes, 0 submissions; none added to the 93 feedback items already here" in output


@slow
def test_activity_is_never_mixed_into_a_site_with_real_feedback_or_submissions(seeded, db):
    from feedback.models import Feedback
    from forms.models import FormPageSubmission

    Feedback.objects.all().delete()
    pothole = FormPage.objects.get(slug="report-a-pothole-form")
    FormPageSubmission.objects.exclude(page=pothole).delete()
    real = Feedback.objects.create(kind=Feedback.Kind.VOTE, helpful=True, page_url="/", page_title="Home")
    pothole_submissions = FormPageSubmission.objects.filter(page=pothole).count()
    output = run_seed("--skip-index")
    assert list(Feedback.objects.all()) == [real]
    assert FormPageSubmission.objects.filter(page=pothole).count() == pothole_submissions
    assert FormPageSubmission.objects.exclude(page=pothole).count() >= 10, "the other forms get theirs"
    assert "none added to the 1 feedback items already here; none added to 1 forms" in output


@slow
def test_staff_screens_show_the_week(seeded, db, client):
    from feedback.models import Feedback

    admin = get_user_model().objects.create_superuser("lead", "lead@jackson.example.gov", "x")
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "City-wide queue" not in dashboard and "Parks &amp; Recreation" in dashboard
    queue = client.get("/admin/snippets/feedback/feedback/?kind=report").content.decode()
    report = Feedback.objects.filter(kind="report", status="in_progress", assignee__username="parks-editor").get()
    assert report.page_title in queue
    pothole = FormPage.objects.get(slug="report-a-pothole-form")
    inbox = client.get(f"/admin/forms/submissions/{pothole.pk}/").content.decode()
    assert "2290 Cedar Hill Road" in inbox or "Magnolia Commons" in inbox or "Poplar Court" in inbox


@slow
def test_the_home_page_features_the_chosen_stories_first(seeded, db, client):
    from demo.news import FEATURED
    from home.models import HomePage

    home = HomePage.objects.get(depth=2)
    assert [item.story.slug for item in home.featured_stories.all()] == FEATURED
    html = client.get("/").content.decode()
    first_story = NewsPage.objects.get(slug=FEATURED[0])
    first_card = html.index('<article class="card')
    next_card = html.index('<article class="card', first_card + 1)
    assert html.startswith('<article class="card card--featured">', first_card)
    assert first_card < html.index(first_story.title) < next_card

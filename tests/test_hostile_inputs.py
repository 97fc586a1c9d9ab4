"""A standing hostile-input suite: every public input gets the same hostile values.

One shared list of values (``HOSTILE``) goes to every input in ``GET_INPUTS`` and
``POST_INPUTS``. For each we assert no 5xx, no raw ``<script>`` echoed in HTML, and
that sending the same hostile submission once stores at most one row.

**It grows with every new input**: a new query parameter, form field, feed or API
parameter gets a row in the tables below in the same change that adds it.

The page tree is built once for the module (rolled back at the end, like the
``seeded`` fixture in conftest.py). Hypothesis variants cover the search query and
the feedback form with a bounded number of examples.
"""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from departments.models import DepartmentIndexPage, DepartmentPage, DirectoryPage, FAQIndexPage, ServiceIndexPage
from events.models import EventIndexPage
from feedback.models import Feedback
from forms.models import FormPageSubmission
from home.models import HomePage
from news.models import NewsIndexPage
from tests.conftest import add_child
from tests.form_helpers import ORIGIN, PDF_BYTES, build_form, fresh_stamp, valid_answers

SCRIPT = "<script>alert('jackson')</script>"

#: The fixed hostile values; each is sent raw (percent-encoded as a hostile client would).
HOSTILE = [
    "x" * 5000,  # oversized
    "a\x00b",  # NUL byte
    "\ud800",  # lone surrogate (sent as the invalid UTF-8 bytes ED A0 80)
    "\u202egnp.exe\u202c",  # right-to-left override
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    " ".join(["word"] * 1000),  # 1,000 words
    "-1",
    "0",
    "99999999999999999999999",
    "²",  # a digit to str.isdigit(), not to int()
    "2026-13-45",
    "not-a-date",
    '"',
    "%",
    "\\",
    "{{ 7*7 }}{% debug %}",
    "../../../etc/passwd",
    "",
]


def encode(value):
    return quote(value, safe="", errors="surrogatepass")


#: (name, path, parameters): each parameter gets every hostile value, one at a time.
GET_INPUTS = [
    ("search", "/search/", ["q", "type", "department", "page"]),
    ("suggestions", "/search/suggest/", ["q"]),
    ("news listing", "/news/", ["department", "topic", "year", "page"]),
    ("news feed", "/news/feed/", ["department", "topic"]),
    ("news atom feed", "/news/feed/atom/", ["department", "topic"]),
    ("events listing", "/events/", ["department", "topic", "page", "from", "to"]),
    ("events listing range", "/events/?from=2026-01-01", ["to"]),
    ("past events", "/events/past/", ["department", "topic", "page", "from", "to"]),
    ("events month", "/events/month/", ["department", "topic"]),
    ("events month of", "/events/month/2026-02/", ["department", "topic"]),
    ("events calendar", "/events/calendar.ics", ["department", "topic"]),
    ("services", "/services/", ["department", "action"]),
    ("questions", "/faq/", ["department", "topic", "page"]),
    ("departments", "/departments/", ["page"]),
    ("directory", "/directory/", ["page", "q"]),
    ("form page", "/departments/parks/park-pavilion-reservation/", ["thanks"]),
    ("alerts", "/alerts/", ["page"]),
    ("alert feeds", "/alerts/feed.rss", ["page"]),
    ("alert json", "/alerts/feed.json", ["page"]),
    ("alert cap", "/alerts/cap.atom", ["page"]),
    (
        "api pages",
        "/api/v2/pages/",
        ["search", "search_operator", "type", "fields", "order", "limit", "offset", "child_of"],
    ),
    ("api pages more", "/api/v2/pages/", ["descendant_of", "ancestor_of", "slug", "title", "locale", "html_path"]),
    ("api event filters", "/api/v2/pages/?type=events.EventPage", ["start", "end", "search"]),
    ("api news filters", "/api/v2/pages/?type=news.NewsPage", ["date", "tags", "search"]),
    ("api find", "/api/v2/pages/find/", ["id", "html_path"]),
    ("api images", "/api/v2/images/", ["search", "order", "limit", "offset", "title", "tags", "fields"]),
    ("api documents", "/api/v2/documents/", ["search", "order", "limit", "offset", "title", "fields"]),
    ("api v1 pages", "/api/v1/pages/", ["type", "department", "topic", "limit", "offset"]),
    ("api v1 find", "/api/v1/pages/find/", ["path"]),
    ("api v1 news", "/api/v1/news/", ["from", "to", "department", "topic", "limit", "offset"]),
    ("api v1 events", "/api/v1/events/", ["from", "to", "department", "topic", "limit", "offset"]),
    ("api v1 directory", "/api/v1/directory/", ["department", "q", "limit", "offset"]),
    ("api v1 search", "/api/v1/search/", ["q", "type", "department", "page", "limit"]),
    ("ask jackson", "/api/v1/ask", ["q"]),
]

#: Single values from the issue "Headless" that gave 500s.
API_REGRESSIONS = [
    "/api/v2/pages/?search=%22",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?search=" + "+".join(["park"] * 1000),
    "/api/v2/pages/?search=park&search_operator=xyz",
    "/api/v2/pages/?type=events.EventPage&start=abc",
    "/api/v2/pages/?type=news.NewsPage&date=not-a-date",
    "/api/v2/images/?search=%00",
    "/api/v2/pages/find/?id=abc",
    "/api/v2/pages/find/?html_path=a%00b",  # a 500 on PostgreSQL only
    "/api/v2/pages/?offset=99999999999999999999999",
    "/api/v2/pages/?search=%0D",  # found by the property test below
    "/api/v2/pages/?search=%01%20",
    "/api/v2/documents/?offset=99999999999999999999999",
]

FEEDBACK_FIELDS = ["helpful", "report", "trying_to_do", "what_went_wrong", "email", "page_id", "url", "title"]
FORM_FIELDS = ["your_name", "email_address", "phone_number", "number_of_guests", "preferred_date", "pavilion", "extras"]


@pytest.fixture(scope="module")
def site_tree(django_db_setup, django_db_blocker):
    """A small city, built once for the module and rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home = HomePage.objects.first() or Page.get_first_root_node().add_child(
                instance=HomePage(title="Home", slug="home")
            )
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Jackson"}
            )
            departments = add_child(home, DepartmentIndexPage(title="Departments", slug="departments"))
            for page in (
                ServiceIndexPage(title="Services", slug="services"),
                FAQIndexPage(title="Questions", slug="faq"),
                DirectoryPage(title="Directory", slug="directory"),
                NewsIndexPage(title="News", slug="news"),
                EventIndexPage(title="Events", slug="events"),
            ):
                add_child(home, page)
            parks = add_child(departments, DepartmentPage(title="Parks", slug="parks", intro="Parks."))
            with_file = build_form(parks)
            without_file = build_form(
                parks,
                title="Tree request",
                fields=[("Your name", "singleline", True, "", ""), ("Details", "multiline", False, "", "")],
            )
            yield {"home": home, "parks": parks, "form": with_file, "text_form": without_file}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def tree(site_tree, db):
    return site_tree


@pytest.fixture
def client():
    """A client that returns a 500 as a response, so one test can list every failing value."""
    return Client(raise_request_exception=False)


def problems(response, what):
    """What is wrong with one answer: a 5xx, or the script payload echoed unescaped into HTML."""
    found = []
    if response.status_code >= 500:
        found.append(f"{what}: {response.status_code}")
    if "text/html" in response.get("Content-Type", "") and SCRIPT in response.content.decode(errors="replace"):
        found.append(f"{what}: script echoed unescaped")
    return found


def assert_safe(response, what):
    found = problems(response, what)
    assert not found, found


@pytest.mark.django_db
@pytest.mark.parametrize("name, path, params", GET_INPUTS, ids=[row[0] for row in GET_INPUTS])
def test_get_inputs_survive_hostile_values(client, tree, name, path, params):
    joiner = "&" if "?" in path else "?"
    found = []
    for param in params:
        for value in HOSTILE:
            url = f"{path}{joiner}{param}={encode(value)}"
            found += problems(client.get(url), url[:120])
    assert not found, found  # every failing value at once


@pytest.mark.django_db
@pytest.mark.parametrize("url", API_REGRESSIONS, ids=range(len(API_REGRESSIONS)))
def test_api_answers_bad_parameters_with_400(client, tree, url):
    response = client.get(url)
    assert response.status_code == 400, response.content[:300]
    assert "message" in response.json()


#: Month pages the calendar must refuse with a 404 (out of range, malformed, not ASCII digits).
BAD_MONTHS = ["0000-01", "1899-12", "2201-01", "2026-13", "2026-00", "99999-01", "2026-1", "٢٠٢٦-٠١", "2026-02x"]


@pytest.mark.django_db
def test_events_month_refuses_bad_months_with_404(client, tree):
    for value in BAD_MONTHS + HOSTILE:
        url = f"/events/month/{encode(value)}/"
        response = client.get(url)
        assert_safe(response, url[:120])
        if value:
            assert response.status_code == 404, url[:120]


@pytest.mark.django_db
def test_listing_pages_accept_every_hostile_page_number(client, tree):
    for value in ["-5", "0", "99999999999999999999999", "²", "1e9", "last"]:
        for path in ("/news/", "/events/", "/faq/", "/search/?q=park&"):
            joiner = "" if path.endswith("&") else "?"
            assert client.get(f"{path}{joiner}page={encode(value)}").status_code == 200


def feedback_post(client, field, value, addr):
    data = {"helpful": "no", "what_went_wrong": "Broken link.", "url": "/news/", "rendered_at": "", field: value}
    return client.post("/feedback/", data, HTTP_ORIGIN="http://testserver", REMOTE_ADDR=addr)


@pytest.mark.django_db
@pytest.mark.parametrize("field", FEEDBACK_FIELDS)
def test_feedback_fields_survive_and_store_once(client, tree, field):
    for index, value in enumerate(HOSTILE):
        before = Feedback.objects.count()
        # A fresh address per value: the per-client rate limit is not what is tested here.
        response = feedback_post(client, field, value.replace("\ud800", "\ufffd"), f"198.51.100.{index}")
        assert_safe(response, f"feedback {field}={value[:30]!r}")
        assert Feedback.objects.count() - before <= 1, "stored twice"
        if response.status_code in (200, 303):
            assert Feedback.objects.count() - before == 1


@pytest.mark.django_db
def test_feedback_lone_surrogate_bytes(client, tree):
    body = b"helpful=no&what_went_wrong=%ED%A0%80&url=%2F"
    response = client.generic(
        "POST", "/feedback/", body, content_type="application/x-www-form-urlencoded", HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", b'{"helpful": "no", "what_went_wrong": "<script>"}'),
        ("text/plain", b"helpful=no"),
        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data; name=\x00\r\n\r\nx\r\n--zz--"),
        ("multipart/form-data", b"no boundary at all"),
        ("application/x-www-form-urlencoded", b"%%%%=%%%&helpful=%FF%FE"),
        ("application/xml", b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"),
    ],
)
def test_wrong_content_types(client, tree, content_type, body):
    for path in ("/feedback/", tree["form"].url, tree["text_form"].url):
        response = client.generic("POST", path, body, content_type=content_type, HTTP_ORIGIN="http://testserver")
        assert_safe(response, f"{path} as {content_type}")


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.django_db
@pytest.mark.parametrize("field", FORM_FIELDS)
def test_form_with_file_field_survives_and_stores_once(client, tree, private_media, field):
    for index, value in enumerate(HOSTILE):
        before = FormPageSubmission.objects.count()
        photo = SimpleUploadedFile("pavilion.pdf", PDF_BYTES, content_type="application/pdf")
        data = valid_answers(**{field: value.replace("\ud800", "\ufffd"), "photo_or_document": photo})
        response = client.post(tree["form"].url, data, REMOTE_ADDR=f"198.51.100.{index}", **ORIGIN)
        assert_safe(response, f"form {field}={value[:30]!r}")
        assert FormPageSubmission.objects.count() - before <= 1, "stored twice"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename", ["<script>.pdf", "a\x00b.pdf", "\u202efdp.exe", "x" * 300 + ".pdf", "..%2F..%2Fx.pdf"]
)
def test_form_file_names_survive(client, tree, private_media, filename):
    upload = SimpleUploadedFile(filename, PDF_BYTES, content_type="application/pdf")
    response = client.post(tree["form"].url, valid_answers(photo_or_document=upload), **ORIGIN)
    assert_safe(response, f"file name {filename[:30]!r}")
    assert FormPageSubmission.objects.count() <= 1


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["your_name", "details"])
def test_form_without_file_field_survives_and_stores_once(client, tree, field):
    for index, value in enumerate(HOSTILE):
        before = FormPageSubmission.objects.count()
        data = {"your_name": "Ana", "details": "", "website": "", "rendered_at": fresh_stamp()}
        data[field] = value.replace("\ud800", "\ufffd")
        response = client.post(tree["text_form"].url, data, REMOTE_ADDR=f"198.51.100.{index}", **ORIGIN)
        assert_safe(response, f"text form {field}={value[:30]!r}")
        assert FormPageSubmission.objects.count() - before <= 1, "stored twice"


FORM_INBOX_PARAMS = ["q", "status", "assignee", "order_by", "p", "date_from", "date_to"]


@pytest.mark.django_db
def test_form_inbox_survives_hostile_queries(client, tree, django_user_model):
    """The submission inbox's search (by reference) and filters (status, assignee), as signed-in staff."""
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser("hostile-admin", "h@example.gov", "pw")
    client.force_login(admin)
    FormPageSubmission.objects.create(page=tree["form"], form_data={}, reference="PR-7K3Q-2M")
    path = reverse("wagtailforms:list_submissions", args=[tree["form"].pk])
    found = []
    for param in FORM_INBOX_PARAMS:
        for value in HOSTILE:
            url = f"{path}?{param}={encode(value)}"
            found += problems(client.get(url), url[:120])
    assert not found, found


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["status", "assignee"])
def test_form_submission_triage_survives_hostile_values(client, tree, django_user_model, field):
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser("hostile-admin", "h@example.gov", "pw")
    client.force_login(admin)
    submission = FormPageSubmission.objects.create(page=tree["form"], form_data={}, reference="PR-7K3Q-2M")
    url = reverse("form_submission_detail", args=[submission.pk])
    for value in HOSTILE:
        data = {"status": "in_progress", "assignee": "", field: value.replace("\ud800", "\ufffd")}
        assert_safe(client.post(url, data), f"triage {field}={value[:30]!r}")
    submission.refresh_from_db()
    assert submission.status in {"new", "in_progress"} and submission.assignee is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, field", [("page", "reference_prefix"), ("page", "confirmation_email_text"), ("field", "error_message")]
)
def test_form_editor_settings_refuse_or_clean_hostile_values(tree, model, field):
    """What an editor types for the reference prefix, the resident's email text and a field's error message."""
    from django.core.exceptions import ValidationError

    from forms.models import FormField, FormPage

    for value in HOSTILE:
        value = value.replace("\ud800", "\ufffd")
        if model == "page":
            instance = FormPage.objects.get(pk=tree["form"].pk)
        else:
            instance = FormField(page=tree["form"], label="Where", field_type="singleline")
        setattr(instance, field, value)
        try:
            instance.full_clean()
        except ValidationError as error:
            assert field in error.message_dict, (field, value[:30], error.message_dict)
            continue
        stored = getattr(instance, field)
        if field == "reference_prefix":
            assert stored == "" or stored.isascii() and stored.isalpha() and len(stored) <= 4
        if field == "error_message":
            assert "\x00" not in stored and "\n" not in stored and len(stored) <= 200


BOUNDED = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)


@pytest.mark.django_db
@BOUNDED
@given(query=ANY_TEXT)
def test_search_query_property(tree, query):
    client = Client()
    for path in ("/search/?q=", "/search/suggest/?q=", "/api/v2/pages/?search="):
        for text in (query, query[:100] + SCRIPT):
            response = client.get(path + encode(text))
            assert response.status_code < 500, (path, text)
            if "text/html" in response.get("Content-Type", ""):
                assert SCRIPT not in response.content.decode(), (path, text)


@pytest.mark.django_db
@BOUNDED
@given(
    helpful=st.sampled_from(["yes", "no", "", "maybe"]),
    trying=ANY_TEXT,
    wrong=ANY_TEXT,
    email=st.one_of(st.emails(), ANY_TEXT),
    page_id=st.one_of(st.integers(-(2**70), 2**70).map(str), ANY_TEXT),
    url=ANY_TEXT,
)
def test_feedback_form_property(tree, helpful, trying, wrong, email, page_id, url):
    cache.clear()  # the per-client rate limit is not under test
    client = Client()
    before = Feedback.objects.count()
    data = {
        "helpful": helpful,
        "trying_to_do": trying,
        "what_went_wrong": wrong,
        "email": email,
        "page_id": page_id,
        "url": url,
    }
    response = client.post("/feedback/", data, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json")
    assert response.status_code < 500
    stored = Feedback.objects.count() - before
    assert stored == (1 if response.status_code == 200 else 0)

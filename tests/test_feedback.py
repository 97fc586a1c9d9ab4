"""The public feedback component and endpoint: rendering, storage, routing, hostile input."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from feedback.models import Feedback, mask_personal_numbers, strip_personal_query

pytestmark = pytest.mark.shared_tree

ORIGIN = "http://testserver"
FEEDBACK_RE = re.compile(r'<section class="feedback".*?</section>', re.S)


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service(department):
    dept = department["department"]
    dept.feedback_emails = "streets@example.gov, director@example.gov"
    dept.save_revision().publish()
    return department["service"]


def token(client, clock, path="/"):
    """The signed render time from a real page render, then let 'the resident' take 5 s."""
    html = client.get(path).content.decode()
    stamp = re.search(r'name="rendered_at" value="([^"]+)"', html).group(1)
    clock[0] += 5
    return stamp


def send(client, data, *, origin=ORIGIN, json=False, addr="203.0.113.9", **extra):
    headers = {"REMOTE_ADDR": addr}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    headers.update(extra)
    return client.post("/feedback/", data, **headers)


def report_data(stamp, page, **overrides):
    data = {
        "rendered_at": stamp,
        "website": "",
        "report": "1",
        "page_id": str(page.pk),
        "url": page.url,
        "title": page.title,
        "trying_to_do": "Find the phone number",
        "what_went_wrong": "The number 601-555-0100 is disconnected",
        "email": "resident@example.com",
    }
    data.update(overrides)
    return data


# -- the component on every page -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/departments/public-works/report-a-pothole/", "/search/?q=trash", "/no-such/"])
def test_component_everywhere_without_cookies_or_tokens(client, service, clock, path):
    first = client.get(path)
    second = client.get(path)
    assert first.status_code in (200, 404)
    html = first.content.decode()
    assert 'id="feedback"' in html
    assert "Was this page helpful?" in html
    assert "Report a problem with this page" in html
    assert "Don’t include personal or financial information" in html
    assert "csrfmiddlewaretoken" not in html
    assert not first.cookies and "Set-Cookie" not in first
    assert FEEDBACK_RE.search(html).group(0) == FEEDBACK_RE.search(second.content.decode()).group(0)


@pytest.mark.django_db
def test_component_knows_the_page_or_the_path(client, service, clock):
    html = client.get(service.url).content.decode()
    assert f'name="page_id" value="{service.pk}"' in html
    html = client.get("/search/?q=bins").content.decode()
    assert 'name="page_id" value=""' in html
    assert 'name="url" value="/search/?q=bins"' in html
    html = client.get("/missing-page/").content.decode()
    assert 'name="url" value="/missing-page/"' in html


@pytest.mark.django_db
def test_buttons_carry_hidden_context_and_hint(client, service, clock):
    html = client.get(service.url).content.decode()
    assert 'Yes <span class="visually-hidden">this page was helpful</span>' in html
    assert 'No <span class="visually-hidden">this page was not helpful</span>' in html
    assert 'role="status"' in html and 'role="alert"' in html
    assert "style=" not in FEEDBACK_RE.search(html).group(0)
    assert "<script" not in FEEDBACK_RE.search(html).group(0)


# -- the no-JavaScript flow ----------------------------------------------------------------


@pytest.mark.django_db
def test_yes_vote_without_js(client, service, clock):
    stamp = token(client, clock, service.url)
    response = send(client, {"rendered_at": stamp, "helpful": "yes", "page_id": service.pk, "url": service.url})
    assert response.status_code == 303
    assert response["Location"] == f"{service.url}?feedback=thanks#feedback"
    item = Feedback.objects.get()
    assert item.kind == "vote" and item.helpful is True and item.status == "counted"  # counted, not triaged
    assert item.page_id == service.pk and item.page_title == service.title and item.page_url == service.url
    service.refresh_from_db()
    assert item.page_revision_id == service.live_revision_id is not None
    assert item.department.title == "Public Works"
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback." in thanks
    assert len(mail.outbox) == 0  # votes are not emailed


@pytest.mark.django_db
def test_no_vote_opens_the_report_form(client, service, clock):
    stamp = token(client, clock, service.url)
    response = send(client, {"rendered_at": stamp, "helpful": "no", "page_id": service.pk, "url": service.url})
    assert response["Location"] == f"{service.url}?feedback=no#feedback-report"
    html = client.get(response["Location"]).content.decode()
    form = re.search(r'<form class="feedback__form"[^>]*>', html).group(0)
    assert " hidden" not in form
    assert "Tell us what was wrong with this page" in html
    assert Feedback.objects.get().helpful is False


@pytest.mark.django_db
def test_report_link_without_js_opens_the_form(client, service, clock):
    html = client.get(f"{service.url}?feedback=report").content.decode()
    form = re.search(r'<form class="feedback__form"[^>]*>', html).group(0)
    assert " hidden" not in form


@pytest.mark.django_db
def test_report_is_stored_routed_and_emailed(client, service, clock, django_capture_on_commit_callbacks):
    stamp = token(client, clock, service.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, report_data(stamp, service))
    assert response.status_code == 303
    assert response["Location"].endswith("?feedback=thanks#feedback")
    item = Feedback.objects.get()
    assert item.kind == "report" and item.helpful is None
    assert item.what_went_wrong == "The number 601-555-0100 is disconnected"  # phone numbers survive
    assert item.email == "resident@example.com"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["director@example.gov", "streets@example.gov"]
    assert f"/admin/snippets/feedback/feedback/edit/{item.pk}/" in message.body
    assert "resident@example.com" not in message.body + message.subject
    assert "disconnected" not in message.body  # free text stays in the admin


@pytest.mark.django_db
def test_json_flow(client, service, clock, django_capture_on_commit_callbacks):
    stamp = token(client, clock, service.url)
    response = send(client, {"rendered_at": stamp, "helpful": "no", "page_id": service.pk}, json=True)
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "state": "no",
        "message": "Thank you. Tell us what was wrong with this page so we can fix it (optional).",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, report_data(stamp, service), json=True)
    assert response.json()["ok"] is True and response.json()["message"] == "Thank you for your feedback."
    response = send(client, report_data(stamp, service, what_went_wrong="", trying_to_do=""), json=True)
    assert response.status_code == 400
    assert response.json()["errors"] == {"what_went_wrong": ["Tell us what went wrong with this page."]}
    # The "No" and the report that followed it are one item (tests/test_feedback_votes.py).
    assert list(Feedback.objects.values_list("kind", "helpful")) == [("report", False)]


@pytest.mark.django_db
def test_pages_outside_departments_go_to_the_city_wide_queue(client, service, city, clock, settings):
    settings.FEEDBACK_CITY_WIDE_RECIPIENTS = ["web@example.gov"]
    about = city["about"]
    stamp = token(client, clock, about.url)
    send(client, report_data(stamp, about))
    item = Feedback.objects.get()
    assert item.department is None
    assert item.department_label == "City-wide"


@pytest.mark.django_db
def test_city_wide_report_emails_the_city_list(
    client, service, city, clock, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_CITY_WIDE_RECIPIENTS = ["web@example.gov"]
    stamp = token(client, clock, city["about"].url)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, report_data(stamp, city["about"]))
    assert [m.to for m in mail.outbox] == [["web@example.gov"]]


@pytest.mark.django_db
def test_page_survives_deletion(client, service, clock):
    stamp = token(client, clock, service.url)
    send(client, report_data(stamp, service))
    service.delete()
    item = Feedback.objects.get()
    assert item.page is None and item.page_title == "Report a pothole" and item.page_url.endswith("report-a-pothole/")


def test_query_strings_that_may_hold_personal_data_are_dropped():
    assert strip_personal_query("/search/?q=my+ssn&page=2&utm_source=x#frag") == "/search/?page=2"
    assert strip_personal_query("/news/?email=a@b.c") == "/news/"
    assert strip_personal_query("https://evil.example/x") == "/"
    assert strip_personal_query("//evil.example/x") == "/"
    assert strip_personal_query("javascript:alert(1)") == "/"
    # Browsers read backslashes as slashes: each of these would open another site.
    for hostile in ("/\\evil.example/", "\\\\evil.example/x", "/\\/evil.example", "\\/evil.example"):
        assert strip_personal_query(hostile) == "/", hostile


@pytest.mark.parametrize(
    "text,expected",
    [
        ("card 4111 1111 1111 1111 thanks", "card [number removed] thanks"),
        ("card 4111-1111-1111-1111", "card [number removed]"),
        ("4111111111111111", "[number removed]"),
        ("ssn 123-45-6789.", "ssn [number removed]."),
        ("ssn 123456789", "ssn [number removed]"),
        ("call 601-555-0100 or 6015550100", "call 601-555-0100 or 6015550100"),
        ("house 1200 State St, zip 39201", "house 1200 State St, zip 39201"),
    ],
)
def test_masking(text, expected):
    assert mask_personal_numbers(text) == expected


@pytest.mark.django_db
def test_numbers_masked_before_storing(client, service, clock):
    stamp = token(client, clock, service.url)
    send(client, report_data(stamp, service, what_went_wrong="I paid with 4111 1111 1111 1111, SSN 123-45-6789"))
    stored = Feedback.objects.get().what_went_wrong
    assert "4111" not in stored and "6789" not in stored
    assert stored.count("[number removed]") == 2


# -- hostile input --------------------------------------------------------------------------


@pytest.mark.django_db
def test_empty_post_is_a_clear_error(client, service, clock):
    stamp = token(client, clock, service.url)
    response = send(client, {"rendered_at": stamp})
    assert response.status_code == 400
    assert "Choose Yes or No, or tell us what went wrong." in response.content.decode()
    response = send(client, {}, json=True)
    assert response.status_code == 400
    assert Feedback.objects.filter(status="new").count() == 0


@pytest.mark.django_db
def test_oversized_fields_keep_what_was_written(client, service, clock):
    stamp = token(client, clock, service.url)
    long_text = "Potholes everywhere. " * 120  # > 2,000 characters
    response = send(client, report_data(stamp, service, what_went_wrong=long_text))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep this to 2,000 characters or fewer." in html
    assert long_text.strip()[:200] in html  # nothing lost: the text is back in the form
    assert 'aria-invalid="true"' in html
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_oversized_body_refused(client, service, clock):
    stamp = token(client, clock, service.url)
    response = send(client, report_data(stamp, service, what_went_wrong="x" * 70_000))
    assert response.status_code == 413
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("page_id", ["999999", "-1", "abc", "1" * 40, "", "1; DROP TABLE"])
def test_unknown_page_ids_store_without_a_page(client, service, clock, page_id):
    stamp = token(client, clock, service.url)
    response = send(client, report_data(stamp, service, page_id=page_id, url="/gone/?token=secret"))
    assert response.status_code in (303, 400)
    if response.status_code == 303:
        item = Feedback.objects.get()
        assert item.page is None and item.department is None and item.page_url == "/gone/"


@pytest.mark.django_db
def test_non_utf8_bytes_and_control_characters(client, service, clock):
    stamp = token(client, clock, service.url)
    body = (
        b"rendered_at="
        + stamp.encode()
        + b"&report=1&page_id="
        + str(service.pk).encode()
        + b"&what_went_wrong=caf%E9+%FF%FE+broken%00link&trying_to_do=%C0%AF"
    )
    response = client.post("/feedback/", body, content_type="application/x-www-form-urlencoded", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 303
    item = Feedback.objects.get()
    assert "\x00" not in item.what_went_wrong
    assert "broken" in item.what_went_wrong and "link" in item.what_went_wrong


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_html_payload_stored_as_text_and_escaped_on_the_site(client, service, clock):
    stamp = token(client, clock, service.url)
    send(client, report_data(stamp, service, what_went_wrong=PAYLOAD, title=PAYLOAD))
    assert Feedback.objects.get().what_went_wrong == PAYLOAD
    # The error page echoes input: it must be escaped there too.
    response = send(client, report_data(stamp, service, what_went_wrong=PAYLOAD * 100, email=PAYLOAD))
    html = response.content.decode()
    assert response.status_code == 400
    assert PAYLOAD not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_filled_honeypot_looks_like_success_but_is_spam(client, service, clock, django_capture_on_commit_callbacks):
    stamp = token(client, clock, service.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, report_data(stamp, service, website="http://buy.example"))
    assert response.status_code == 303 and response["Location"].endswith("?feedback=thanks#feedback")
    item = Feedback.objects.get()
    assert item.status == "spam" and item.spam_reason == "honeypot"
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, report_data(stamp, service, website="x"), json=True)
    assert response.json()["ok"] is True
    assert mail.outbox == []


@pytest.mark.django_db
def test_instant_post_is_spam(client, service, clock):
    html = client.get(service.url).content.decode()
    stamp = re.search(r'name="rendered_at" value="([^"]+)"', html).group(1)
    send(client, report_data(stamp, service))
    assert Feedback.objects.get().spam_reason == "too_fast"


@pytest.mark.django_db
@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_cross_origin_post_rejected(client, service, clock, origin):
    stamp = token(client, clock, service.url)
    response = send(client, report_data(stamp, service), origin=origin)
    assert response.status_code == 403
    assert "only be sent from this website" in response.content.decode()
    assert 'id="feedback"' not in response.content.decode()  # no form that would post back to /feedback/
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_rate_limited_but_others_get_through(client, service, clock):
    stamp = token(client, clock, service.url)
    codes = [send(client, report_data(stamp, service), addr="198.51.100.1").status_code for _ in range(12)]
    assert codes[:10] == [303] * 10 and codes[10:] == [429, 429]
    assert send(client, report_data(stamp, service), addr="198.51.100.2").status_code == 303
    response = send(client, report_data(stamp, service), addr="198.51.100.1", json=True)
    assert response.status_code == 429 and "wait a minute" in response.json()["message"]
    assert Feedback.objects.count() == 11


@pytest.mark.django_db
def test_get_is_not_allowed(client, service):
    assert client.get("/feedback/").status_code == 405


@pytest.mark.django_db
def test_redirect_cannot_leave_the_site(client, service, clock):
    stamp = token(client, clock, service.url)
    for url in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]:
        response = send(client, {"rendered_at": stamp, "helpful": "yes", "url": url})
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
        assert "evil" not in response["Location"].split("?")[0].replace("/%5Cevil.example", "")


@pytest.mark.django_db
def test_no_ip_address_stored(client, service, clock):
    stamp = token(client, clock, service.url)
    send(client, report_data(stamp, service), addr="192.0.2.77")
    item = Feedback.objects.values().get()
    assert "192.0.2.77" not in repr(item)


# -- retention ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_purge_personal_data(service):
    old = timezone.now() - timezone.timedelta(days=400)
    resolved = Feedback.objects.create(
        kind="report", what_went_wrong="x", trying_to_do="y", email="a@example.com", status="resolved", created_at=old
    )
    spam = Feedback.objects.create(kind="report", what_went_wrong="buy", status="spam", created_at=old)
    open_item = Feedback.objects.create(kind="report", what_went_wrong="keep", email="b@example.com", created_at=old)
    recent = Feedback.objects.create(kind="report", what_went_wrong="recent", status="resolved")
    call_command("purge_feedback_personal_data", "--older-than", "365", stdout=open("/dev/null", "w"))
    resolved.refresh_from_db()
    spam.refresh_from_db()
    open_item.refresh_from_db()
    recent.refresh_from_db()
    assert (resolved.what_went_wrong, resolved.trying_to_do, resolved.email) == ("", "", "")
    assert resolved.personal_data_purged_at is not None
    assert spam.what_went_wrong == ""
    assert open_item.what_went_wrong == "keep" and open_item.email == "b@example.com"
    assert recent.what_went_wrong == "recent"
    assert Feedback.objects.count() == 4  # counts kept


@pytest.mark.django_db
def test_purge_rejects_bad_days():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_feedback_personal_data", "--older-than", "-3")


@override_settings(FEEDBACK_CITY_WIDE_RECIPIENTS=[])
@pytest.mark.django_db
def test_no_recipients_no_email(client, city, clock, django_capture_on_commit_callbacks):
    stamp = token(client, clock, city["about"].url)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, report_data(stamp, city["about"]))
    assert mail.outbox == []


@pytest.mark.django_db
def test_routing_follows_publishing_and_moves(client, service, city, clock):
    from departments.models import DepartmentPage

    stamp = token(client, clock, service.url)
    vote = {"rendered_at": stamp, "helpful": "yes", "page_id": service.pk, "url": service.url}
    send(client, vote)
    first = Feedback.objects.get()
    service.refresh_from_db()
    service.title = "Report a pothole or sinkhole"
    service.save_revision().publish()
    parks = DepartmentPage(title="Parks", slug="parks", intro="Parks.")
    city["departments"].add_child(instance=parks)
    parks.save_revision().publish()
    send(client, vote, addr="203.0.113.10")
    second = Feedback.objects.exclude(pk=first.pk).get()
    service.refresh_from_db()
    assert second.page_revision_id == service.live_revision_id != first.page_revision_id
    assert second.page_title == "Report a pothole or sinkhole"
    service.move(parks, pos="last-child")
    send(client, vote, addr="203.0.113.11")
    third = Feedback.objects.order_by("-pk").first()
    assert third.department_id == parks.pk


@pytest.mark.django_db
def test_cache_outage_loses_no_submission(client, service, clock, monkeypatch):
    """With the cache down the rate limit is skipped (fail open) and routing reads the database."""
    from django.core import cache as cache_module

    stamp = token(client, clock, service.url)

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    for name in ("get", "add", "incr", "set"):
        monkeypatch.setattr(cache_module.cache, name, broken)
    response = send(client, report_data(stamp, service))
    assert response.status_code == 303
    item = Feedback.objects.get()
    assert item.department.title == "Public Works" and item.page_id == service.pk


@pytest.mark.django_db
def test_insert_stores_what_save_stores(service):
    """Feedback.insert (the endpoint's one cached INSERT) against the ORM's save()."""
    page = service
    values = {
        "kind": Feedback.Kind.REPORT,
        "helpful": False,
        "trying_to_do": "Find hours <b>now</b> \u00e9\U0001f600",
        "what_went_wrong": "Wrong phone",
        "email": "a@example.com",
        "page_id": page.pk,
        "page_revision_id": page.live_revision_id,
        "page_url": "/x/",
        "page_title": "Title",
        "department_id": None,
        "status": Feedback.Status.SPAM,
        "spam_reason": "honeypot",
    }
    inserted = Feedback(**values).insert()
    saved = Feedback(**values)
    saved.save()
    assert inserted.pk and inserted.pk != saved.pk and not inserted._state.adding
    fields = [f.attname for f in Feedback._meta.concrete_fields if f.attname not in ("id", "created_at", "updated_at")]
    rows = {row["id"]: row for row in Feedback.objects.values("id", "created_at", "updated_at", *fields)}
    assert {f: rows[inserted.pk][f] for f in fields} == {f: rows[saved.pk][f] for f in fields}
    assert rows[inserted.pk]["updated_at"] and rows[inserted.pk]["created_at"]

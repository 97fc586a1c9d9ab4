"""The feedback triage queue in the Wagtail admin: scoping, filters, bulk actions, history, exports."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from departments.models import DepartmentPage
from feedback.models import Feedback, FeedbackEvent

pytestmark = pytest.mark.shared_tree

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LIST_URL = "/admin/snippets/feedback/feedback/"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()


@pytest.fixture
def parks(city):
    dept = DepartmentPage(title="Parks and Recreation", slug="parks", intro="Parks.")
    city["departments"].add_child(instance=dept)
    dept.save_revision().publish()
    return dept


@pytest.fixture
def items(department, parks, city):
    works = department["department"]
    service = department["service"]
    now = timezone.now()
    return {
        "works": Feedback.objects.create(
            kind="report",
            page=service,
            page_url=service.url,
            page_title=service.title,
            department=works,
            what_went_wrong=PAYLOAD,
            trying_to_do='=HYPERLINK("http://evil.example")',
            email="resident@example.com",
            created_at=now - timezone.timedelta(days=3),
        ),
        "works_vote": Feedback.objects.create(
            kind="vote", helpful=False, page=service, page_url=service.url, page_title=service.title, department=works
        ),
        "works_yes": Feedback.objects.create(
            kind="vote", helpful=True, page=service, page_url=service.url, page_title=service.title, department=works
        ),
        "parks": Feedback.objects.create(
            kind="report",
            page=parks,
            page_url=parks.url,
            page_title=parks.title,
            department=parks,
            helpful=False,  # a "No" that the report joined
            what_went_wrong="Swing is broken",
        ),
        "city": Feedback.objects.create(
            kind="report", page=city["about"], page_url="/about/", page_title="About Jackson", what_went_wrong="Typo"
        ),
        "hostile": Feedback.objects.create(
            kind="vote", helpful=False, page_url="/search/", page_title=PAYLOAD, status="triaged"
        ),
    }


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.gov", "pw", first_name="Casey")


@pytest.fixture
def works_editor(django_user_model, department):
    user = django_user_model.objects.create_user("pat", "pat@example.gov", "pw", first_name="Pat", last_name="Lee")
    group = Group.objects.create(name="Public Works editors (feedback test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=department["department"], permission=Permission.objects.get(codename="change_page")
    )
    user.groups.add(group)
    return user


def listing(client, query=""):
    response = client.get(LIST_URL + query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.django_db
def test_admin_sees_every_queue_escaped(client, admin, items):
    client.force_login(admin)
    html = listing(client)
    for title in ["Report a pothole", "Parks and Recreation", "About Jackson"]:
        assert title in html
    assert "City-wide" in html
    assert PAYLOAD not in html and "&lt;script&gt;" in html
    report = client.get(reverse("feedback_page_report")).content.decode()
    assert PAYLOAD not in report and "&lt;script&gt;" in report
    hostile = items["hostile"].pk
    for view in ("edit", "inspect", "history"):
        page = client.get(f"{LIST_URL}{view}/{hostile}/")
        assert page.status_code == 200, view
        assert PAYLOAD not in page.content.decode(), view


@pytest.mark.django_db
def test_department_editor_sees_only_their_department(client, works_editor, items):
    client.force_login(works_editor)
    html = listing(client)
    assert "Report a pothole" in html
    assert "Parks and Recreation (#" not in html and "About Jackson (#" not in html
    assert set(Feedback.objects.visible_to(works_editor)) == {items["works"], items["works_vote"], items["works_yes"]}
    # Their own item opens; someone else's does not.
    assert client.get(f"{LIST_URL}edit/{items['works'].pk}/").status_code == 200
    assert client.get(f"{LIST_URL}edit/{items['parks'].pk}/").status_code in (403, 302)
    assert client.get(f"{LIST_URL}inspect/{items['city'].pk}/").status_code in (403, 302)
    assert client.get(f"{LIST_URL}delete/{items['works'].pk}/").status_code in (403, 302)


@pytest.mark.django_db
def test_users_without_page_permissions_see_nothing(client, django_user_model, items):
    user = django_user_model.objects.create_user("nobody", "n@example.gov", "pw")
    group = Group.objects.create(name="Admin access only (feedback test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(LIST_URL).status_code in (403, 302)
    assert not Feedback.objects.visible_to(user).exists()


@pytest.mark.django_db
def test_site_wide_permission_sees_all(django_user_model, items):
    user = django_user_model.objects.create_user("web", "w@example.gov", "pw")
    user.user_permissions.add(Permission.objects.get(codename="triage_all_feedback"))
    user = django_user_model.objects.get(pk=user.pk)
    assert Feedback.objects.visible_to(user).count() == 6


@pytest.mark.django_db
def test_filters_search_and_sorting(client, admin, items, parks):
    client.force_login(admin)
    html = listing(client, f"?department={parks.pk}")
    assert "on Parks and Recreation" in html and "on Report a pothole" not in html
    html = listing(client, "?department=city-wide")
    assert "on About Jackson" in html and "on Parks and Recreation" not in html
    html = listing(client, "?helpful=false")
    assert "Parks and Recreation (#" in html and "Report a pothole (#" not in html
    html = listing(client, "?status=new&status=triaged")
    assert "on Parks and Recreation" in html
    html = listing(client, "?status=resolved")
    assert "on Parks and Recreation" not in html
    old = (timezone.now() - timezone.timedelta(days=2)).date().isoformat()
    html = listing(client, f"?created_at_to={old}")
    assert "Report a pothole (#" in html and "Swing" not in html
    html = listing(client, f"?page={items['parks'].page_id}")
    assert "on Parks and Recreation" in html and "on Report a pothole" not in html
    html = listing(client, "?q=swing")
    assert "on Parks and Recreation" in html and "on About Jackson" not in html
    for order in ["status", "-created_at", "department__title", "page_title", "helpful"]:
        listing(client, f"?ordering={order}")


@pytest.mark.django_db
def test_edit_view_records_each_change_and_escapes(client, admin, items, parks, works_editor):
    client.force_login(admin)
    item = items["works"]
    url = f"{LIST_URL}edit/{item.pk}/"
    html = client.get(url).content.decode()
    assert PAYLOAD not in html and "&lt;script&gt;" in html
    assert "resident@example.com" in html
    response = client.post(
        url,
        {
            "status": "in_progress",
            "assignee": works_editor.pk,
            "department": parks.pk,
            "note": "Calling the <b>crew</b>",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.status == "in_progress" and item.assignee == works_editor and item.department == parks
    events = list(item.events.order_by("pk"))
    assert [(e.action, e.from_value, e.to_value) for e in events] == [
        ("status", "New", "In progress"),
        ("assigned", "nobody", "Pat Lee"),
        ("moved", "Public Works", "Parks and Recreation"),
    ]
    assert events[0].note == "Calling the <b>crew</b>" and events[0].user == admin
    html = client.get(url).content.decode()
    assert "New → In progress" in html and "Calling the &lt;b&gt;crew&lt;/b&gt;" in html
    inspect = client.get(f"{LIST_URL}inspect/{item.pk}/").content.decode()
    assert PAYLOAD not in inspect


@pytest.mark.django_db
def test_bulk_actions(client, admin, items, parks, works_editor):
    client.force_login(admin)
    ids = [items["works"].pk, items["parks"].pk]
    query = "&".join(f"id={pk}" for pk in ids)

    def bulk(action, data=None):
        url = f"/admin/bulk/feedback/feedback/{action}/?{query}&next={LIST_URL}"
        page = client.get(url)
        assert page.status_code == 200, action
        assert PAYLOAD not in page.content.decode()
        return client.post(url, data or {})

    assert bulk("feedback_resolve", {"note": "Fixed"}).status_code == 302
    assert set(Feedback.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"resolved"}
    assert bulk("feedback_assign", {"assignee": works_editor.pk}).status_code == 302
    assert Feedback.objects.filter(pk__in=ids, assignee=works_editor).count() == 2
    assert bulk("feedback_move", {"department": parks.pk}).status_code == 302
    assert Feedback.objects.filter(pk__in=ids, department=parks).count() == 2
    assert bulk("feedback_spam").status_code == 302
    assert Feedback.objects.filter(pk__in=ids, status="spam").count() == 2
    works = items["works"]
    assert [e.action for e in works.events.order_by("pk")] == ["status", "assigned", "moved", "status"]
    assert works.events.first().note == "Fixed"
    # Moving to the city-wide queue.
    assert bulk("feedback_move", {"department": ""}).status_code == 302
    assert Feedback.objects.filter(pk__in=ids, department__isnull=True).count() == 2


@pytest.mark.django_db
def test_bulk_actions_respect_scope(client, works_editor, items):
    client.force_login(works_editor)
    url = f"/admin/bulk/feedback/feedback/feedback_spam/?id={items['works'].pk}&id={items['parks'].pk}"
    client.post(url, {})
    assert Feedback.objects.get(pk=items["works"].pk).status == "spam"
    assert Feedback.objects.get(pk=items["parks"].pk).status == "new"


@pytest.mark.django_db
def test_csv_export_is_filtered_escaped_and_formula_safe(client, admin, items, department):
    client.force_login(admin)
    response = client.get(LIST_URL + f"?export=csv&department={department['department'].pk}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1  # the department's one report; its Yes/No votes are counts, not queue items
    report = next(row for row in rows if row["What went wrong"])
    assert report["What went wrong"] == PAYLOAD  # text, as written: a CSV is not HTML
    assert report["Trying to do"].startswith("'=")  # not run as a formula
    assert report["Department"] == "Public Works"


@pytest.mark.django_db
def test_xlsx_export(client, admin, items):
    from openpyxl import load_workbook

    client.force_login(admin)
    response = client.get(LIST_URL + "?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ID" and len(rows) == 1 + 3  # the three reports; votes and spam are not in the queue
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert PAYLOAD in cells
    assert not any(cell.startswith("=") for cell in cells)


@pytest.mark.django_db
def test_dashboard_panel(client, admin, works_editor, items):
    Feedback.objects.filter(pk=items["works"].pk).update(created_at=timezone.now() - timezone.timedelta(days=3))
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "Resident feedback waiting for triage" in html
    assert "Public Works" in html and "City-wide queue" in html and "3\xa0days ago" in html
    client.force_login(works_editor)
    html = client.get("/admin/").content.decode()
    assert "Resident feedback waiting for triage" in html and "City-wide queue" not in html
    assert f'"url": "{LIST_URL}"' in html  # the Feedback menu item (sidebar props are JSON)


@pytest.mark.django_db
def test_page_feedback_report(client, admin, works_editor, items):
    client.force_login(admin)
    response = client.get(reverse("feedback_page_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Report a pothole" in html and "50%" in html
    client.force_login(works_editor)
    html = client.get(reverse("feedback_page_report")).content.decode()
    assert "Report a pothole" in html and "About Jackson" not in html
    export = client.get(reverse("feedback_page_report") + "?export=csv")
    assert export.status_code == 200


@pytest.mark.django_db
def test_history_event_str():
    item = Feedback.objects.create(kind="report", what_went_wrong="x")
    item.set_status("triaged")
    event = FeedbackEvent.objects.get()
    assert str(event) == "Status: New → Triaged" and event.user_label == "System"


@pytest.mark.django_db
def test_page_editor_shows_the_page_feedback(client, admin, items, department):
    client.force_login(admin)
    html = client.get(f"/admin/pages/{department['service'].pk}/edit/").content.decode()
    assert "Feedback: 1 open, 50% helpful" in html
    assert f"/admin/snippets/feedback/feedback/?page={department['service'].pk}" in html


@pytest.mark.django_db
def test_spam_hidden_unless_chosen(client, admin, items):
    Feedback.objects.filter(pk=items["parks"].pk).update(status="spam")
    client.force_login(admin)
    assert "on Parks and Recreation" not in listing(client)
    assert "on Parks and Recreation" in listing(client, "?status=spam")


@pytest.mark.django_db
def test_stored_urls_can_never_leave_the_site(client, admin, items):
    """A row stored before URLs were checked for backslashes still links only within the site."""
    legacy = Feedback.objects.create(kind="report", page_url="/\\evil.example/", what_went_wrong="Old row")
    client.force_login(admin)
    html = client.get(f"{LIST_URL}edit/{legacy.pk}/").content.decode()
    assert 'href="/\\evil.example/"' not in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_page_report_links_encode_page_urls(client, admin):
    """Pages outside the CMS are linked by URL; an '&' in it must not break the queue link."""
    Feedback.objects.create(kind="vote", helpful=False, page_url="/search/?q=a&page=2", page_title="Search")
    client.force_login(admin)
    html = client.get(reverse("feedback_page_report")).content.decode()
    assert "?page_url=%2Fsearch%2F%3Fq%3Da%26page%3D2" in html
    assert "?page_url=/search/?q=a&amp;page=2" not in html


@pytest.mark.django_db
def test_bulk_confirmation_never_names_another_departments_items(client, works_editor, items):
    client.force_login(works_editor)
    parks = items["parks"]
    response = client.get(f"/admin/bulk/feedback/feedback/feedback_spam/?id={parks.pk}&id={items['works'].pk}")
    html = response.content.decode()
    assert str(parks) not in html and "Parks and Recreation" not in html
    assert str(items["works"]) in html
    only_theirs = client.get(f"/admin/bulk/feedback/feedback/feedback_spam/?id={parks.pk}").content.decode()
    assert str(parks) not in only_theirs and "Parks and Recreation" not in only_theirs


def test_addresses_from_before_the_move_redirect(client, admin, items):
    """Bookmarks and emailed links from when feedback lived in ``forms`` still open the same screens."""
    client.force_login(admin)
    item = items["works"]
    response = client.get(f"/admin/snippets/forms/feedback/edit/{item.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"{LIST_URL}edit/{item.pk}/"
    response = client.get("/admin/snippets/forms/feedback/?status=new&department=city-wide")
    assert response["Location"] == f"{LIST_URL}?status=new&department=city-wide"
    assert client.get(response["Location"]).status_code == 200
    assert reverse("wagtailsnippets_feedback_feedback:list") == LIST_URL


def test_old_addresses_still_need_a_sign_in(client, items):
    response = client.get("/admin/snippets/forms/feedback/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")


@pytest.mark.django_db
def test_rows_open_from_the_listing(client, admin, items):
    """The first column is Wagtail's title column: a link to the item, named by what it is about."""
    client.force_login(admin)
    html = listing(client)
    item = items["works"]
    link = rf'<a [^>]*href="{LIST_URL}edit/{item.pk}/"[^>]*>.{{0,300}}?Report a pothole \(#{item.pk}\)'
    assert re.search(link, html, re.S)
    checkboxes = re.findall(r"<input[^>]*data-bulk-action-checkbox[^>]*>", html)
    assert checkboxes
    for checkbox in checkboxes:
        described_by = re.search(r'aria-describedby="([^"]+)"', checkbox).group(1)
        assert f'id="{described_by}"' in html, described_by


@pytest.mark.django_db
def test_wording_speaks_of_reports_items_and_pages(client, admin, items):
    """Staff read "reports", "items" and "pages"; never "snippets" or "10 feedback"."""
    client.force_login(admin)
    html = listing(client)
    footer = html[html.index("data-bulk-action-footer") - 60 :]
    footer = footer[: footer.index("</section>")]
    assert 'data-bulk-action-footer="ITEM"' in footer and "snippet" not in footer.lower()
    assert "Select all reports in this listing" in html or "has_other_pages" not in html
    assert "feedback reports" in str(Feedback._meta.verbose_name_plural)
    assert not re.search(r"\b\d+ feedback\b(?! report)", html)

    url = (
        f"/admin/bulk/feedback/feedback/feedback_resolve/?id={items['works'].pk}&id={items['parks'].pk}&next={LIST_URL}"
    )
    confirm = client.get(url).content.decode()
    main = re.sub(r'(href|action)="[^"]*"', "", confirm[confirm.index("<main") : confirm.index("</main>")])
    assert "Resolve: 2 reports" in confirm and "snippet" not in main.lower()
    response = client.post(url, {}, follow=True)
    assert "Resolved 2 reports." in response.content.decode()

    # The page feedback report lists pages, and counts them as pages.
    report = client.get(reverse("feedback_page_report")).content.decode()
    pages = len({item.page_url for item in items.values() if item.status != "spam"})
    assert re.search(rf"\b{pages} pages\b", report), pages
    assert "feedback item" not in report


@pytest.mark.django_db
def test_page_report_counts_pages_not_feedback_items(client, admin, items):
    """Issue 17, point 4: the report has one row per page, so its count says "pages" ("1 feedback item"
    counted pages under the wrong word)."""
    client.force_login(admin)
    response = client.get(reverse("feedback_page_report"))
    label = response.context["paginator"].items_count_label
    assert re.fullmatch(r"\d+ pages?", label), label

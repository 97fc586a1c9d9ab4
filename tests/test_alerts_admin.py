"""Alerts in the admin, per role, through the real admin URLs.

Two departments (Water and Sewer, Parks), each with publishers and editors, plus the
site-wide roles (Communications, Emergency publisher). Forms are posted the way the
browser posts them (``nested_form_data`` / ``inline_formset``), including forged posts
that name another department, the whole site, or another department's page.
"""

import copy
import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from alerts.models import Alert, AlertPage, Scope, Severity
from departments.provisioning import create_department
from departments.roles import COMMUNICATIONS, EMERGENCY_PUBLISHER, setup_site_roles
from home.models import StandardPage
from tests.conftest import add_child, staff_account

pytestmark = pytest.mark.shared_tree

LIST = "wagtailsnippets_alerts_alert:list"
ADD = "wagtailsnippets_alerts_alert:add"


def url(name, alert):
    return reverse(f"wagtailsnippets_alerts_alert:{name}", args=(alert.pk,))


def when(hours=0):
    return timezone.localtime(timezone.now() + datetime.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def alert_data(action="action-publish", pages=(), hotlines=(), **fields):
    data = {
        "title": "Boil-water notice",
        "message": "Boil tap water for one minute before drinking.",
        "link_url": "",
        "link_text": "",
        "severity": Severity.WARNING,
        "scope": Scope.SITE,
        "starts_at": when(),
        "ends_at": when(6),
        "dismissible": "on",
        "scope_pages": inline_formset([{"page": page.pk} for page in pages]),
        "hotlines": inline_formset(list(hotlines)),
    }
    departments = fields.pop("departments", [])
    data.update(fields)
    if action:
        data[action] = action
    flat = nested_form_data(data)
    # A multiple-choice field posts one value per box ticked (nested_form_data would number them).
    flat["departments"] = [str(pk) for pk in departments]
    return flat


def make_alert(title="Alert", scope=Scope.SITE, departments=(), pages=(), live=True, **fields):
    """An alert saved and published the way the admin does it."""
    alert = Alert(title=title, message="Message.", scope=scope, **fields)
    alert.departments = list(departments)
    alert.scope_pages = [AlertPage(page=page) for page in pages]
    alert.live = False
    alert.save()
    if live:
        alert.save_revision().publish()
        alert.refresh_from_db()
    return alert


def denied(response):
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture(scope="module")
def people_once(city_once, django_db_blocker):
    """Two departments with a page each, the site roles and one account per role, made once for the module.

    Provisioning a department (pages, groups, permissions) and six accounts costs more than most
    tests here; tests get deep copies (``people``) and write inside their own savepoints.
    """
    with django_db_blocker.unblock():
        site_roles = setup_site_roles()
        water, water_roles, _ = create_department("Water and Sewer")
        parks, parks_roles, _ = create_department("Parks")

        return {
            "water": water,
            "parks": parks,
            "water_page": add_child(water, StandardPage(title="Water quality", slug="water-quality", intro="Tests.")),
            "parks_page": add_child(parks, StandardPage(title="Pool hours", slug="pool-hours", intro="Summer.")),
            "emergency": staff_account("emergency", site_roles[EMERGENCY_PUBLISHER]),
            "comms": staff_account("comms", site_roles[COMMUNICATIONS]),
            "water_publisher": staff_account("water-publisher", water_roles.publishers),
            "water_editor": staff_account("water-editor", water_roles.editors),
            "parks_publisher": staff_account("parks-publisher", parks_roles.publishers),
            "admin": staff_account("admin", is_superuser=True),
        }


@pytest.fixture
def people(db, people_once, city):
    """This test's own copies of the module's people and pages, with the city."""
    return {**copy.deepcopy(people_once), "city": city}


def log_actions(alert):
    return [(entry.action, entry.user_id) for entry in ModelLogEntry.objects.for_instance(alert).order_by("pk")]


@pytest.mark.django_db
class TestEmergencyPublisher:
    def test_menu_listing_and_columns(self, client, people):
        make_alert("Showing now", starts_at=timezone.now() - datetime.timedelta(hours=1))
        make_alert("Tomorrow", starts_at=timezone.now() + datetime.timedelta(days=1))
        make_alert("A draft", live=False)
        client.force_login(people["emergency"])
        dashboard = client.get("/admin/")
        assert reverse(LIST) in dashboard.content.decode()
        response = client.get(reverse(LIST))
        assert response.status_code == 200
        html = response.content.decode()
        for text in ("Showing now", "Tomorrow", "A draft", "Severity", "Where", "Status", "Starts", "Ends"):
            assert text in html
        for status in ("Showing", "Scheduled", "Draft"):
            assert f">{status}<" in html or f"{status}\n" in html or status in html

    def test_creates_and_publishes_a_site_alert_with_a_hotline(self, client, people):
        client.force_login(people["emergency"])
        response = client.post(
            reverse(ADD),
            alert_data(severity=Severity.EMERGENCY, hotlines=[{"label": "Water line", "phone": "601-555-0100"}]),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        alert = Alert.objects.get()
        assert alert.live and alert.scope == Scope.SITE
        assert alert.dismissible is False  # emergencies are never dismissible
        assert [(h.label, h.phone) for h in alert.hotlines.all()] == [("Water line", "601-555-0100")]
        user_id = people["emergency"].pk
        assert log_actions(alert) == [("wagtail.create", user_id), ("wagtail.publish", user_id)]

    def test_edits_and_expires(self, client, people):
        alert = make_alert("Storm shelter open")
        client.force_login(people["emergency"])
        response = client.post(url("edit", alert), alert_data(title="Storm shelters open"))
        assert response.status_code == 302
        alert.refresh_from_db()
        assert alert.title == "Storm shelters open" and alert.live
        edit_page = client.get(url("edit", alert)).content.decode()
        assert "Expire now" in edit_page
        response = client.post(url("unpublish", alert))
        assert response.status_code == 302
        alert.refresh_from_db()
        assert not alert.live
        assert log_actions(alert)[-1] == ("alerts.expire", people["emergency"].pk)
        history = client.get(url("history", alert)).content.decode()
        assert "Expired" in history
        site_history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        assert "Storm shelters open" in site_history

    def test_reaches_nothing_else(self, client, people):
        client.force_login(people["emergency"])
        home = people["city"]["home"]
        assert denied(client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))))
        assert denied(client.get(reverse("wagtailadmin_pages:edit", args=(people["water_page"].pk,))))
        assert denied(client.get(reverse("wagtailsnippets_feedback_feedback:list")))
        assert denied(client.get(reverse("wagtailsettings:edit", args=("home", "citysettings"))))
        assert denied(client.get(reverse("wagtailusers_users:index")))
        assert not client.get(reverse(LIST)).status_code == 403
        # Nothing to delete: an alert is expired, not deleted.
        alert = make_alert()
        assert denied(client.get(url("delete", alert)))

    def test_setup_roles_is_idempotent_and_grants_only_alerts(self, people):
        call_command("setup_roles", stdout=open("/dev/null", "w"))
        call_command("setup_roles", stdout=open("/dev/null", "w"))
        group = people["emergency"].groups.get()
        codenames = sorted(group.permissions.values_list("codename", flat=True))
        assert codenames == sorted(
            ["access_admin", "add_alert", "change_alert", "publish_alert", "view_alert", "alert_anywhere"]
        )
        assert not group.page_permissions.exists()
        assert not group.collection_permissions.exists()


@pytest.mark.django_db
class TestValidation:
    @pytest.fixture(autouse=True)
    def signed_in(self, client, people):
        client.force_login(people["emergency"])

    def post(self, client, **fields):
        response = client.post(reverse(ADD), alert_data(**fields))
        assert response.status_code == 200, "expected the form back with errors"
        assert not Alert.objects.exists()
        return response.content.decode()

    def test_departments_scope_needs_a_department(self, client):
        assert "Choose at least one department" in self.post(client, scope=Scope.DEPARTMENTS)

    def test_pages_scope_needs_a_page(self, client):
        assert "Add at least one page" in self.post(client, scope=Scope.PAGES)

    def test_end_after_start(self, client):
        assert "The end must be after the start" in self.post(client, starts_at=when(5), ends_at=when(1))

    @pytest.mark.parametrize(
        "fields",
        [
            {"title": "x" * 121},
            {"message": "x" * 601},
            {"severity": "apocalypse"},
            {"link_url": "javascript:alert(1)"},
            {"scope": "everywhere"},
        ],
    )
    def test_hostile_fields(self, client, fields):
        self.post(client, **fields)

    def test_bad_hotline_phone(self, client):
        html = self.post(client, hotlines=[{"label": "Line", "phone": "<script>alert(1)</script>"}])
        assert "<script>alert(1)</script>" not in html

    def test_html_and_unicode_are_kept_as_text(self, client, people):
        title = "Avis: <b>eau</b> à bouillir 💧"
        response = client.post(reverse(ADD), alert_data(title=title, message="<script>alert(1)</script>"))
        assert response.status_code == 302
        alert = Alert.objects.get()
        assert alert.title == title and alert.message == "<script>alert(1)</script>"
        html = client.get(reverse(LIST)).content.decode()
        assert "<b>eau</b>" not in html and "&lt;b&gt;eau&lt;/b&gt;" in html


@pytest.mark.django_db
class TestDepartmentPublisher:
    @pytest.fixture(autouse=True)
    def signed_in(self, client, people):
        client.force_login(people["water_publisher"])

    def test_offered_only_their_department_and_no_site_scope(self, client, people):
        html = client.get(reverse(ADD)).content.decode()
        assert "Water and Sewer" in html
        assert f'value="{people["parks"].pk}"' not in html
        assert 'value="site"' not in html

    def test_publishes_for_their_department(self, client, people):
        response = client.post(reverse(ADD), alert_data(scope=Scope.DEPARTMENTS, departments=[people["water"].pk]))
        assert response.status_code == 302
        alert = Alert.objects.get()
        assert alert.live and list(alert.departments.all()) == [people["water"]]
        assert log_actions(alert)[-1] == ("wagtail.publish", people["water_publisher"].pk)

    def test_publishes_for_pages_inside_their_department(self, client, people):
        response = client.post(reverse(ADD), alert_data(scope=Scope.PAGES, pages=[people["water_page"]]))
        assert response.status_code == 302
        assert Alert.objects.get().page_ids == [people["water_page"].pk]

    @pytest.mark.parametrize(
        "forged",
        [
            {"scope": Scope.SITE},
            {"scope": Scope.DEPARTMENTS, "departments": ["parks"]},
            {"scope": Scope.DEPARTMENTS, "departments": ["water", "parks"]},
            {"scope": Scope.PAGES, "pages": ["parks_page"]},
            {"scope": Scope.PAGES, "pages": ["water_page", "parks_page"]},
            {"scope": Scope.PAGES, "pages": ["home"]},
            {"scope": Scope.DEPARTMENTS, "departments": ["water"], "pages": ["parks_page"]},
        ],
    )
    def test_forged_scopes_are_refused(self, client, people, forged):
        pages = [people["city"]["home"] if name == "home" else people[name] for name in forged.get("pages", [])]
        fields = {"scope": forged["scope"], "departments": [people[name].pk for name in forged.get("departments", [])]}
        response = client.post(reverse(ADD), alert_data(pages=pages, **fields))
        assert response.status_code == 200
        assert not Alert.objects.exists()

    def test_sees_and_reaches_only_their_alerts(self, client, people):
        mine = make_alert("Water main break", Scope.DEPARTMENTS, departments=[people["water"]])
        my_page = make_alert("Meter reading", Scope.PAGES, pages=[people["water_page"]])
        theirs = make_alert("Pool closed", Scope.DEPARTMENTS, departments=[people["parks"]])
        shared = make_alert("Both", Scope.DEPARTMENTS, departments=[people["water"], people["parks"]])
        citywide = make_alert("Citywide")
        html = client.get(reverse(LIST)).content.decode()
        assert "Water main break" in html and "Meter reading" in html
        for other in (theirs, shared, citywide):
            assert other.title not in html
            for name in ("edit", "unpublish", "delete", "history", "usage", "copy"):
                assert denied(client.get(url(name, other))), name
            assert denied(client.post(url("unpublish", other)))
            assert denied(client.post(url("edit", other), alert_data(title="Hijacked")))
            other.refresh_from_db()
            assert other.live and other.title != "Hijacked"
        assert client.get(url("edit", mine)).status_code == 200
        assert client.get(url("edit", my_page)).status_code == 200
        response = client.post(url("unpublish", mine))
        assert response.status_code == 302
        mine.refresh_from_db()
        assert not mine.live
        assert log_actions(mine)[-1] == ("alerts.expire", people["water_publisher"].pk)

    def test_cannot_widen_their_own_alert(self, client, people):
        mine = make_alert("Water main break", Scope.DEPARTMENTS, departments=[people["water"]])
        response = client.post(url("edit", mine), alert_data(scope=Scope.SITE))
        assert response.status_code == 200
        mine.refresh_from_db()
        assert mine.scope == Scope.DEPARTMENTS


@pytest.mark.django_db
def test_department_editors_get_nothing_for_alerts(client, people):
    alert = make_alert("Water main break", Scope.DEPARTMENTS, departments=[people["water"]])
    client.force_login(people["water_editor"])
    assert reverse(LIST) not in client.get("/admin/").content.decode()
    assert denied(client.get(reverse(LIST)))
    assert denied(client.get(reverse(ADD)))
    assert denied(client.get(url("edit", alert)))


@pytest.mark.django_db
def test_communications_and_admins_reach_every_alert(client, people):
    theirs = make_alert("Pool closed", Scope.DEPARTMENTS, departments=[people["parks"]])
    for name in ("comms", "admin"):
        client.force_login(people[name])
        assert "Pool closed" in client.get(reverse(LIST)).content.decode()
        assert client.get(url("edit", theirs)).status_code == 200
    client.force_login(people["comms"])
    assert client.post(url("delete", theirs)).status_code == 302
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_setup_department_grants_publishers_alerts_again(people):
    """An existing database gets the grants when create_department runs again."""
    from departments.models import DepartmentRoles

    roles = DepartmentRoles.objects.get(department=people["water"])
    roles.publishers.permissions.clear()
    call_command("create_department", "Water and Sewer", stdout=open("/dev/null", "w"))
    assert (
        people["water_publisher"]
        .__class__.objects.get(pk=people["water_publisher"].pk)
        .has_perm("alerts.publish_alert")
    )
    assert not roles.editors.permissions.filter(content_type__app_label="alerts").exists()


@pytest.mark.django_db
def test_filters_search_and_query_count(client, people):
    now = timezone.now()
    make_alert("Road closed downtown", starts_at=now - datetime.timedelta(hours=1))
    make_alert("Parade tomorrow", starts_at=now + datetime.timedelta(days=1))
    make_alert("Old notice", starts_at=now - datetime.timedelta(days=2), ends_at=now - datetime.timedelta(days=1))
    make_alert("Expired", live=True).unpublish()
    make_alert("Unfinished", live=False)
    make_alert("Lost dog", severity=Severity.INFORMATION)
    client.force_login(people["emergency"])

    def titles(query):
        html = client.get(reverse(LIST) + query).content.decode()
        names = ["Road closed downtown", "Parade tomorrow", "Old notice", "Expired", "Unfinished", "Lost dog"]
        return {name for name in names if name in html}

    assert titles("?status=showing") == {"Road closed downtown", "Lost dog"}
    assert titles("?status=scheduled") == {"Parade tomorrow"}
    assert titles("?status=ended") == {"Old notice", "Expired"}
    assert titles("?status=draft") == {"Unfinished"}
    assert titles("?severity=information") == {"Lost dog"}
    assert titles("?q=parade") == {"Parade tomorrow"}

    def listing_queries():
        client.get(reverse(LIST))  # warm the caches that publishing alerts empties
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(LIST)).status_code == 200
        return len(queries)

    few = listing_queries()
    assert few <= 15
    for number in range(10):
        make_alert(f"More {number}", Scope.DEPARTMENTS, departments=[people["water"]])
    assert listing_queries() == few

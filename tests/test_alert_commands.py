"""``publish_alert`` and ``expire_alert``, as an on-call script or a notification system runs them.

Good input publishes exactly like the admin (a revision, live, logged); every bad input stops
with a CommandError and writes nothing. The clock is frozen with time-machine where start and
end times matter.
"""

import copy
import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from alerts import active
from alerts.models import Alert, Scope, Severity
from departments.provisioning import create_department
from departments.roles import EMERGENCY_PUBLISHER, setup_site_roles
from home.models import StandardPage
from tests.conftest import add_child

pytestmark = pytest.mark.shared_tree

NOW = datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC)


def publish(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("publish_alert", *args, stdout=out, stderr=err)
    return out.getvalue()


def expire(*args):
    out = io.StringIO()
    call_command("expire_alert", *args, stdout=out)
    return out.getvalue()


BASIC = ["--title", "Boil-water notice", "--message", "Boil tap water before drinking.", "--severity", "warning"]


def actions(alert):
    return [(e.action, e.user_id) for e in ModelLogEntry.objects.for_instance(alert).order_by("pk")]


@pytest.fixture(scope="module", autouse=True)
def water_once(city_once, django_db_blocker):
    """The Water and Sewer department, its roles and one page, provisioned once for the module.

    Autouse, so every test sees the same tree whichever tests run (none of them minds it).
    """
    with django_db_blocker.unblock():
        department, roles, _ = create_department("Water and Sewer")
        page = add_child(department, StandardPage(title="Water quality", slug="water-quality", intro="Tests."))
        return {"department": department, "roles": roles, "page": page}


@pytest.fixture
def water(db, water_once):
    """This test's own copy of the department (tests write inside their own savepoints)."""
    return copy.deepcopy(water_once)


@pytest.mark.django_db
class TestPublish:
    def test_prints_only_the_id_and_publishes_like_the_admin(self, city):
        output = publish(*BASIC)
        alert = Alert.objects.get()
        assert output == f"{alert.pk}\n"
        assert alert.live and alert.live_revision_id and alert.scope == Scope.SITE
        assert alert.dismissible
        assert actions(alert) == [("wagtail.create", None), ("wagtail.publish", None)]
        assert [shown.id for shown in active.for_page(city["home"])] == [alert.pk]

    def test_every_option(self, water):
        with time_machine.travel(NOW, tick=False):
            alert_id = publish(
                *BASIC,
                "--severity",
                "EMERGENCY",
                "--link",
                "https://example.gov/water",
                "--link-text",
                "Water updates",
                "--hotline",
                "Water line=601-555-0100",
                "--hotline",
                "After hours = +1 (601) 555-0199",
                "--department",
                "water-and-sewer",
                "--starts-in",
                "10m",
                "--ends-in",
                "1h30m",
                "--not-dismissible",
            ).strip()
        alert = Alert.objects.get(pk=alert_id)
        assert alert.severity == Severity.EMERGENCY and not alert.dismissible
        assert (alert.link_url, alert.link_text) == ("https://example.gov/water", "Water updates")
        assert [(h.label, h.phone) for h in alert.hotlines.all()] == [
            ("Water line", "601-555-0100"),
            ("After hours", "+1 (601) 555-0199"),
        ]
        assert list(alert.departments.all()) == [water["department"]]
        assert alert.starts_at == NOW + datetime.timedelta(minutes=10)
        assert alert.ends_at == NOW + datetime.timedelta(hours=1, minutes=30)

    def test_pages_by_id_and_path(self, water):
        alert_id = publish(*BASIC, "--page", str(water["page"].pk), "--page", "/departments/water-and-sewer/")
        alert = Alert.objects.get(pk=alert_id.strip())
        assert alert.scope == Scope.PAGES
        assert sorted(alert.page_ids) == sorted([water["page"].pk, water["department"].pk])

    def test_user_is_recorded(self, water, django_user_model):
        groups = setup_site_roles()
        avery = django_user_model.objects.create_user("avery", password="pw")
        avery.groups.add(groups[EMERGENCY_PUBLISHER])
        alert = Alert.objects.get(pk=publish(*BASIC, "--user", "avery").strip())
        assert actions(alert) == [("wagtail.create", avery.pk), ("wagtail.publish", avery.pk)]

    def test_department_publisher_may_only_alert_their_department(self, water, django_user_model):
        robin = django_user_model.objects.create_user("robin", password="pw")
        robin.groups.add(water["roles"].publishers)
        with pytest.raises(CommandError, match="own department"):
            publish(*BASIC, "--user", "robin")
        publish(*BASIC, "--user", "robin", "--department", "water-and-sewer")
        assert Alert.objects.count() == 1

    def test_text_is_kept_as_typed(self, city):
        title = "Avis <b>important</b> — eau 💧"
        message = "<script>alert('x')</script> & « bouillir »"
        alert = Alert.objects.get(pk=publish("--title", title, "--message", message, "--severity", "information"))
        assert (alert.title, alert.message) == (title, message)

    @pytest.mark.parametrize(
        "args, complaint",
        [
            (["--severity", "apocalypse"], "--severity"),
            (["--link", "javascript:alert(1)"], "--link"),
            (["--link", "https://exa mple.gov"], "link_url"),
            (["--hotline", "601-555-0100"], "--hotline"),
            (["--hotline", "Line=<script>"], "phone"),
            (["--hotline", "=601-555-0100"], "--hotline"),
            (["--department", "no-such-department"], "--department"),
            (["--department", "water-and-sewer", "--page", "/departments/"], "not both"),
            (["--page", "/no/such/page/"], "--page"),
            (["--page", "999999"], "--page"),
            (["--title", "x" * 121], "title"),
            (["--message", "x" * 601], "message"),
            (["--title", "Bad\x00title"], "control character"),
            (["--message", "Bad\x00message"], "control character"),
            (["--title", "Two\nlines"], "single line"),
            (["--title", "   "], "must not be empty"),
            (["--starts-in", "soon"], "--starts-in"),
            (["--ends-in", "6x"], "--ends-in"),
            (["--ends-in", "400d"], "at most a year"),
            (["--starts-in", "2h", "--ends-in", "1h"], "after the start"),
            (["--severity", "emergency", "--dismissible"], "never be dismissed"),
            (["--hotline", "A=601-555-0100"] * 6, "at most 5"),
            (["--user", "nobody"], "--user"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_is_saved(self, water, args, complaint):
        with pytest.raises(CommandError, match=complaint):
            publish(*BASIC, *args)
        assert not Alert.objects.exists()
        assert not ModelLogEntry.objects.exists()


@pytest.mark.django_db
class TestExpire:
    def test_expires_logs_and_stops_showing(self, city):
        alert_id = publish(*BASIC).strip()
        assert "Expired alert" in expire(alert_id)
        alert = Alert.objects.get(pk=alert_id)
        assert not alert.live
        assert actions(alert)[-1] == ("alerts.expire", None)
        assert active.for_page(city["home"]) == []
        assert "already ended" in expire(alert_id)
        assert [action for action, _ in actions(alert)].count("alerts.expire") == 1

    def test_user_is_recorded(self, city, django_user_model):
        groups = setup_site_roles()
        avery = django_user_model.objects.create_user("avery", password="pw")
        avery.groups.add(groups[EMERGENCY_PUBLISHER])
        alert_id = publish(*BASIC).strip()
        expire(alert_id, "--user", "avery")
        assert actions(Alert.objects.get(pk=alert_id))[-1] == ("alerts.expire", avery.pk)

    def test_an_alert_past_its_end_has_already_ended(self, city):
        with time_machine.travel(NOW, tick=False):
            alert_id = publish(*BASIC, "--ends-in", "1h").strip()
        with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
            assert "already ended" in expire(alert_id)

    @pytest.mark.parametrize("reference", ["999999", "abc", "-1", "1e9", "\x00", "9" * 40])
    def test_unknown_or_malformed_ids_fail(self, city, reference):
        with pytest.raises(CommandError):
            expire(reference)


@pytest.mark.django_db
def test_scheduled_alert_shows_from_start_to_end_on_the_second(city):
    with time_machine.travel(NOW, tick=False):
        alert_id = int(publish(*BASIC, "--starts-in", "1h", "--ends-in", "3h"))
        assert active.for_page(city["home"]) == []
    start = NOW + datetime.timedelta(hours=1)
    with time_machine.travel(start - datetime.timedelta(seconds=1), tick=False):
        assert active.showing() == []
    with time_machine.travel(start, tick=False):
        assert [a.id for a in active.showing()] == [alert_id]
    with time_machine.travel(NOW + datetime.timedelta(hours=3), tick=False):
        assert active.showing() == []
    assert timezone.is_aware(Alert.objects.get().starts_at)

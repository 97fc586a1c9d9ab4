"""The demo city ships one scheduled alert: a boil-water notice for a water main repair."""

import datetime

import pytest
import time_machine

from alerts import active, status
from alerts.models import Alert
from demo.alerts import BOIL_WATER, seed_alerts
from demo.common import CITY_TZ
from departments.models import DepartmentPage


@pytest.mark.django_db
def test_demo_alert_is_scheduled_for_the_water_department_and_reseeds_idempotently(seeded):
    assert "Alerts (a scheduled boil-water notice): 1 created" in seeded
    alert = Alert.objects.get(title=BOIL_WATER["title"])
    water = DepartmentPage.objects.get(slug="water-sewer")
    assert alert.live and status.status_of(alert) == status.SCHEDULED
    assert list(alert.departments.all()) == [water]
    assert [(h.label, h.phone) for h in alert.hotlines.all()] == [("Water emergency line (24 hours)", "601-555-0120")]
    starts = alert.starts_at.astimezone(CITY_TZ)
    assert (starts.hour, starts.minute) == (6, 0)
    assert starts.date() == datetime.datetime.now(CITY_TZ).date() + datetime.timedelta(days=1)
    assert alert.ends_at > alert.starts_at
    assert active.showing() == []

    with time_machine.travel(alert.starts_at, tick=False):
        shown = active.for_page(water)
        assert [a.id for a in shown] == [alert.pk]
        assert active.for_page(DepartmentPage.objects.exclude(pk=water.pk).first()) == []

    departments = {page.slug: page for page in DepartmentPage.objects.all()}
    revisions = alert.revisions.count()
    assert seed_alerts(departments) == "unchanged"
    assert alert.revisions.count() == revisions and Alert.objects.count() == 1

    # A day later the demo's "tomorrow" moves on, in a new published revision.
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)):
        assert seed_alerts(departments) == "updated"
    alert.refresh_from_db()
    assert alert.revisions.count() == revisions + 1 and Alert.objects.count() == 1
    assert alert.starts_at.astimezone(CITY_TZ).date() == starts.date() + datetime.timedelta(days=1)

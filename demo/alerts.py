"""The demo city's alert: a scheduled boil-water notice for a water main repair.

Scheduled for tomorrow morning in city time, so a fresh demo shows the admin's "Scheduled"
status and the banner appears on its own at 6 a.m. without anyone touching it. Found again
by its title on every run: unchanged data writes nothing; a new day moves it to the new
tomorrow (a new published revision), as relative dates do for the demo's events.
"""

import datetime

from wagtail.actions.create import CreateAction

from demo.common import city_datetime, city_today, phone

WATER_DEPARTMENT_SLUG = "water-sewer"

BOIL_WATER = {
    "title": "Boil-water notice: water main repair on Northside Drive",
    "message": (
        "Crews are replacing a 12-inch water main on Northside Drive between North State Street and "
        "Old Canton Road. Water pressure will be low or off on these streets during the work, and a "
        "precautionary boil-water notice applies until two rounds of clean tests: boil tap water for "
        "one minute before drinking, cooking or brushing teeth."
    ),
    "severity": "warning",
    "scope": "departments",
    "dismissible": True,
    "link_url": "",
    "link_text": "",
    "hotlines": [("Water emergency line (24 hours)", phone(20))],
    "starts": "06:00",
    "ends": "18:00",
}


def _wanted(data, department):
    tomorrow = city_today() + datetime.timedelta(days=1)
    fields = {
        key: data[key] for key in ("title", "message", "severity", "scope", "dismissible", "link_url", "link_text")
    }
    fields["starts_at"] = city_datetime(tomorrow, data["starts"])
    fields["ends_at"] = city_datetime(tomorrow, data["ends"])
    return fields, [department.pk], list(data["hotlines"])


def _current(alert):
    fields = {key: getattr(alert, key) for key in ("title", "message", "severity", "scope", "dismissible")}
    fields.update(link_url=alert.link_url, link_text=alert.link_text, starts_at=alert.starts_at, ends_at=alert.ends_at)
    hotlines = [(row.label, row.phone) for row in alert.hotlines.all()]
    return fields, sorted(alert.departments.values_list("pk", flat=True)), hotlines


def _apply(alert, fields, department_ids, hotlines):
    from alerts.models import AlertHotline
    from departments.models import DepartmentPage

    for key, value in fields.items():
        setattr(alert, key, value)
    alert.departments = list(DepartmentPage.objects.filter(pk__in=department_ids))
    alert.hotlines = [
        AlertHotline(label=label, phone=number, sort_order=i) for i, (label, number) in enumerate(hotlines)
    ]


def seed_alerts(departments):
    """Create or refresh the demo alert; returns "created", "updated" or "unchanged"."""
    from alerts.models import Alert

    department = departments.get(WATER_DEPARTMENT_SLUG)
    if department is None:
        return "unchanged"
    wanted = _wanted(BOIL_WATER, department)
    alert = Alert.objects.filter(title=BOIL_WATER["title"]).order_by("pk").first()
    if alert is None:
        alert = Alert()
        _apply(alert, *wanted)
        CreateAction(alert, publish=True).execute(skip_permission_checks=True)
        return "created"
    if alert.live and not alert.has_unpublished_changes and _current(alert) == wanted:
        return "unchanged"
    _apply(alert, *wanted)
    alert.save_revision(log_action=True).publish()
    return "updated"

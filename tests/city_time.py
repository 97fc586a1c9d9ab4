"""The city's clock for event tests: local times in Jackson and its daylight-saving change."""

import datetime
import zoneinfo

from django.utils import timezone

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def local(*args):
    return datetime.datetime(*args, tzinfo=CHICAGO)


def next_year():
    return timezone.localdate().year + 1


def first_sunday_of_november(year):
    """When the clocks go back in Jackson (2 a.m. CDT becomes 1 a.m. CST)."""
    return next(datetime.date(year, 11, d) for d in range(1, 8) if datetime.date(year, 11, d).weekday() == 6)

"""Dates for the events index: the ``?from=&to=`` range filter and the month calendar.

Both work in the city's time zone (settings.TIME_ZONE): a day is the city's midnight to midnight,
so an event at 11 p.m. on the 3rd is on the 3rd even though it is the 4th in UTC, and a month that
crosses a daylight-saving change still starts and ends at local midnight.

Nothing here trusts the query string: a malformed or out-of-range value gives a message for the
form to show next to its field, and is then ignored (never a 500).
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

#: The years a date filter or a month page may name; outside them is a typo or a crawler.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: The longest date range the list view accepts (two years, a leap day included).
MAX_RANGE_DAYS = 731
#: ASCII digits only: ``\d`` would also take "²" or Arabic-Indic digits, which ``date`` refuses.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
#: US city: weeks start on Sunday.
FIRST_WEEKDAY = calendar.SUNDAY


def day_start(day):
    """The city's midnight at the start of ``day``, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def parse_day(raw):
    """``(date, None)`` for a YYYY-MM-DD date within FIRST_YEAR..LAST_YEAR, else ``(None, message)``."""
    if not _ISO_DAY.fullmatch(raw):
        return None, "Enter a real date, such as March 14, 2026."
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None, "That date does not exist. Enter a real date, such as March 14, 2026."
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None, f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}."
    return day, None


@dataclass
class DateRange:
    """The list view's date filter: the accepted days, and a message per refused field."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    errors: dict = field(default_factory=dict)

    @property
    def active(self):
        return bool(self.start or self.end)

    def narrow(self, events):
        """Events that happen on any day from ``start`` to ``end`` (inclusive, city time)."""
        if self.start:
            events = events.filter(end__gte=day_start(self.start))
        if self.end:
            events = events.filter(start__lt=day_start(self.end + datetime.timedelta(days=1)))
        return events


def date_range(raw_from, raw_to):
    """Read ``?from=`` and ``?to=`` (already cut short and stripped of NUL bytes) into a DateRange."""
    result = DateRange()
    if raw_from:
        result.start, message = parse_day(raw_from)
        if message:
            result.errors["from"] = message
    if raw_to:
        result.end, message = parse_day(raw_to)
        if message:
            result.errors["to"] = message
    if result.start and result.end:
        if result.end < result.start:
            result.errors["to"] = "The end date must be on or after the start date."
            result.end = None
        elif (result.end - result.start).days >= MAX_RANGE_DAYS:
            result.errors["to"] = "Choose a range of two years or less."
            result.end = None
    return result


def month_bounds(year, month):
    """The first day of the month and the first day of the next (dates)."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, following


def neighbour_months(year, month):
    """``(previous, next)`` as (year, month) tuples, None past FIRST_YEAR..LAST_YEAR."""
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return (
        previous if previous[0] >= FIRST_YEAR else None,
        following if following[0] <= LAST_YEAR else None,
    )


def event_days(event, first, last):
    """The city days from ``first`` to ``last`` (inclusive) that the event touches.

    A timed event ending at exactly midnight does not reach into the day that midnight begins; an
    all-day event runs through the date of its end, as its calendar file says (events/ical.py).
    """
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    last_day = max(end.date(), start.date())
    if not event.all_day and end.time() == datetime.time.min and end > start:
        last_day -= datetime.timedelta(days=1)
    day = max(start.date(), first)
    last_day = min(last_day, last)
    while day <= last_day:
        yield day
        day += datetime.timedelta(days=1)


@dataclass
class Entry:
    """One event on one day of the month: what the day's cell says about it."""

    event: object
    #: "start" (first day, shows its start time), "middle" (all of the day) or "end" (ends this day).
    part: str

    @property
    def local_start(self):
        return timezone.localtime(self.event.start)

    @property
    def local_end(self):
        return timezone.localtime(self.event.end)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)


def month_grid(year, month, events, today=None):
    """Weeks (lists of seven Days, Sunday first) of the month, with each event on every day it spans.

    ``events`` is one ordered iterable (one query); days of the neighbouring months that fill the
    first and last weeks are ``in_month=False`` and hold no events.
    """
    today = today or timezone.localdate()
    first, following = month_bounds(year, month)
    last = following - datetime.timedelta(days=1)
    by_date = {}
    for event in events:
        days = list(event_days(event, first, last))
        start_day = timezone.localtime(event.start).date()
        for day in days:
            if event.all_day or day == start_day:
                part = "start"
            elif day == days[-1] and day == timezone.localtime(event.end).date():
                part = "end"
            else:
                part = "middle"
            by_date.setdefault(day, []).append(Entry(event, part))
    weeks = calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(year, month)
    return [
        [Day(day, day.month == month, day == today, by_date.get(day, []) if day.month == month else []) for day in week]
        for week in weeks
    ]


def weekday_names():
    """(full, short) weekday names in the grid's order, Sunday first, in the active language."""
    order = [(FIRST_WEEKDAY + i) % 7 for i in range(7)]
    return [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in order]


#: An event longer than this many months is listed on its first ones only, as far as purges go.
MAX_PURGED_MONTHS = 24


def months_spanned(event):
    """``"YYYY-MM"`` for each month an event's days (every date of a repeating one) fall in, in the
    city's time zone (at most ``MAX_PURGED_MONTHS``): the month pages that show it."""
    first = timezone.localtime(event.start).date()
    # A repeating event's last date ends at ``last_end``; a single event's at ``end``.
    end = getattr(event, "last_end", None) or event.end
    last = timezone.localtime(end).date() if end and end > event.start else first
    year, month = first.year, first.month
    months = []
    while (year, month) <= (last.year, last.month) and len(months) < MAX_PURGED_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months

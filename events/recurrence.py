"""Repeating events: the rule an editor sets, the dates it gives, and the same rule for calendar apps.

A Council that "meets the 1st and 3rd Tuesday at 6 p.m." is one event page with a rule, not a
copy page per meeting. The rule is read in the city's wall-clock time (``settings.TIME_ZONE``):
6 p.m. stays 6 p.m. on both sides of a daylight-saving change, as it does in the calendar file,
where the same rule is an ``RRULE`` on a ``DTSTART`` with the city's ``TZID`` (events/ical.py).

Dates come from ``dateutil.rrule``, the RFC 5545 implementation that ``icalendar`` and
``recurring-ical-events`` also build on, so the site and a subscriber's calendar app agree.

Every rule ends, with a last date or a number of dates, and within ``MAX_YEARS`` and
``MAX_DATES``: a city's listings, month pages and feeds are built from the stored dates
(``events.models.EventOccurrence``), and "for ever" would have no last row.
"""

import datetime
from dataclasses import dataclass

from dateutil import rrule
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import get_text_list

WEEKLY, MONTHLY = "weekly", "monthly"
REPEAT_CHOICES = [("", "Does not repeat"), (WEEKLY, "Weekly"), (MONTHLY, "Monthly")]

#: RFC 5545 day codes, Monday first as Python counts them (``date.weekday()``).
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Shown Sunday first, as the month calendar is.
DAY_CHOICES = [(DAY_CODES[i], DAY_NAMES[i]) for i in (6, 0, 1, 2, 3, 4, 5)]
WEEK_CHOICES = [("1", "1st"), ("2", "2nd"), ("3", "3rd"), ("4", "4th"), ("-1", "Last")]
_WEEK_WORDS = dict(WEEK_CHOICES)

#: The longest a rule may run, and the most dates it may give (five years of weekly meetings).
MAX_YEARS = 5
MAX_DATES = 260


class ChoiceListFormField(forms.MultipleChoiceField):
    """Check boxes whose ticked values are kept as one comma-separated string ("MO,WE")."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return split(value) if isinstance(value, str) else value

    def to_python(self, value):
        return split(value) if isinstance(value, str) else super().to_python(value)

    def clean(self, value):
        chosen = set(super().clean(value))
        # Kept in the choices' order, whatever order the browser sent them in.
        return ",".join(code for code, _ in self.choices if code in chosen)

    def has_changed(self, initial, data):
        return super().has_changed(split(initial) if isinstance(initial, str) else initial, data)


class ChoiceListField(models.CharField):
    """A set of fixed codes (week days, weeks of the month) in one column, edited as check boxes.

    The choices are the form field's, not the model field's: Django would otherwise refuse
    "MO,WE", which is not one of them.
    """

    def __init__(self, *args, codes=(), **kwargs):
        self.codes = list(codes)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["codes"] = self.codes
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return ChoiceListFormField(
            choices=self.codes,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name[:1].upper() + self.verbose_name[1:]),
            help_text=self.help_text,
        )


def wall_clock(moment):
    """An aware ``moment`` as a naive datetime on the city's wall clock: the rule's arithmetic is local."""
    return timezone.localtime(moment).replace(tzinfo=None)


def next_or_last(dates, now):
    """The first of ``dates`` (in order) that has not ended by ``now``, else the last, else None."""
    return next((date for date in dates if date.end >= now), dates[-1] if dates else None)


def split(value):
    return [part for part in (value or "").split(",") if part]


@dataclass(frozen=True)
class Rule:
    """How an event repeats, read from its page (``EventPage.rule``)."""

    frequency: str
    interval: int = 1
    days: tuple = ()
    weeks: tuple = ()
    until: datetime.date | None = None
    count: int | None = None

    @classmethod
    def of(cls, page):
        if page.repeat not in (WEEKLY, MONTHLY):
            return None
        return cls(
            frequency=page.repeat,
            interval=max(1, page.repeat_interval or 1),
            days=tuple(split(page.repeat_days)),
            weeks=tuple(int(week) for week in split(page.repeat_weeks)),
            until=page.repeat_until,
            count=page.repeat_count,
        )

    def _days_for(self, first):
        """The chosen days, else the first date's own day."""
        return self.days or (DAY_CODES[first.weekday()],)

    def _rrule_arguments(self, first):
        """``dateutil.rrule`` arguments for this rule from ``first`` (a naive local datetime)."""
        days = [getattr(rrule, code) for code in self._days_for(first)]
        arguments = {"interval": self.interval, "dtstart": first, "cache": False}
        if self.frequency == WEEKLY:
            arguments["freq"] = rrule.WEEKLY
            arguments["byweekday"] = days
        else:
            arguments["freq"] = rrule.MONTHLY
            if self.weeks:
                arguments["byweekday"] = [day(week) for week in self.weeks for day in days]
            else:
                arguments["bymonthday"] = first.day
        if self.until:
            arguments["until"] = datetime.datetime.combine(self.until, datetime.time.max)
        if self.count:
            arguments["count"] = self.count
        return arguments

    def starts(self, first):
        """The local (naive) start of every date, from ``first`` (a naive local datetime), at most MAX_DATES."""
        dates = []
        for moment in rrule.rrule(**self._rrule_arguments(first)):
            dates.append(moment)
            if len(dates) >= MAX_DATES:
                break
        return dates

    def ical(self, first, all_day):
        """The ``RRULE`` value (a dict for ``icalendar.vRecur``) for a ``DTSTART`` of ``first`` (naive local)."""
        days = self._days_for(first)
        value = {"FREQ": self.frequency.upper()}
        if self.interval > 1:
            value["INTERVAL"] = self.interval
        if self.frequency == WEEKLY:
            value["BYDAY"] = list(days)
        elif self.weeks:
            value["BYDAY"] = [f"{week}{day}" for week in self.weeks for day in days]
        else:
            value["BYMONTHDAY"] = first.day
        if self.until:
            if all_day:
                value["UNTIL"] = self.until
            else:
                # With a TZID on DTSTART, UNTIL must be UTC (RFC 5545 §3.3.10): the end of the last day.
                last = timezone.make_aware(datetime.datetime.combine(self.until, datetime.time(23, 59, 59)))
                value["UNTIL"] = last.astimezone(datetime.UTC)
        if self.count:
            value["COUNT"] = self.count
        return value

    def describe(self, first):
        """The rule in words: "Every 1st and 3rd Tuesday of the month, until June 16, 2027"."""
        day_names = [DAY_NAMES[DAY_CODES.index(code)] for code in self._days_for(first)]
        if self.frequency == WEEKLY:
            every = "Every week" if self.interval == 1 else f"Every {self.interval} weeks"
            text = f"{every} on {get_text_list(day_names, 'and')}"
        else:
            every = "of the month" if self.interval == 1 else f"of every {self.interval} months"
            if self.weeks:
                weeks = get_text_list([_WEEK_WORDS[str(week)] for week in self.weeks], "and").replace("Last", "last")
                text = f"Every {weeks} {get_text_list(day_names, 'and')} {every}"
            else:
                text = f"On day {first.day} {every}"
        if self.until:
            text += f", until {self.until:%B} {self.until.day}, {self.until.year}"
        elif self.count:
            text += f", {self.count} times"
        return text

    def schedule(self, first, last_date, duration):
        """A schema.org ``Schedule`` for the rule (``eventSchedule`` on the event's JSON-LD)."""
        data = {
            "@type": "Schedule",
            "repeatFrequency": f"P{self.interval}W" if self.frequency == WEEKLY else f"P{self.interval}M",
            "byDay": [f"https://schema.org/{DAY_NAMES[DAY_CODES.index(code)]}" for code in self._days_for(first)],
            "startDate": first.date().isoformat(),
            "startTime": first.strftime("%H:%M"),
            "endTime": (first + duration).strftime("%H:%M"),
            "scheduleTimezone": timezone.get_current_timezone_name(),
        }
        if self.frequency == MONTHLY:
            if self.weeks:
                # schema.org has no "1st Tuesday": byMonthWeek says which weeks.
                data["byMonthWeek"] = list(self.weeks)
            else:
                del data["byDay"]
                data["byMonthDay"] = first.day
        if last_date:
            data["endDate"] = last_date.isoformat()
        if self.count:
            data["repeatCount"] = self.count
        return data


def problems(rule, first, last):
    """What is wrong with ``rule`` for a first date from ``first`` to ``last`` (naive local datetimes),
    as {field: message}; empty when it is fine."""
    errors = {}
    if rule.until is None and not rule.count:
        errors["repeat_until"] = "Say when it stops repeating: a last date or a number of times."
    if rule.until and rule.count:
        errors["repeat_count"] = "Give a last date or a number of times, not both."
    if rule.until and rule.until < first.date():
        errors["repeat_until"] = "The last date cannot be before the first."
    if rule.until and rule.until > first.date() + datetime.timedelta(days=365 * MAX_YEARS + 1):
        errors["repeat_until"] = f"A repeating event can run for {MAX_YEARS} years at most."
    if rule.count and rule.count > MAX_DATES:
        errors["repeat_count"] = f"A repeating event can have {MAX_DATES} dates at most."
    if rule.frequency == MONTHLY and rule.weeks and not rule.days:
        errors["repeat_days"] = "Choose the day of the week, for example Tuesday for “the 1st and 3rd Tuesday”."
    if last.date() > first.date() + datetime.timedelta(days=6):
        errors["end"] = "A repeating event's dates each last less than a week; end it on its first date."
    if errors:
        return errors
    starts = rule.starts(first)
    if not starts or starts[0] != first:
        what = first.strftime("%A, %B ") + str(first.day)
        field = "repeat_weeks" if rule.frequency == MONTHLY and rule.weeks else "repeat_days"
        errors[field] = f"The first date ({what}) must be one of the dates the event repeats on."
    elif len(starts) > 1 and min(b - a for a, b in zip(starts, starts[1:], strict=False)) < last - first:
        errors["end"] = "Each date must end before the next one starts."
    return errors

"""The event page's admin form: a repeating event's date changes must name dates the rule gives."""

from types import SimpleNamespace

from wagtail.admin.forms import WagtailAdminPageForm

from events import recurrence


class EventPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("date_changes")
        if formset is None or not formset.is_valid():
            return cleaned
        changes = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        start, end = cleaned.get("start"), cleaned.get("end")
        rule = recurrence.Rule.of(SimpleNamespace(**{name: cleaned.get(name) for name in _RULE_FIELDS}))
        if not changes or start is None or end is None:
            return cleaned
        if rule is None:
            self.add_error("repeat", "Date changes are for repeating events: choose how the event repeats.")
            return cleaned
        if recurrence.problems(rule, recurrence.wall_clock(start), recurrence.wall_clock(end)):
            return cleaned  # the page's own clean() reports those
        scheduled = {moment.date() for moment in rule.starts(recurrence.wall_clock(start))}
        seen = set()
        for form in changes:
            data = form.cleaned_data
            day = data.get("date")
            if day is None:
                continue
            if day not in scheduled:
                form.add_error("date", f"The event does not repeat on {day:%A, %B} {day.day}, {day.year}.")
            elif day in seen:
                form.add_error("date", "This date already has a change.")
            seen.add(day)
            if data.get("change") == "moved":
                if not data.get("new_start"):
                    form.add_error("new_start", "Say when the date moves to.")
                elif data.get("new_end") and data["new_end"] < data["new_start"]:
                    form.add_error("new_end", "It cannot end before it starts.")
        return cleaned


_RULE_FIELDS = ("repeat", "repeat_interval", "repeat_days", "repeat_weeks", "repeat_until", "repeat_count")

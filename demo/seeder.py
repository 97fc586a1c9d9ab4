"""Turn the demo data modules into a published page tree.

Each ``seed_*`` method handles one area and returns a tally of created,
updated and unchanged pages, so the management command can report progress
per area. Everything goes through ``upsert``, so a second run changes nothing
unless the data (or today's date, for relative dates) changed.
"""

import datetime
from collections import Counter
from types import SimpleNamespace

from django.apps import apps
from wagtail.models import Page, Site

from demo import city, events, news
from demo.common import CITY_NAME, city_datetime, city_today, rich_list
from demo.departments import DEPARTMENTS
from demo.images import alt_text, demo_image
from demo.upsert import KEPT, update, upsert

#: Short main-navigation labels for index pages whose titles are long (the rest use their titles).
MENU_TITLES = {"faq": "FAQ", "directory": "Directory"}


def stream_steps(steps):
    return [
        {"type": "step", "value": {"title": title, "detail": f"<p>{detail}</p>" if detail else ""}}
        for title, detail in steps
    ]


def _repeating(fields, repeat, today):
    """Fill in a demo event's repeat rule, its first date moved onto the rule; returns its date changes.

    ``repeat`` holds the rule's ``repeat``/``days``/``weeks``, its end as ``until_day`` (days from
    today) or ``count``, and ``changes``: ``(n, change, note)`` for the n-th date after today,
    a moved one going to the next day at the same time.
    """
    from events.recurrence import Rule

    fields.update(
        repeat=repeat["repeat"],
        repeat_days=repeat.get("days", ""),
        repeat_weeks=repeat.get("weeks", ""),
        repeat_until=today + datetime.timedelta(days=repeat["until_day"]) if "until_day" in repeat else None,
        repeat_count=repeat.get("count"),
    )
    length = fields["end"] - fields["start"]
    first = fields["start"].replace(tzinfo=None)
    open_ended = Rule(
        frequency=fields["repeat"],
        days=tuple(code for code in fields["repeat_days"].split(",") if code),
        weeks=tuple(int(week) for week in fields["repeat_weeks"].split(",") if week),
    )
    first = open_ended.starts(first)[0]
    fields["start"] = fields["start"].replace(year=first.year, month=first.month, day=first.day)
    fields["end"] = fields["start"] + length
    dates = Rule.of(SimpleNamespace(**fields)).starts(first)
    after_today = [moment for moment in dates if moment.date() > today]
    changes = []
    for number, change, note in repeat.get("changes", ()):
        moment = after_today[number - 1]
        row = {"date": moment.date(), "change": change, "new_start": None, "new_end": None, "note": note}
        if change == "moved":
            row["new_start"] = city_datetime(moment.date() + datetime.timedelta(days=1), f"{moment:%H:%M}")
        changes.append(row)
    return changes


class DemoSeeder:
    """Builds the demo city. Keeps handles on the pages later areas link to."""

    def __init__(self, *, force=False, only=None):
        #: None builds the whole city; {"departments": {slug: page slugs, or None for all},
        #: "news": slugs, "events": slugs} builds just those (demo/sample.py, the slice tests
        #: use). Index and standard pages, the home page and settings are always built.
        self.only = only
        #: Overwrite pages a person edited (``seed_demo --force``); otherwise they are kept.
        self.force = force
        #: Pages left alone because a person edited them, in the order met.
        self.kept = []
        self.home = None
        self.indexes = {}
        self.departments = {}
        self.services = {}
        self.standard_pages = {}

    def _wanted(self, area, slug):
        return self.only is None or slug in self.only.get(area, ())

    def _wanted_in(self, department_slug, slug):
        """Whether a page of the department's subtree belongs to the city being built."""
        if self.only is None:
            return True
        pages = self.only["departments"][department_slug]
        return pages is None or slug in pages

    def _upsert(self, parent, model, slug, fields, **options):
        page, status = upsert(parent, model, slug, fields, force=self.force, **options)
        if status == KEPT:
            self.kept.append(page)
        return page, status

    def _update(self, page, fields, **options):
        status = update(page, fields, force=self.force, **options)
        if status == KEPT and page not in self.kept:
            self.kept.append(page)
        return status

    # -- city frame -----------------------------------------------------

    def seed_alerts(self):
        from demo.alerts import seed_alerts

        return Counter([seed_alerts(self.departments)])

    def seed_home(self):
        from home.models import HomePage

        tally = Counter()
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title=city.HOME["title"], slug="home"))
            tally["created"] += 1
        self.home = home
        tally[self._update(home, dict(city.HOME))] += 1

        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        wanted = {"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": CITY_NAME}
        if any(getattr(site, key) != value for key, value in wanted.items()) or site.pk is None:
            for key, value in wanted.items():
                setattr(site, key, value)
            site.save()
        return tally

    def seed_indexes(self):
        tally = Counter()
        for label, slug, title, intro in city.INDEX_PAGES:
            model = apps.get_model(label)
            page, status = self._upsert(
                self.home,
                model,
                slug,
                {"title": title, "intro": intro, "show_in_menus": True, "menu_title": MENU_TITLES.get(slug, "")},
            )
            self.indexes[slug] = page
            tally[status] += 1
        return tally

    def seed_standard_pages(self):
        from home.models import StandardPage

        tally = Counter()
        for data in city.STANDARD_PAGES:
            fields = {key: value for key, value in data.items() if key != "slug"}
            page, status = self._upsert(self.home, StandardPage, data["slug"], fields)
            self.standard_pages[data["slug"]] = page
            tally[status] += 1
        return tally

    # -- departments ----------------------------------------------------

    def seed_departments(self):
        from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
        from forms.models import FormPage

        tally = Counter()
        parent = self.indexes["departments"]
        for data in DEPARTMENTS:
            if not self._wanted("departments", data["slug"]):
                continue
            subtree = {"services", "contacts", "faqs", "forms"}
            fields = {key: value for key, value in data.items() if key not in subtree | {"slug"}}
            fields.setdefault("form_notification_emails", data["email"])
            fields.setdefault("feedback_emails", data["email"])
            dept, status = self._upsert(parent, DepartmentPage, data["slug"], fields)
            self.departments[data["slug"]] = dept
            tally[status] += 1

            forms = {}
            for form in data.get("forms", []):
                if not self._wanted_in(data["slug"], form["slug"]):
                    continue
                form_fields = {
                    "title": form["title"],
                    "intro": form["intro"],
                    "thank_you_text": form["thank_you_text"],
                    "confirmation_email_text": form.get("confirmation_email_text", ""),
                    "reference_prefix": form.get("reference_prefix", ""),
                    "to_address": form.get("to_address", data["email"]),
                    "from_address": form.get("from_address", "no-reply@jackson.example.gov"),
                    "subject": form.get("subject", f"New submission: {form['title']}"),
                }
                page, status = self._upsert(dept, FormPage, form["slug"], form_fields, form_fields=form["fields"])
                forms[form["slug"]] = page
                tally[status] += 1

            for service in data["services"]:
                if not self._wanted_in(data["slug"], service["slug"]):
                    continue
                action_form = service.get("action_form")
                fields = {
                    "title": service["title"],
                    "intro": service["intro"],
                    "audience": service.get("audience", ""),
                    "steps": stream_steps(service.get("steps", [])),
                    "cost": service.get("cost", ""),
                    "documents_needed": rich_list(service["documents"]) if service.get("documents") else "",
                    "action_type": service["action_type"],
                    "action_label": service.get("action_label", ""),
                    "action_page": forms.get(action_form) if action_form else None,
                    "action_url": service.get("action_url", ""),
                    "body": service.get("body", []),
                }
                page, status = self._upsert(dept, ServicePage, service["slug"], fields)
                self.services[(data["slug"], service["slug"])] = page
                tally[status] += 1

            for contact in data["contacts"]:
                if not self._wanted_in(data["slug"], contact["slug"]):
                    continue
                fields = {
                    "title": contact["title"],
                    "kind": contact.get("kind", "person"),
                    "role": contact.get("role", ""),
                    "phone": contact.get("phone", ""),
                    "email": contact.get("email", ""),
                    "street_address": contact.get("street_address", data["street_address"]),
                    "office_hours": contact.get("office_hours", data["office_hours"]),
                    "body": contact.get("body", []),
                }
                _, status = self._upsert(dept, ContactPage, contact["slug"], fields)
                tally[status] += 1

            for faq in data["faqs"]:
                if not self._wanted_in(data["slug"], faq["slug"]):
                    continue
                fields = {"title": faq["title"], "answer": faq["answer"]}
                _, status = self._upsert(dept, FAQPage, faq["slug"], fields, tags=faq.get("tags", []))
                tally[status] += 1
        return tally

    # -- home-page links and settings ----------------------------------

    def seed_top_tasks_and_settings(self):
        from home.models import CitySettings

        tally = Counter()
        tasks = []
        for label, description, dept_slug, service_slug in city.TOP_TASKS:
            service = self.services.get((dept_slug, service_slug))
            if service is None:  # a department left out of a partial city
                continue
            tasks.append(
                {"type": "task", "value": {"label": label, "description": description, "page": service.pk, "url": ""}}
            )
        self.home.refresh_from_db()
        self.home = self.home.specific
        tally[self._update(self.home, {"top_tasks": tasks})] += 1

        site = Site.objects.get(is_default_site=True)
        settings = CitySettings.for_site(site)
        wanted = dict(city.SETTINGS)
        wanted["accessibility_page_id"] = self.standard_pages["accessibility"].pk
        wanted["privacy_page_id"] = self.standard_pages["privacy"].pk
        if any(getattr(settings, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(settings, key, value)
            settings.save()
        return tally

    # -- news and events -------------------------------------------------

    def _parent_for(self, item, index_slug):
        dept = item.get("department")
        return self.departments[dept] if dept else self.indexes[index_slug]

    def seed_news(self, today=None):
        from news.models import NewsPage

        today = today or city_today()
        tally = Counter()
        themes = {theme for slug, theme in news.NEWS_IMAGES.items() if self._wanted("news", slug)}
        images = {theme: demo_image(theme) for theme in sorted(themes)}
        for item in news.NEWS:
            if not self._wanted("news", item["slug"]):
                continue
            theme = news.NEWS_IMAGES.get(item["slug"])
            fields = {
                "title": item["title"],
                "date": today - datetime.timedelta(days=item["days_ago"]),
                "summary": item["summary"],
                "body": item["body"],
                "image": images[theme] if theme else None,
                "image_alt": alt_text(theme) if theme else "",
            }
            parent = self._parent_for(item, "news")
            _, status = self._upsert(parent, NewsPage, item["slug"], fields, tags=item.get("tags", []))
            tally[status] += 1
        self._feature_stories(NewsPage)
        return tally

    def _feature_stories(self, news_model):
        """Put the demo's featured stories first on the home page, as an editor would choose them."""
        home = getattr(self, "home", None)
        stories = {page.slug: page for page in news_model.objects.filter(slug__in=news.FEATURED)}
        rows = [{"story_id": stories[slug].pk} for slug in news.FEATURED if slug in stories]
        if home is not None and rows:
            self._update(home, {}, children={"featured_stories": rows})

    def seed_events(self, today=None):
        from events.models import EventPage

        today = today or city_today()
        tally = Counter()
        for item in events.EVENTS:
            if not self._wanted("events", item["slug"]):
                continue
            day = today + datetime.timedelta(days=item["day"])
            if "weekday" in item:
                day += datetime.timedelta(days=(item["weekday"] - day.weekday()) % 7)
            if item.get("all_day"):
                last_day = day + datetime.timedelta(days=item.get("days", 1) - 1)
                start, end = city_datetime(day, "00:00"), city_datetime(last_day, "23:59")
            else:
                start, end = city_datetime(day, item["start"]), city_datetime(day, item["end"])
            fields = {
                "title": item["title"],
                "start": start,
                "end": end,
                "all_day": bool(item.get("all_day")),
                "summary": item["summary"],
                "venue_name": item.get("venue_name", ""),
                "venue_address": item.get("venue_address", ""),
                "online_url": item.get("online_url", ""),
                "cost": item.get("cost", "Free"),
                "registration_url": item.get("registration_url", ""),
                "canceled": bool(item.get("canceled")),
                "what_to_bring": item.get("what_to_bring", ""),
                "accessibility": item.get("accessibility", ""),
                "body": item.get("body", []),
                "repeat": "",
                "repeat_interval": 1,
                "repeat_days": "",
                "repeat_weeks": "",
                "repeat_until": None,
                "repeat_count": None,
            }
            changes = []
            if "repeat" in item:
                changes = _repeating(fields, item["repeat"], today)
            parent = self._parent_for(item, "events")
            _, status = self._upsert(
                parent,
                EventPage,
                item["slug"],
                fields,
                tags=item.get("tags", []),
                children={"date_changes": changes},
            )
            tally[status] += 1
        return tally

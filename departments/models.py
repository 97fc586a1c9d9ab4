"""Departments, the services they offer, their FAQs and contact directory.

Department content lives inside the department's subtree; the city-wide index
pages (/departments/, /services/, /faq/, /directory/) aggregate across the
whole tree, so nothing is entered twice.
"""

from django.db import models
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FormMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import freshness, structured_data
from core.blocks import BodyBlock, StepBlock
from core.listings import (
    filter_by_department_and_topic,
    live_departments,
    paginate,
    query_value,
    selected_department,
)
from core.pages import BasePage, MenuTitleMixin
from core.text import phone_search_text as phone_index_text

DEPARTMENT_CHILD_TYPES = [
    "departments.ServicePage",
    "departments.FAQPage",
    "departments.ContactPage",
    "news.NewsPage",
    "events.EventPage",
    "forms.FormPage",
    "home.StandardPage",
]


#: How long a department page's listings are kept (a publish forgets them at once; see core.freshness).
LISTINGS_KEEP_SECONDS = 60


def group_by_department(pages, departments):
    """``[{"department": page or None, "anchor": str, "pages": [...]}]``: pages by the department that holds them.

    Departments come in title order; pages outside any department come last, under None.
    ``departments`` is the list the view already loaded, so grouping costs no query.
    """
    groups = {}
    for page in pages:
        owner = None
        for department in departments:
            if page.path.startswith(department.path) and (owner is None or department.depth > owner.depth):
                owner = department
        groups.setdefault(owner.pk if owner else None, (owner, []))[1].append(page)
    ordered = [groups[d.pk] for d in departments if d.pk in groups]
    if None in groups:
        ordered.append(groups[None])
    return [
        {"department": owner, "anchor": f"faq-{owner.slug}" if owner else "faq-general", "pages": items}
        for owner, items in ordered
    ]


class DepartmentIndexPage(MenuTitleMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["departments.DepartmentPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = live_departments()
        return context


class DepartmentPage(BasePage):
    intro = models.TextField("Short description", max_length=500)
    director_name = models.CharField("Director or head", max_length=120, blank=True)
    director_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    street_address = models.TextField(max_length=300, blank=True)
    office_hours = models.CharField(max_length=200, blank=True)
    body = StreamField(BodyBlock(), blank=True)
    feedback_emails = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated staff addresses told about new problem reports for this department's pages.",
    )
    form_notification_emails = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated staff addresses told about new submissions to this department's forms.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("director_name"), FieldPanel("director_title")], heading="Leadership"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("street_address"), FieldPanel("office_hours")],
            heading="Contact details",
        ),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("feedback_emails"), FieldPanel("form_notification_emails")], heading="Staff notifications"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("intro", boost=1.5),
        index.SearchField("director_name"),
        index.SearchField("director_title"),
        index.SearchField("phone"),
        index.SearchField("phone_search_text", boost=1.5),
        index.SearchField("email"),
        index.SearchField("street_address"),
        index.SearchField("office_hours"),
        index.SearchField("body"),
    ]

    parent_page_types = ["departments.DepartmentIndexPage"]
    subpage_types = DEPARTMENT_CHILD_TYPES
    api_fields = [
        APIField(name)
        for name in ("intro", "director_name", "director_title", "phone", "email", "street_address", "office_hours")
    ] + [APIField("body")]
    type_label = "Department"
    #: Its forms, three latest stories and next three events, from the forms, news and events apps.
    contributed_context = {"forms": None, "latest_news": 3, "upcoming_events": 3}

    def listing_summary(self):
        return self.intro

    def phone_search_text(self):
        """The phone number as digits, so it is found however it is typed (see core.text)."""
        return phone_index_text(self.phone)

    def reference(self, describer):
        """The department named and linked: another page's provider, organizer, publisher or employer."""
        return {"@type": "GovernmentOrganization", "name": self.title, "url": describer.page_url(self)}

    def linked_data(self, describer):
        data = structured_data.organization(
            self.title,
            describer.page_url(self),
            phone=self.phone,
            email=self.email,
            address=self.street_address,
            hours=self.office_hours,
        )
        data["description"] = self.intro
        if describer.organization:
            data["parentOrganization"] = describer.organization
        return {"@context": structured_data.SCHEMA, **data}

    @staticmethod
    def _split_emails(value):
        return [address.strip() for address in value.split(",") if address.strip()]

    @property
    def feedback_recipients(self):
        return self._split_emails(self.feedback_emails)

    @property
    def form_recipients(self):
        return self._split_emails(self.form_notification_emails)

    def _descendants(self, model):
        return model.objects.live().public().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        def listings():
            return {
                "services": list(self._descendants(ServicePage).order_by("title")),
                "contacts": list(self._descendants(ContactPage).order_by("title")),
                "faqs": list(self._descendants(FAQPage).order_by("title")),
            }

        # Its forms, latest news and upcoming events come from those apps (core.page_context),
        # through ``contributed_context``.
        context = super().get_context(request, *args, **kwargs)
        # Listings that change only when a page is published, moved or unpublished (which bumps
        # the content version) are kept under it.
        context.update(freshness.kept(f"department-listings:{self.pk}", LISTINGS_KEEP_SECONDS, listings))
        return context


class ServiceIndexPage(MenuTitleMixin, BasePage):
    """The digital services center: every service the city offers, by department."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["departments.ServicePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = ServicePage.objects.live().public().order_by("title")
        department = selected_department(request)
        if department:
            services = services.descendant_of(department)
        action = request.GET.get("action", "")
        if action in dict(ServicePage.ACTION_CHOICES):
            services = services.filter(action_type=action)
        else:
            action = ""
        context.update(
            services=paginate(request, services, per_page=50),
            departments=live_departments(),
            selected_department=department,
            action_choices=ServicePage.ACTION_CHOICES,
            selected_action=action,
        )
        return context


class ServicePage(BasePage):
    ACTION_CHOICES = [
        ("apply", "Apply"),
        ("pay", "Pay"),
        ("report", "Report"),
        ("request", "Request"),
        ("register", "Register"),
        ("schedule", "Schedule"),
        ("learn", "Learn more"),
    ]

    intro = models.TextField("What it is", max_length=600)
    audience = models.TextField("Who it is for", max_length=600, blank=True)
    steps = StreamField([("step", StepBlock())], blank=True, help_text="The steps to complete it, in order.")
    cost = models.CharField(max_length=200, blank=True, help_text="For example “Free” or “$25 per permit”.")
    documents_needed = RichTextField(features=["ul", "ol", "bold", "italic", "link"], blank=True)
    action_type = models.CharField("Primary action", max_length=20, choices=ACTION_CHOICES, default="apply")
    action_label = models.CharField(
        max_length=80, blank=True, help_text="Button text; defaults to the action, e.g. “Apply online”."
    )
    action_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A form or page on this site.",
    )
    action_url = models.URLField(blank=True, help_text="An external system, used when no page is chosen.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("audience"),
        FieldPanel("steps"),
        FieldPanel("cost"),
        FieldPanel("documents_needed"),
        MultiFieldPanel(
            [
                FieldPanel("action_type"),
                FieldPanel("action_label"),
                FieldPanel("action_page"),
                FieldPanel("action_url"),
            ],
            heading="Primary action",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("intro", boost=1.5),
        index.SearchField("audience"),
        index.SearchField("steps"),
        index.SearchField("cost"),
        index.SearchField("documents_needed"),
        index.SearchField("action_label"),
        index.SearchField("action_form_text"),
        index.SearchField("body"),
        index.SearchField("get_department_name"),
        index.FilterField("action_type"),
    ]

    parent_page_types = ["departments.DepartmentPage", "departments.ServiceIndexPage"]
    subpage_types = []
    api_fields = [
        APIField(name)
        for name in ("intro", "audience", "steps", "cost", "documents_needed", "action_type", "action_text")
    ] + [APIField("action_href"), APIField("body"), APIField("department_name")]
    type_label = "Service"
    #: The city-wide index that lists this type: the main navigation marks it as the current section
    #: wherever the page lives in the tree (home/templatetags/jackson_tags.py).
    listing_index = "departments.ServiceIndexPage"
    #: Residents come to do something: the service counts more than a form, FAQ or story saying as much.
    search_weight = 1.5

    def listing_summary(self):
        return self.intro

    def action_form_text(self):
        """The words of the form this service links to, for the search index.

        In search results such a form is shown through its service, never on its own
        (search/ranking.py), so the service must be found by whatever finds the form.
        """
        page = self.action_page
        if page is None or not issubclass(page.specific_class or Page, FormMixin):
            return ""
        form = page.specific
        return " ".join(filter(None, [form.title, form.search_description, strip_tags(getattr(form, "intro", ""))]))

    @property
    def action_href(self):
        if self.action_page_id and self.action_page.live:
            return self.action_page.url
        return self.action_url

    @property
    def action_text(self):
        return self.action_label or dict(self.ACTION_CHOICES)[self.action_type]

    def linked_data(self, describer):
        data = {
            "@context": structured_data.SCHEMA,
            "@type": "GovernmentService",
            "name": self.title,
            "description": self.intro,
            "url": describer.page_url(self),
            "areaServed": {"@type": "City", "name": describer.city_name},
        }
        if self.audience:
            data["audience"] = {"@type": "Audience", "audienceType": structured_data.plain_text(self.audience)}
        department = self.department
        if department is not None:
            data["provider"] = department.reference(describer)
        elif describer.organization:
            data["provider"] = describer.organization
        href = self.action_href
        if href:
            service_url = describer.url(href) if href.startswith("/") else href
            data["availableChannel"] = {"@type": "ServiceChannel", "name": self.action_text, "serviceUrl": service_url}
        return data

    @property
    def action_form(self):
        """The live form on this site the action opens, or None (search results name it)."""
        page = self.action_page if self.action_page_id else None
        if page is None or not page.live or not issubclass(page.specific_class or Page, FormMixin):
            return None
        return page


class FAQPageTag(TaggedItemBase):
    content_object = ParentalKey("departments.FAQPage", related_name="tagged_items", on_delete=models.CASCADE)


class FAQIndexPage(MenuTitleMixin, BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["departments.FAQPage"]
    max_count = 1

    #: Questions per page: enough that a city's whole FAQ is one page, grouped by department.
    FAQS_PER_PAGE = 200

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        faqs, department, topic = filter_by_department_and_topic(
            request, FAQPage.objects.live().public().order_by("title")
        )
        departments = list(live_departments())
        page_of_faqs = paginate(request, faqs, per_page=self.FAQS_PER_PAGE)
        context.update(
            faqs=page_of_faqs,
            faq_groups=group_by_department(page_of_faqs, departments),
            departments=departments,
            selected_department=department,
            topics=FAQPage.tags.most_common()[:30] if FAQPage.objects.exists() else [],
            selected_topic=topic,
        )
        return context


class FAQPage(BasePage):
    """One question per page: the title is the question."""

    answer = RichTextField(features=["bold", "italic", "link", "ul", "ol", "document-link"])
    tags = ClusterTaggableManager("Topics", through=FAQPageTag, blank=True)

    content_panels = Page.content_panels + [FieldPanel("answer"), FieldPanel("tags")]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("answer", boost=1.5),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("get_department_name"),
    ]

    parent_page_types = ["departments.DepartmentPage", "departments.FAQIndexPage"]
    subpage_types = []
    api_fields = [APIField("answer"), APIField("tags"), APIField("department_name")]
    type_label = "FAQ"
    #: The city-wide index that lists this type: the main navigation marks it as the current section
    #: wherever the page lives in the tree (home/templatetags/jackson_tags.py).
    listing_index = "departments.FAQIndexPage"

    def linked_data(self, describer):
        """The question and its answer as an ``FAQPage`` (search engines show government FAQs as answers)."""
        return {
            "@context": structured_data.SCHEMA,
            "@type": "FAQPage",
            "url": describer.page_url(self),
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": self.title,
                    "acceptedAnswer": {"@type": "Answer", "text": structured_data.plain_text(self.answer)},
                }
            ],
        }

    def listing_summary(self):
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        return Truncator(strip_tags(self.answer)).words(40)


class DirectoryPage(MenuTitleMixin, BasePage):
    """The contact directory: every person and office, filterable and searchable."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    #: New index pages start in the main navigation ("Show in menus" on the Promote tab).
    show_in_menus_default = True
    subpage_types = ["departments.ContactPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contacts = ContactPage.objects.live().public().order_by("title")
        department = selected_department(request)
        if department:
            contacts = contacts.descendant_of(department)
        query = " ".join(query_value(request, "q", 1000).split())[:100]
        if query:
            contacts = contacts.filter(
                models.Q(title__icontains=query)
                | models.Q(role__icontains=query)
                | models.Q(phone__icontains=query)
                | models.Q(email__icontains=query)
            )
        context.update(
            contacts=paginate(request, contacts, per_page=50),
            departments=live_departments(),
            selected_department=department,
            query=query,
        )
        return context


class ContactPage(BasePage):
    """A person or an office. The title is the person's or office's name."""

    KIND_CHOICES = [("person", "Person"), ("office", "Office")]

    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default="person")
    role = models.CharField("Role or title", max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    street_address = models.TextField(max_length=300, blank=True)
    office_hours = models.CharField(max_length=200, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("street_address"), FieldPanel("office_hours")],
            heading="Contact details",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("role", boost=1.5),
        index.SearchField("phone"),
        index.SearchField("phone_search_text", boost=1.5),
        index.SearchField("email"),
        index.SearchField("street_address"),
        index.SearchField("office_hours"),
        index.SearchField("body"),
        index.SearchField("get_department_name"),
    ]

    parent_page_types = ["departments.DepartmentPage", "departments.DirectoryPage"]
    subpage_types = []
    api_fields = [
        APIField(name) for name in ("kind", "role", "phone", "email", "street_address", "office_hours", "body")
    ] + [APIField("department_name")]
    type_label = "Contact"
    #: The city-wide index that lists this type: the main navigation marks it as the current section
    #: wherever the page lives in the tree (home/templatetags/jackson_tags.py).
    listing_index = "departments.DirectoryPage"

    def listing_summary(self):
        return self.role

    def phone_search_text(self):
        """The phone number as digits, so it is found however it is typed (see core.text)."""
        return phone_index_text(self.phone)

    def linked_data(self, describer):
        """A person as a ``Person`` working for the department; an office as a ``GovernmentOffice``."""
        department = self.department
        if self.kind == "office":
            data = structured_data.organization(
                self.title,
                describer.page_url(self),
                kind="GovernmentOffice",
                phone=self.phone,
                email=self.email,
                address=self.street_address,
                hours=self.office_hours,
                description=self.role,
            )
            if department is not None:
                data["parentOrganization"] = department.reference(describer)
        else:
            data = {"@type": "Person", "name": self.title, "url": describer.page_url(self)}
            if self.role:
                data["jobTitle"] = self.role
            if self.phone:
                data["telephone"] = structured_data.telephone(self.phone)
            if self.email:
                data["email"] = self.email
            place = structured_data.postal_address(self.street_address)
            if place:
                data["workLocation"] = {"@type": "Place", "address": place}
            if department is not None:
                data["worksFor"] = department.reference(describer)
        return {"@context": structured_data.SCHEMA, **data}


class DepartmentRoles(models.Model):
    """The groups, collection and workflow that belong to one department.

    Filled in by ``departments.roles.setup_department``. Kept as links (not
    names) so renaming a department or a group breaks nothing, and so review
    reminders know whom to email.
    """

    department = models.OneToOneField(DepartmentPage, on_delete=models.CASCADE, related_name="roles")
    editors = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    publishers = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "department roles"
        verbose_name_plural = "department roles"

    def __str__(self):
        return f"Roles for {self.department.title}"

"""Departments, the services they offer, their FAQs and contact directory.

Department content lives inside the department's subtree; the city-wide index
pages (/departments/, /services/, /faq/, /directory/) aggregate across the
whole tree, so nothing is entered twice.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home import freshness
from home.blocks import BodyBlock, StepBlock
from home.models import BasePage

DEPARTMENT_CHILD_TYPES = [
    "departments.ServicePage",
    "departments.FAQPage",
    "departments.ContactPage",
    "news.NewsPage",
    "events.EventPage",
    "forms.FormPage",
    "home.StandardPage",
]


def paginate(request, queryset, per_page=20):
    """The requested page of ``queryset``; bad or out-of-range numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_value(request, name, max_length=100):
    """A GET parameter cut to ``max_length``, without NUL bytes: PostgreSQL refuses them in queries."""
    return request.GET.get(name, "")[:max_length].replace("\x00", "")


#: How long a department page's listings are kept (a publish forgets them at once; see home.freshness).
LISTINGS_KEEP_SECONDS = 60


def live_departments():
    return DepartmentPage.objects.live().public().order_by("title")


def selected_department(request):
    """The department chosen with ?department=<slug>, or None."""
    slug = query_value(request, "department")
    if not slug:
        return None
    return live_departments().filter(slug=slug).first()


def filter_by_department_and_topic(request, pages):
    """Narrow a city-wide listing to ``?department=<slug>`` (its subtree) and ``?topic=<tag slug>``.

    Shared by the FAQ, news and events index pages. Returns ``(pages, department, topic)``;
    an unknown department filters nothing, an unknown topic finds nothing.
    """
    department = selected_department(request)
    if department:
        pages = pages.descendant_of(department)
    topic = query_value(request, "topic")
    if topic:
        pages = pages.filter(tags__slug=topic).distinct()
    return pages, department, topic


class DepartmentIndexPage(BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
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

    def listing_summary(self):
        return self.intro

    def phone_search_text(self):
        """The phone number as digits, so it is found however it is typed (see search.text)."""
        from search.text import phone_search_text

        return phone_search_text(self.phone)

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
        from events.models import EventPage
        from forms.models import FormPage
        from news.models import NewsPage

        def listings():
            return {
                "services": list(self._descendants(ServicePage).order_by("title")),
                "contacts": list(self._descendants(ContactPage).order_by("title")),
                "faqs": list(self._descendants(FAQPage).order_by("title")),
                "forms": list(self._descendants(FormPage).order_by("title")),
                "latest_news": list(self._descendants(NewsPage).order_by("-date", "-pk")[:3]),
            }

        context = super().get_context(request, *args, **kwargs)
        # Five listings that change only when a page is published, moved or unpublished (which bumps
        # the content version) are kept under it; upcoming events depend on the clock, so are read.
        context.update(freshness.kept(f"department-listings:{self.pk}", LISTINGS_KEEP_SECONDS, listings))
        context["upcoming_events"] = EventPage.objects.upcoming().descendant_of(self)[:3]
        return context


class ServiceIndexPage(BasePage):
    """The digital services center: every service the city offers, by department."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
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

    def listing_summary(self):
        return self.intro

    @property
    def action_href(self):
        if self.action_page_id and self.action_page.live:
            return self.action_page.url
        return self.action_url

    @property
    def action_text(self):
        return self.action_label or dict(self.ACTION_CHOICES)[self.action_type]


class FAQPageTag(TaggedItemBase):
    content_object = ParentalKey("departments.FAQPage", related_name="tagged_items", on_delete=models.CASCADE)


class FAQIndexPage(BasePage):
    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["departments.FAQPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        faqs, department, topic = filter_by_department_and_topic(
            request, FAQPage.objects.live().public().order_by("title")
        )
        context.update(
            faqs=paginate(request, faqs, per_page=50),
            departments=live_departments(),
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

    def listing_summary(self):
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        return Truncator(strip_tags(self.answer)).words(40)


class DirectoryPage(BasePage):
    """The contact directory: every person and office, filterable and searchable."""

    intro = models.TextField(max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
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

    def listing_summary(self):
        return self.role

    def phone_search_text(self):
        """The phone number as digits, so it is found however it is typed (see search.text)."""
        from search.text import phone_search_text

        return phone_search_text(self.phone)


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


class PageReview(models.Model):
    """When a page's content should next be checked by its owners.

    A separate table (rather than a field on every page type) so every page,
    whatever its type, gets one without a migration per app. A row is created
    the first time a page is published, 12 months out; editors can move the
    date or mark the page reviewed from the admin.
    """

    REVIEW_INTERVAL_DAYS = 365

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="review")
    next_review = models.DateField("Next review", db_index=True)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "page review"
        verbose_name_plural = "page reviews"
        ordering = ["next_review"]

    def __str__(self):
        return f"{self.page.title}: review by {self.next_review:%Y-%m-%d}"

    @classmethod
    def default_date(cls, start=None):
        import datetime

        from django.utils import timezone

        start = start or timezone.localdate()
        return start + datetime.timedelta(days=cls.REVIEW_INTERVAL_DAYS)

    def mark_reviewed(self, user=None):
        from django.utils import timezone

        self.last_reviewed_at = timezone.now()
        self.last_reviewed_by = user if user is not None and user.is_authenticated else None
        self.next_review = self.default_date()
        self.save()

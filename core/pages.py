"""The base of every page type, and which department owns a page.

``BasePage`` is the parent of every page type in the project. It gives each
page one answer to "which department owns this?" (its nearest
``DepartmentPage`` ancestor, never a stored field), the shared summary and
listing helpers that index pages and search results use, and the context
other apps contribute to it (``core.page_context``).

The department app sits above this layer, so its page model is looked up by
name (``apps.get_model``) rather than imported.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from core import page_context
from core.visibility import KeptPageManager, may_be_restricted


def department_of(page):
    """The nearest DepartmentPage at or above ``page``, or None.

    One source of truth: department content lives in the department's
    subtree, so the tree itself says who owns a page.
    """
    DepartmentPage = apps.get_model("departments", "DepartmentPage")

    if page is None or not getattr(page, "path", None):
        return None
    if isinstance(page, DepartmentPage):
        return page
    return DepartmentPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


#: The Promote tab's "Social card": the picture a shared link shows, chosen per page by editors.
#: Its title and description come from the tab's own "Title tag" and "Meta description".
SOCIAL_CARD_PANEL = MultiFieldPanel(
    [FieldPanel("social_image"), FieldPanel("social_image_alt")],
    heading="Social card",
    help_text=(
        "What a link to this page shows on social media and in messages. The title and description "
        "above are used too. Without a picture here, the page's own picture or the city's seal is shown."
    ),
)


class BasePage(Page):
    """Abstract parent of every Jackson page type."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Social card picture",
        help_text="Best at 1200 × 630 pixels.",
    )
    social_image_alt = models.CharField(
        "Social card alt text",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required with a picture.",
    )

    promote_panels = Page.promote_panels + [SOCIAL_CARD_PANEL]

    #: Human name of the type, shown in search results and listings.
    type_label = "Page"
    #: How much a match on this type of page counts in search, against 1.0 (search/ranking.py).
    search_weight = 1.0
    #: What other apps add to this page's context, by context name: ``{"latest_news": 3}`` asks
    #: for three stories. The apps that own the content supply it (``core.page_context``).
    contributed_context = {}

    objects = KeptPageManager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.social_image_id and not self.social_image_alt.strip():
            raise ValidationError({"social_image_alt": "Describe the picture for people who cannot see it."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_context.contribute(self, request, context)
        return context

    def get_view_restrictions(self):
        """Wagtail's answer, without its two queries for a page no restriction can reach (core/visibility.py)."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @cached_property
    def department(self):
        return department_of(self)

    def get_department_name(self):
        department = self.department
        return department.title if department else ""

    @property
    def department_name(self):
        """The owning department's name, for the API and the search index."""
        return self.get_department_name()

    def listing_summary(self):
        """A sentence or two for listings and search results."""
        return self.search_description or ""

    def linked_data(self, describer):
        """This page as schema.org JSON-LD (a dict), or None (core/structured_data.py).

        Page types that search engines show in their own way (an organization, a service, a story,
        an event, answers) override it; the breadcrumbs describe every page's place in the site.
        """
        return None


class MenuTitleMixin(models.Model):
    """A short label for the main navigation, for section pages whose title is long.

    The navigation is the site root's children with "Show in menus" ticked, in tree order
    (home/templatetags/jackson_tags.py); each is labelled with this, or its title when blank.
    "FAQ" reads better in a header on a phone than "Frequently asked questions", which is
    still the page's heading.
    """

    menu_title = models.CharField(
        max_length=30,
        blank=True,
        help_text='A short label for the main navigation, e.g. "FAQ". Leave blank to use the title.',
    )

    promote_panels = Page.promote_panels + [FieldPanel("menu_title"), SOCIAL_CARD_PANEL]

    class Meta:
        abstract = True

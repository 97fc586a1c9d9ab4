"""Forms that departments build themselves, and (later) resident feedback.

A ``FormPage`` lives inside a department's subtree, so the department's
editors can build it and the department's staff see its submissions.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home.models import BasePage


class FormField(AbstractFormField):
    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm, BasePage):
    intro = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)
    thank_you_text = RichTextField(
        "Confirmation message",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Shown after a resident submits the form.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Email notifications",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("intro", boost=1.5),
        index.SearchField("get_department_name"),
    ]

    parent_page_types = ["departments.DepartmentPage"]
    subpage_types = []
    api_fields = [APIField("intro"), APIField("department_name")]
    type_label = "Form"

    def listing_summary(self):
        from django.utils.html import strip_tags

        return self.search_description or strip_tags(self.intro)

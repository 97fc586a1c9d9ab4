"""StreamField blocks shared by every page body.

Small and few on purpose: editors write prose, headings, callouts and links
to actions. Each block renders through its own template in
``core/templates/blocks/`` so markup stays accessible in one place.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Describe the image for people who cannot see it. Leave empty only if it is decorative.",
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("warning", "Warning"), ("success", "Good news")], default="info"
    )
    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page or, failing that, an external address."""

    label = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used only when no page is chosen.")

    class Meta:
        icon = "link"
        template = "blocks/button.html"


class DocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    documents = blocks.ListBlock(DocumentChooserBlock())

    class Meta:
        icon = "doc-full"
        template = "blocks/documents.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph.html")
    image = ImageBlock()
    callout = CalloutBlock()
    button = LinkBlock()
    documents = DocumentsBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    detail = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], required=False)

    class Meta:
        icon = "list-ol"

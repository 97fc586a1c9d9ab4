"""The home page's own blocks; the blocks every page body shares are in ``core.blocks``."""

from wagtail import blocks


class TopTaskBlock(blocks.StructBlock):
    """A home-page shortcut to one of the things residents come to do."""

    label = blocks.CharBlock(max_length=80)
    description = blocks.CharBlock(max_length=160, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "pick"

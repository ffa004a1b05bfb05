"""Blocks shared by every content domain: a story body, an exemplar's story and an inventory's
description are written with the same StreamField."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.base import BlockField, BlockWidget
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=200, label=_("Photo credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, label=_("Heading"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Said by"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class MediaFileBlock(blocks.StructBlock):
    """Audio or video uploaded as a document, played by the browser's own player."""

    file = DocumentChooserBlock(
        label=_("Audio or video file"),
        help_text=_("Upload an MP3, M4A, OGG or MP4 file in Documents first."),
    )
    title = blocks.CharBlock(required=False, max_length=255, label=_("Title"))

    class Meta:
        icon = "media"
        label = _("Audio / video file")
        template = "blocks/media_file_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    media_file = MediaFileBlock()
    embed = EmbedBlock(
        label=_("Embedded video"),
        help_text=_("Address of a video page, for example on YouTube."),
        icon="media",
        template="blocks/embed_block.html",
    )
    document = DocumentLinkBlock()

    class Meta:
        label = _("Body")


# What a StreamField's widget read from a form that lacks the fields the editor's script keeps
# (`body-count`, `body-0-type`…): a truncated or hand-made POST.
INCOMPLETE = object()


class CheckedBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError):  # Wagtail indexes the POST without checking
            return INCOMPLETE


class CheckedBlockField(BlockField):
    """Every StreamField's form field in the admin (registered in WebsiteConfig.ready): an
    incomplete submission is a form error, shown over the content as it was, not a 500."""

    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", CheckedBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def bound_data(self, data, initial):
        return initial if data is INCOMPLETE else data

    def clean(self, value):
        if value is INCOMPLETE:
            raise ValidationError(
                _("This content arrived incomplete. Reload the page and make the change again."),
                code="incomplete",
            )
        return super().clean(value)

    def has_changed(self, initial, data):
        return data is INCOMPLETE or super().has_changed(initial, data)

"""Blocks shared by every content domain: a story body, an exemplar's story and an inventory's
description are written with the same StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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

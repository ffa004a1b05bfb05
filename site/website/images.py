"""The image library's upload form (settings.WAGTAILIMAGES_IMAGE_FORM_BASE): every image is
decoded whole before it is stored, and every refusal is explained in Vietnamese."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodedImageField(WagtailImageField):
    """Wagtail's field reads an image's header only: a truncated or damaged file either passes
    (and every rendition of it fails later) or raises from deep inside Pillow (a 500). This one
    also decodes every frame, after Wagtail's size and pixel checks have bounded the work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = {"supported_formats": self.supported_formats_text}
        self.help_text = _(
            "Supported formats: %(supported_formats)s. Maximum file size: %(max_upload_size)s."
        ) % {**formats, "max_upload_size": self.max_upload_size_text}
        self.error_messages.update(
            {
                "required": _("Please choose an image file."),
                "invalid_image": _("This file is not an image that can be read."),
                "damaged_image": _(
                    "This image file is damaged or incomplete and cannot be read. Save it "
                    "again from the original and upload it once more."
                ),
                "invalid_image_extension": _(
                    "Not a supported image format. Supported formats: %(supported_formats)s."
                )
                % formats,
                "invalid_image_known_format": _(
                    "This is not a valid .%(extension)s image: the file is in the "
                    "%(image_format)s format."
                ),
                "file_too_large": _(
                    "This file is too big (%(file_size)s). The maximum is %(max_filesize)s."
                ),
                "file_too_many_pixels": _(
                    "This image has too many pixels (%(num_pixels)s). The maximum is "
                    "%(max_pixels_count)s; make it smaller and upload it again."
                ),
                "file_too_large_unknown_size": _("This file is too big. The maximum is %(max)s.")
                % {"max": filesizeformat(self.max_upload_size)},
            }
        )

    def to_python(self, data):
        try:
            upload = super().to_python(data)
            if upload is not None and upload.image.format_name != "svg":
                with PILImage.open(upload) as image:
                    for frame in ImageSequence.Iterator(image):
                        frame.load()
                upload.seek(0)
        except ValidationError:
            raise
        except Exception as error:  # Pillow reports damage with many exception types
            raise ValidationError(
                self.error_messages["damaged_image"], code="damaged_image"
            ) from error
        return upload


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, so that its messages are in the editor's language.
        if "file" in self.fields:
            wagtails = self.fields["file"]
            self.fields["file"] = DecodedImageField(
                label=wagtails.label, required=wagtails.required
            )

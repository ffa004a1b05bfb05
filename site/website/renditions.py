"""A page's own image read with the renditions its page shows."""

from wagtail.images import get_image_model

# The picture a shared link shows (includes/social_meta.html).
SHARING_RENDITION = "fill-1200x630"


def with_renditions(image_id, *specs):
    """The image `image_id` (None for none) with its renditions of `specs`, read in two
    queries whatever their number: each `{% image %}` of a rendition not read with the image
    is a query of its own."""
    if image_id is None:
        return None
    return get_image_model().objects.prefetch_renditions(*specs).filter(pk=image_id).first()

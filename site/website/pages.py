"""Helpers for pages created by code (imports, demo), shared by every content app."""

from django.utils.text import slugify

from website.text import fold


def unique_slug(parent, text, exclude=None):
    """An ASCII slug for `text` that no other child of `parent` uses."""
    base = slugify(fold(text))[:70] or "trang"
    taken = set(parent.get_children().exclude(pk=exclude).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug

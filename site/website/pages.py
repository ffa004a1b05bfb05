"""Writing pages from code (imports, demos, setup), one way for every app.

Pages written here end as an editor's work would leave them: published through a revision
(so the admin's history, the log and `page_published` see them) and with an ASCII slug free
among their siblings. Bulk writers (the story import) keep their own speed-ups but take their
slugs from `free_slug` too.
"""

from django.utils.text import slugify
from wagtail.models import Site

from .text import fold

# A Vietnamese title folds to more characters than readers want in an address.
SLUG_LENGTH = 70


def default_home():
    """The home page of the default site, where imports and demos write; None before the site
    has one."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page.specific if site else None


def find_index(model):
    """The first page of type `model` (a list: exemplars, inventories…) on the default site."""
    home = default_home()
    return model.objects.descendant_of(home).first() if home else None


def free_slug(text, taken):
    """An ASCII slug for `text` not in `taken` (a set of sibling slugs); taken for good."""
    base = slugify(fold(text))[:SLUG_LENGTH] or "trang"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def unique_slug(parent, text, exclude=None):
    """An ASCII slug for `text` that no other child of `parent` uses."""
    taken = set(parent.get_children().exclude(pk=exclude).values_list("slug", flat=True))
    return free_slug(text, taken)


def publish(page, user=None):
    """Publish `page` as it stands, through a new revision (written by `user`), as the admin's
    Publish does. Code publishes on its own authority: `user` need not be allowed to."""
    page.save_revision(user=user).publish()
    return page


def add_child(parent, page, *, live=True):
    """Add `page` below `parent`, with a free slug unless it has one, and publish it if `live`;
    a page added unpublished stays a draft."""
    page.slug = page.slug or unique_slug(parent, page.title)
    page.live = live
    parent.add_child(instance=page)
    return publish(page) if live else page


def ensure_child(parent, model, *, match=None, live=True, **fields):
    """The child of `parent` of type `model` that has the `match` field values (any child of
    that type when none), added with `fields` (and published if `live`) when missing."""
    match = match or {}
    page = model.objects.child_of(parent).filter(**match).first()
    if page is None:
        page = add_child(parent, model(**match, **fields), live=live)
    return page


def upsert_page(parent, model, import_key, *, live=True, **fields):
    """Create below `parent`, or update, the page of `model` known by `import_key` (one
    {field: value} that identifies it in an import file), set `fields` — child relations
    (commendations, items…) as lists of unsaved objects — and publish it when `live`.

    An existing page is changed from its latest revision, so an editor's draft is kept in the
    history rather than lost. Returns (page, created).
    """
    existing = model.objects.filter(**import_key).first()
    page = model(**import_key) if existing is None else existing.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    if existing is None:
        add_child(parent, page, live=live)
    elif live:
        publish(page)
    else:
        page.save_revision()
    return page, existing is None

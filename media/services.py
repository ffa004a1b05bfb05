"""Writing inventories outside the admin (the demo and the import), always through page
revisions, so what an editor opens next in the admin is what the site shows."""

from website.pages import unique_slug

from .models import InventoryIndexPage, InventoryPage

INDEX_TITLE = "Cổ động trực quan"


def ensure_index(home):
    index = InventoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=InventoryIndexPage(
                title=INDEX_TITLE, slug="co-dong-truc-quan", show_in_menus=True
            )
        )
        index.save_revision().publish()
    return index


def find_campaign(index, title, year):
    return InventoryPage.objects.child_of(index).filter(title=title, year=year).first()


def ensure_campaign(index, title, year, **fields):
    """The campaign called `title` in `year` below `index`, created (unpublished) when new.
    Returns (page, created)."""
    page = find_campaign(index, title, year)
    if page is not None:
        return page, False
    page = InventoryPage(title=title, year=year, slug=unique_slug(index, title), live=False)
    for name, value in fields.items():
        setattr(page, name, value)
    index.add_child(instance=page)
    return page, True


def publish_items(page_id, upserts=(), removals=()):
    """Publish the inventory `page_id` with its items updated: each of `upserts` (a dict with
    an `import_id`) replaces the item with that id or is added; `removals` are ids to drop."""
    draft = InventoryPage.objects.get(pk=page_id).get_latest_revision_as_object()
    removals = set(removals)
    items = [item for item in draft.items.all() if item.import_id not in removals]
    by_id = {item.import_id: item for item in items if item.import_id}
    for data in upserts:
        item = by_id.get(data["import_id"])
        if item is None:
            items.append(draft.items.model(**data))
        else:
            for name, value in data.items():
                setattr(item, name, value)
    draft.items = items
    draft.save_revision().publish()
    return draft

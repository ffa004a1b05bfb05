"""Writing inventories outside the admin (the demo and the import), always through page
revisions, so what an editor opens next in the admin is what the site shows."""

from website.pages import ensure_child, publish

from .models import InventoryIndexPage, InventoryPage

INDEX_TITLE = "Cổ động trực quan"


def ensure_index(home):
    return ensure_child(
        home, InventoryIndexPage, title=INDEX_TITLE, slug="co-dong-truc-quan", show_in_menus=True
    )


def ensure_campaign(index, title, year):
    """The campaign called `title` in `year` below `index`, added unpublished when new."""
    return ensure_child(index, InventoryPage, match={"title": title, "year": year}, live=False)


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
    return publish(draft)

from django.db import migrations

# Two indexes on Wagtail's page table, which grows with every story:
# - (depth, path): a page's children (the section menu on every page, the admin's explorer)
#   are `depth = n AND path BETWEEN …`; Wagtail's index on the path alone reads every
#   descendant, so PostgreSQL scanned all 100,000 pages for the menu's eight sections.
# - the unpublished pages' ids: readers' listings keep the live pages as "not one of these"
#   (`ReaderPageQuerySet.live_q`), which a listing's own index can answer without reading the
#   page table row by row.
INDEXES = {
    "website_page_children": "ON wagtailcore_page (depth, path)",
    "website_page_unpublished": "ON wagtailcore_page (id) WHERE NOT live",
}


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_commune"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} {definition}", f"DROP INDEX {name}")
        for name, definition in INDEXES.items()
    ]

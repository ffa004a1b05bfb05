"""Each entry's lead in `search_entry`, as its title (PostgreSQL).

A tier's ranking (`DatabaseEngine.first`) scores a few hundred rows, and looked up each way a
word may match in their leads through the index: two lookups a word, 0.8-1.3 ms each, ten for
each part of a tier of five words. With the lead in the row (about 300 bytes, both copies) it
tests those ways on each row with LIKE, as it tests the title. Bodies stay out of the row.
"""

import importlib

from django.db import migrations

entry = importlib.import_module("search.migrations.0003_search_entry")
writers = importlib.import_module("search.migrations.0004_search_entry_statement_triggers")
run = entry.run

# The document's columns an entry copies as they are.
COPIED = [
    "kind",
    "section",
    "year",
    "commune",
    "date",
    "title_words",
    "title_folded",
    "lead_words",
    "lead_folded",
]
# 0004's upsert with the leads: `d` is the document as written.
UPSERT = f"""INSERT INTO search_entry (id, {", ".join(COPIED)}, keys)
    SELECT d.id, {", ".join(f"d.{column}" for column in COPIED)},
        {entry.KEYS.replace("NEW.", "d.")}
    FROM {{rows}}
    WHERE NOT d.removed
    ON CONFLICT (id) DO UPDATE SET
        {", ".join(f"{column} = EXCLUDED.{column}" for column in [*COPIED, "keys"])}"""
# The rows each of 0004's writing functions upserts.
ROWS = [
    "inserted AS d",
    f"updated AS d JOIN previous AS o ON o.id = d.id AND ({writers.CHANGED})",
]


def writing(upsert):
    """0004's functions writing entries on insert and update, upserting with `upsert`."""
    found = []
    for statement in writers.CREATE:
        if not statement.startswith(
            ("CREATE FUNCTION search_entry_inserted", "CREATE FUNCTION search_entry_updated")
        ):
            continue
        for rows in ROWS:
            statement = statement.replace(
                writers.UPSERT.format(rows=rows), upsert.format(rows=rows)
            )
        found.append(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
    return found


CREATE = [
    "ALTER TABLE search_entry ADD COLUMN lead_words text NOT NULL DEFAULT '',"
    " ADD COLUMN lead_folded text NOT NULL DEFAULT ''",
    *writing(UPSERT),
    # Every entry rewritten: its keys' index is built again once they are in, far faster
    # than adding each new row version's keys to it.
    "DROP INDEX search_entry_keys",
    "UPDATE search_entry AS e SET lead_words = d.lead_words, lead_folded = d.lead_folded"
    " FROM search_searchdocument AS d WHERE d.id = e.id",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX search_entry_keys ON search_entry USING gin (keys)",
    "ANALYZE search_entry",
]
DROP = [
    *writing(writers.UPSERT),
    "ALTER TABLE search_entry DROP COLUMN lead_words, DROP COLUMN lead_folded",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_entry_statement_triggers")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

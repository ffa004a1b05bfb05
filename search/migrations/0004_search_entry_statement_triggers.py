"""`search_entry` kept by statement triggers instead of row triggers (PostgreSQL).

0003's row trigger ran its upsert once per document written: a bulk write of 50 documents (an
import batch, `indexing.store_many`) ran 50 single-row statements, each building the keys
of one row and adding them to the GIN index, about 13 ms per story of the import's server
time. These triggers see the statement's rows as transition tables and write `search_entry`
in one set-based statement per statement on `search_searchdocument`. What they write is what
0003's trigger wrote (the same columns and `KEYS`); an update rewrites only the documents
whose searched columns changed, where 0003 rewrote every row the update named (with the same
result), so a document written again unchanged (a re-import) costs no keys.
"""

import importlib

from django.db import migrations

entry = importlib.import_module("search.migrations.0003_search_entry")

SEARCHED = (
    "kind",
    "section",
    "year",
    "commune",
    "date",
    "removed",
    "title_words",
    "title_folded",
    "lead_words",
    "lead_folded",
    "body_words",
    "body_folded",
)
# `d` is the document as written (0003's NEW), `o` the document before an update.
UPSERT = f"""INSERT INTO search_entry
        (id, kind, section, year, commune, date, title_words, title_folded, keys)
    SELECT d.id, d.kind, d.section, d.year, d.commune, d.date, d.title_words, d.title_folded,
        {entry.KEYS.replace("NEW.", "d.")}
    FROM {{rows}}
    WHERE NOT d.removed
    ON CONFLICT (id) DO UPDATE SET
        kind = EXCLUDED.kind, section = EXCLUDED.section, year = EXCLUDED.year,
        commune = EXCLUDED.commune, date = EXCLUDED.date,
        title_words = EXCLUDED.title_words, title_folded = EXCLUDED.title_folded,
        keys = EXCLUDED.keys"""
CHANGED = " OR ".join(f"o.{column} IS DISTINCT FROM d.{column}" for column in SEARCHED)

CREATE = [
    "DROP TRIGGER search_entry_write ON search_searchdocument",
    "DROP FUNCTION search_entry_write()",
    f"""CREATE FUNCTION search_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {UPSERT.format(rows="inserted AS d")};
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION search_entry_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_entry AS e USING updated AS d WHERE e.id = d.id AND d.removed;
            {UPSERT.format(rows=f"updated AS d JOIN previous AS o ON o.id = d.id AND ({CHANGED})")};
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_entry_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_entry AS e USING deleted AS o WHERE e.id = o.id;
            RETURN NULL;
        END $$""",
    # A trigger with transition tables takes one event and no column list.
    """CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchdocument
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_inserted()""",
    """CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchdocument
        REFERENCING OLD TABLE AS previous NEW TABLE AS updated
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_updated()""",
    """CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchdocument
        REFERENCING OLD TABLE AS deleted
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_deleted()""",
]
EVENTS = ("inserted", "updated", "deleted")
DROP = [
    *(f"DROP TRIGGER search_entry_{event} ON search_searchdocument" for event in EVENTS),
    *(f"DROP FUNCTION search_entry_{event}()" for event in EVENTS),
    # 0003's row trigger, as 0003 created it.
    *(
        statement
        for statement in entry.CREATE
        if statement.startswith(
            ("CREATE FUNCTION search_entry_write", "CREATE TRIGGER search_entry_write")
        )
    ),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_entry")]

    operations = [migrations.RunPython(entry.run(CREATE), entry.run(DROP))]

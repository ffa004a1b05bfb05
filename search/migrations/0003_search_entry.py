"""A narrow copy of the searchable documents for PostgreSQL (SQLite reads SearchDocument).

At 100,000 stories a common word is held by most rows, and every way of reading
`search_searchdocument` for them (counting, facets, ranking) visited rows of about 1.6 kB
each, their leads and bodies read from TOAST: seconds per results page. `search_entry` holds,
per live document, what counting and ranking read (facet values, date, the title's two padded
copies) in rows of about 150 bytes, and `keys`, every word of each copy prefixed by field and
copy (`bf:hoc`: the folded body holds "hoc"; `lw:học`: the lead as written holds "học") and
every pair of neighbouring words of the folded copies (`lf:hoc tap`), with a GIN index. `keys` is stored out of
line (no compression) once a row passes PostgreSQL's 2 kB threshold, so reading a row for its
facets or date never reads it.

Triggers keep it in step with `search_searchdocument` whatever writes there (indexing, the
benchmarks, a restore): a removed document leaves it, a truncate empties it. The model
(`SearchEntry`) is unmanaged: both databases share one schema in Django's eyes and SQLite
never has the table. Migration 0002's per-copy indexes are no longer read: they are dropped
here (and come back when this migration is reversed).
"""

import importlib

from django.contrib.postgres.fields import ArrayField
from django.db import migrations, models

FIELDS = {"t": "title", "l": "lead", "b": "body"}
COPIES = {"w": "words", "f": "folded"}
KEYS = " || ".join(
    [
        f"search_keys('{f}{c}', NEW.{field}_{copy})"
        for f, field in FIELDS.items()
        for c, copy in COPIES.items()
    ]
    + [f"search_pairs('{f}f', NEW.{field}_folded)" for f, field in FIELDS.items()]
)
OLD_COPIES = [f"{field}_{copy}" for field in FIELDS.values() for copy in COPIES.values()]

CREATE = [
    # The words of a padded copy, each behind `prefix:`.
    """CREATE FUNCTION search_keys(prefix text, padded text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        SET search_path = pg_catalog
        AS $$
            SELECT coalesce(array_agg(DISTINCT prefix || ':' || word), '{}')
            FROM unnest(string_to_array(btrim(padded), ' ')) AS word
            WHERE word <> ''
        $$""",
    # The pairs of neighbouring words of a padded copy, each behind `prefix:`.
    """CREATE FUNCTION search_pairs(prefix text, padded text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        SET search_path = pg_catalog
        AS $$
            SELECT coalesce(array_agg(DISTINCT prefix || ':' || word || ' ' || next), '{}')
            FROM (
                SELECT word, lead(word) OVER (ORDER BY n) AS next
                FROM unnest(string_to_array(btrim(padded), ' ')) WITH ORDINALITY AS w(word, n)
            ) AS words
            WHERE next IS NOT NULL
        $$""",
    """CREATE TABLE search_entry (
        id bigint PRIMARY KEY,
        kind varchar(20) NOT NULL,
        section varchar(255) NOT NULL,
        year smallint,
        commune varchar(255) NOT NULL,
        date timestamp with time zone,
        title_words text NOT NULL,
        title_folded text NOT NULL,
        keys text[] NOT NULL
    )""",
    "ALTER TABLE search_entry ALTER COLUMN keys SET STORAGE EXTERNAL",
    f"""CREATE FUNCTION search_entry_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM search_entry WHERE id = OLD.id;
                RETURN NULL;
            END IF;
            IF NEW.removed THEN
                DELETE FROM search_entry WHERE id = NEW.id;
                RETURN NULL;
            END IF;
            INSERT INTO search_entry
                (id, kind, section, year, commune, date, title_words, title_folded, keys)
            VALUES (NEW.id, NEW.kind, NEW.section, NEW.year, NEW.commune, NEW.date,
                    NEW.title_words, NEW.title_folded, {KEYS})
            ON CONFLICT (id) DO UPDATE SET
                kind = EXCLUDED.kind, section = EXCLUDED.section, year = EXCLUDED.year,
                commune = EXCLUDED.commune, date = EXCLUDED.date,
                title_words = EXCLUDED.title_words, title_folded = EXCLUDED.title_folded,
                keys = EXCLUDED.keys;
            RETURN NULL;
        END $$""",
    # Not on updates of `pending` or `changed_at` alone (Elasticsearch's bookkeeping).
    """CREATE TRIGGER search_entry_write
        AFTER INSERT OR DELETE OR UPDATE OF kind, section, year, commune, date, removed,
            title_words, title_folded, lead_words, lead_folded, body_words, body_folded
        ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_entry_write()""",
    """CREATE FUNCTION search_entry_empty() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE search_entry;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER search_entry_empty AFTER TRUNCATE ON search_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_empty()""",
    # What is already there, the way the trigger writes it.
    "INSERT INTO search_entry"
    " SELECT id, kind, section, year, commune, date, title_words, title_folded, "
    + KEYS.replace("NEW.", "")
    + " FROM search_searchdocument WHERE NOT removed",
    # Indexes built once the rows are in: far faster than growing them row by row.
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX search_entry_keys ON search_entry USING gin (keys)",
    "CREATE INDEX search_entry_date ON search_entry (date DESC, id DESC)",
    "ANALYZE search_entry",
    "DROP INDEX search_doc_folded_gin",
    *(f"DROP INDEX search_doc_{copy}_gin" for copy in OLD_COPIES),
]
DROP = [
    *(
        f"CREATE INDEX search_doc_{copy}_gin ON search_searchdocument "
        f"USING gin (search_words({copy}))"
        for copy in OLD_COPIES
    ),
    "CREATE INDEX search_doc_folded_gin ON search_searchdocument "
    "USING gin (search_words(title_folded || lead_folded || body_folded))",
    "DROP TRIGGER search_entry_empty ON search_searchdocument",
    "DROP FUNCTION search_entry_empty()",
    "DROP TRIGGER search_entry_write ON search_searchdocument",
    "DROP FUNCTION search_entry_write()",
    "DROP TABLE search_entry",
    "DROP FUNCTION search_pairs(text, text)",
    "DROP FUNCTION search_keys(text, text)",
]


# PostgreSQL only, as 0002's statements.
run = importlib.import_module("search.migrations.0002_postgresql_indexes").run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_indexes")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=20)),
                ("section", models.CharField(max_length=255)),
                ("year", models.PositiveSmallIntegerField(null=True)),
                ("commune", models.CharField(max_length=255)),
                ("date", models.DateTimeField(null=True)),
                ("title_words", models.TextField()),
                ("title_folded", models.TextField()),
                ("keys", ArrayField(base_field=models.TextField(), size=None)),
            ],
            options={"db_table": "search_entry", "managed": False},
        ),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]

"""PostgreSQL's indexes for the database engine (SQLite has none of them and reads every row).

- `search_words(copy)`: the words of a padded copy as an array, with a GIN index per copy and
  one over the three folded copies together, so a word is looked up in an index instead of by
  reading every text. The function is costly (it splits the whole text) and says so, so the
  planner keeps to the indexes.
- A trigram index on `title_folded` for the search box's suggestions (`LIKE '% hoc%'`).

They stay outside the model state, so both databases share one schema.
"""

from django.db import migrations

ALL_FOLDED = "search_words(title_folded || lead_folded || body_folded)"
COPIES = [f"{field}_{kind}" for field in ("title", "lead", "body") for kind in ("folded", "words")]

CREATE = [
    # Trusted since PostgreSQL 13: the database's owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_doc_title_trgm ON search_searchdocument "
    "USING gin (title_folded gin_trgm_ops)",
    """CREATE FUNCTION search_words(text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000
        SET search_path = pg_catalog
        AS $$ SELECT string_to_array(btrim($1), ' ') $$""",
    *(
        f"CREATE INDEX search_doc_{copy}_gin ON search_searchdocument "
        f"USING gin (search_words({copy}))"
        for copy in COPIES
    ),
    # Matching looks a word up in the three folded copies at once.
    f"CREATE INDEX search_doc_folded_gin ON search_searchdocument USING gin ({ALL_FOLDED})",
]
DROP = [
    "DROP INDEX search_doc_folded_gin",
    *(f"DROP INDEX search_doc_{copy}_gin" for copy in COPIES),
    "DROP FUNCTION search_words(text)",
    "DROP INDEX search_doc_title_trgm",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

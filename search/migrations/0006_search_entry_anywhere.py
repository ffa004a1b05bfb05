"""A key for each word an entry holds anywhere, folded (`af:hoc`), in `search_entry.keys`.

Which rows match a query (`DatabaseEngine.matching`: the count, and each ranking) was one test
of the index per word, overlapping its three keys (`tf:hoc`, `lf:hoc`, `bf:hoc`): GIN merged
three lists for each word, most of a common word's rows in two or three of them. With one key
per word, the words typed are one test of their keys all held (`@>`), whose lists GIN skips
through together: at 100,000 documents, the index's part of counting four or five common words
goes from about 20 ms to 10. About 167 more keys per entry (709 before); the index built anew
grows from 305 to 328 MB at 100,000 documents.
"""

import importlib

from django.db import migrations

entry = importlib.import_module("search.migrations.0003_search_entry")
leads = importlib.import_module("search.migrations.0005_search_entry_leads")
run = entry.run

# The key of the words anywhere: `search_keys` drops the empty words between the copies.
ANYWHERE = "search_keys('af', NEW.title_folded || NEW.lead_folded || NEW.body_folded)"
KEYS = f"{entry.KEYS} || {ANYWHERE}"
# 0005's upsert with these keys.
UPSERT = leads.UPSERT.replace(entry.KEYS.replace("NEW.", "d."), KEYS.replace("NEW.", "d."))


def rewritten(keys):
    """Statements writing every entry's keys as `keys` (SQL over the document `d`), their
    index built again once they are in (far faster than adding each row's keys to it)."""
    return [
        "DROP INDEX search_entry_keys",
        f"UPDATE search_entry AS e SET keys = {keys.replace('NEW.', 'd.')}"
        " FROM search_searchdocument AS d WHERE d.id = e.id",
        "SET LOCAL maintenance_work_mem = '256MB'",
        "CREATE INDEX search_entry_keys ON search_entry USING gin (keys)",
        "ANALYZE search_entry",
    ]


CREATE = [*leads.writing(UPSERT), *rewritten(KEYS)]
DROP = [*leads.writing(leads.UPSERT), *rewritten(entry.KEYS)]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_entry_leads")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

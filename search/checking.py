"""Comparing what the engines hold with what readers may find (`check_search_index`).

After a restore from backup, an outage or a worker that was down, a document may be missing
from an engine or left behind there; this finds both and, asked to, puts them right.
"""

from dataclasses import dataclass, field

from . import indexing
from .models import SearchDocument
from .registry import adapters


@dataclass
class Difference:
    engine: str
    missing: set = field(default_factory=set)  # (kind, id) readers may find but cannot
    extra: set = field(default_factory=set)  # (kind, id) found but no longer to be found

    def __bool__(self):
        return bool(self.missing or self.extra)


def visible():
    return {
        (adapter.kind, pk)
        for adapter in adapters()
        for pk in adapter.get_queryset().prefetch_related(None).values_list("pk", flat=True)
    }


def database_held():
    return set(SearchDocument.objects.filter(removed=False).values_list("kind", "object_id"))


def elasticsearch_held():
    from elasticsearch import helpers

    from . import elastic

    hits = helpers.scan(elastic.writer(), index=elastic.alias(), _source=False, size=1000)
    held = set()
    for hit in hits:
        kind, _, pk = hit["_id"].rpartition("-")
        held.add((kind, int(pk)))
    return held


def compare():
    """The differences of each engine in use with what readers may find."""
    expected = visible()
    found = [("database", database_held())]
    if indexing.elasticsearch_enabled():
        found.append(("elasticsearch", elasticsearch_held()))
    return [
        Difference(engine, missing=expected - held, extra=held - expected) for engine, held in found
    ]


def repair(differences):
    """Write the database copy anew where it differs, then send Elasticsearch what it lacks
    and take back what it should not hold."""
    for difference in differences:
        if difference.engine == "database":
            _repair_database(difference)
        elif difference:
            _repair_elasticsearch(difference)


def _by_kind(pairs):
    kinds = {}
    for kind, pk in pairs:
        kinds.setdefault(kind, set()).add(pk)
    return kinds


def _repair_database(difference):
    known = {adapter.kind: adapter for adapter in adapters()}
    for kind, ids in _by_kind(difference.missing).items():
        indexing.sync(known[kind].get_queryset().filter(pk__in=ids))
    for kind, ids in _by_kind(difference.extra).items():
        indexing.remove(kind, ids)
    indexing.push_later()


def _repair_elasticsearch(difference):
    from elasticsearch import helpers

    from . import elastic

    for kind, ids in _by_kind(difference.missing).items():
        SearchDocument.objects.filter(kind=kind, object_id__in=ids).update(pending=True)
    helpers.bulk(
        elastic.writer(),
        (
            {"_op_type": "delete", "_index": elastic.alias(), "_id": f"{kind}-{pk}"}
            for kind, pk in difference.extra
        ),
        raise_on_error=False,
    )
    elastic.push_pending()

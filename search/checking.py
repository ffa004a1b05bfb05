"""Comparing what the engines hold with what readers may find (`check_search_index`).

After a restore from backup, an outage or a worker that was down, a document may be missing
from an engine or left behind there; this finds both and, asked to, puts them right.
"""

from dataclasses import dataclass, field

from . import indexing
from .database import DatabaseEngine
from .engine import Engine
from .registry import adapters


@dataclass
class Difference:
    engine: Engine
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


def engines():
    """The engines in use, the database first: Elasticsearch is fed from its copy."""
    found = [DatabaseEngine()]
    if indexing.elasticsearch_enabled():
        from .elastic import ElasticsearchEngine

        found.append(ElasticsearchEngine())
    return found


def compare():
    """The differences of each engine in use with what readers may find."""
    expected = visible()
    differences = []
    for engine in engines():
        held = engine.held()
        differences.append(Difference(engine, missing=expected - held, extra=held - expected))
    return differences


def repair(differences):
    """Put each engine right, in order: the database copy is rewritten before Elasticsearch
    is sent what it lacks."""
    for difference in differences:
        if difference:
            difference.engine.repair(difference.missing, difference.extra)

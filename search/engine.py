"""What the search service and the index check ask of an engine. The database engine
(`search.database`) and Elasticsearch (`search.elastic`) both answer it, with the same limits."""

from abc import ABC, abstractmethod
from typing import NamedTuple

# Values shown per facet, most frequent first.
FACET_SIZE = 50
# What a hit brings to the results page, and a suggestion to the search box.
HIT_FIELDS = ("kind", "title", "lead", "body", "url", "section", "date")
SUGGESTION_FIELDS = ("title", "url")
# The database engine counts at most this many matches (Elasticsearch's default
# `track_total_hits`, and its deepest page): past it, counting every match of a word most
# stories hold would cost more than ranking the page.
COUNT_LIMIT = 10_000


class Summary(NamedTuple):
    """The total of a query's results and, per facet field, [(value, count)], most first.
    `capped`: more than COUNT_LIMIT match and not all were counted; `total` is then
    COUNT_LIMIT and every count None, the values those of the matches read, most frequent
    first."""

    total: int
    facets: dict
    capped: bool = False


class Engine(ABC):
    name = ""
    # Errors meaning the engine did not answer, so that another may; none for the database,
    # which answers last.
    unavailable = ()

    @abstractmethod
    def summary(self, query):
        """The `Summary` of the query and its filters; each facet counted with the other
        facets' filters, not its own."""

    @abstractmethod
    def hits(self, query, offset, limit):
        """The ranked hits from `offset`, at most `limit`, as dicts of HIT_FIELDS."""

    @abstractmethod
    def suggest(self, units, limit):
        """Up to `limit` documents whose titles hold every word typed (the last one perhaps
        unfinished), as dicts of SUGGESTION_FIELDS."""

    @abstractmethod
    def held(self):
        """(kind, object id) of every document the engine holds."""

    @abstractmethod
    def repair(self, missing, extra):
        """Hold the documents of `missing` and drop those of `extra`, sets of (kind, id)."""


def by_kind(pairs):
    """{kind: {id}} of (kind, id) pairs."""
    kinds = {}
    for kind, pk in pairs:
        kinds.setdefault(kind, set()).add(pk)
    return kinds

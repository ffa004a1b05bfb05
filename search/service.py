"""The one search service: picks the engine, falls back to the database, shapes results."""

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils.dateparse import parse_datetime

from . import highlight, spelling
from .database import DatabaseEngine
from .indexing import elasticsearch_enabled
from .registry import adapters

logger = logging.getLogger(__name__)


@dataclass
class Hit:
    kind: str
    type_label: str
    title: str
    url: str
    section: str
    date: datetime | None
    snippet: str


class Breaker:
    """After Elasticsearch failed to answer, searches go straight to the database for
    SEARCH_BREAKER_SECONDS; then one search (one in every process sharing the cache) probes
    it and closes the breaker if it answers. So while it hangs only the first search in each
    cool-down waits for the timeout."""

    OPEN_UNTIL = "search:breaker:open-until"
    PROBE = "search:breaker:probe"
    probing = False

    def allows(self):
        """Whether this search may ask Elasticsearch: yes while the breaker is closed, and for
        the one probe once its cool-down is over."""
        until = cache.get(self.OPEN_UNTIL)
        if until is None:
            return True
        if time.time() < until:
            return False
        self.probing = cache.add(self.PROBE, 1, settings.SEARCH_ELASTICSEARCH_TIMEOUT + 5)
        return self.probing

    def trip(self):
        cache.set(self.OPEN_UNTIL, time.time() + settings.SEARCH_BREAKER_SECONDS, None)
        cache.delete(self.PROBE)

    def answered(self):
        if self.probing:
            self.probing = False
            cache.delete_many([self.OPEN_UNTIL, self.PROBE])


class Searcher:
    """Elasticsearch when configured and its breaker allows, else the database; the database
    also answers whenever Elasticsearch does not."""

    def __init__(self):
        self.engines = [DatabaseEngine()]
        self.breaker = Breaker()
        if elasticsearch_enabled() and self.breaker.allows():
            from .elastic import ElasticsearchEngine

            self.engines.insert(0, ElasticsearchEngine())

    @property
    def engine_name(self):
        return self.engines[0].name

    def answer(self, ask):
        """`ask(engine)` of the first engine that answers."""
        while True:
            engine = self.engines[0]
            try:
                result = ask(engine)
            except engine.unavailable as error:
                if len(self.engines) == 1:
                    raise
                logger.warning(
                    "Elasticsearch did not answer (%s: %s); searching the database instead "
                    "for %s s.",
                    type(error).__name__,
                    error,
                    settings.SEARCH_BREAKER_SECONDS,
                )
                self.breaker.trip()
                self.engines.pop(0)
                continue
            if len(self.engines) > 1:
                self.breaker.answered()
            return result

    def summary(self, query):
        return self.answer(lambda engine: engine.summary(query))

    def hits(self, query, offset, limit):
        return self.answer(lambda engine: engine.hits(query, offset, limit))

    def suggest(self, units, limit):
        return self.answer(lambda engine: engine.suggest(units, limit))


class Results:
    """The hits of one query, sliced lazily so `website.pagination.paginate` can page them:
    counting runs the summary (total and facets), slicing fetches one page of hits."""

    def __init__(self, query, searcher=None):
        self.query = query
        self.searcher = searcher or Searcher()
        self._summary = None

    def _summarise(self):
        if self._summary is None:
            self._summary = self.searcher.summary(self.query)
        return self._summary

    def count(self):
        return self._summarise().total

    def __len__(self):
        return self.count()

    @property
    def capped(self):
        """Whether more than `count()` match (`search.engine.COUNT_LIMIT`)."""
        return self._summarise().capped

    @property
    def facets(self):
        return self._summarise().facets

    @property
    def engine_name(self):
        return self.searcher.engine_name

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("Results can only be sliced")
        start = window.start or 0
        rows = self.searcher.hits(self.query, start, window.stop - start)
        return [self.hit(row) for row in rows]

    def hit(self, row):
        labels = {adapter.kind: adapter.label for adapter in adapters()}
        units = self.query.units
        date = row.get("date")
        if isinstance(date, str):
            date = parse_datetime(date)
        return Hit(
            kind=row["kind"],
            type_label=labels.get(row["kind"], row["kind"]),
            title=highlight.highlight(row["title"], units),
            url=row["url"],
            section=row.get("section", ""),
            date=date,
            snippet=highlight.snippet([row.get("lead"), row.get("body")], units),
        )

    def did_you_mean(self):
        return spelling.did_you_mean(self.query.units)

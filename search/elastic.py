"""Our own Elasticsearch index (not Wagtail's), behind an alias, and the engine that reads it.

Only core Elasticsearch is used: text is folded in Python (`website.text`) and each text
field is indexed twice, as written and folded, with the `standard` analyzer.
"""

import functools
import logging

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch_dsl import Date, Document, Index, Integer, Keyword, Q, Search, Text

from . import ranking
from .engine import FACET_SIZE, HIT_FIELDS, SUGGESTION_FIELDS, Engine, Summary, by_kind
from .models import SearchDocument
from .query import FACETS, TYPO_EDITS, TYPO_PREFIX

logger = logging.getLogger(__name__)

# Errors after which the page answers from the database instead.
UNAVAILABLE = (TransportError, ApiError)
# Errors that abandon a rebuild, leaving the previous index serving.
REBUILD_FAILED = (*UNAVAILABLE, helpers.BulkIndexError)

BULK_CHUNK = 500


class Entry(Document):
    kind = Keyword()
    title = Text(analyzer="standard")
    lead = Text(analyzer="standard")
    body = Text(analyzer="standard")
    title_folded = Text(analyzer="standard")
    lead_folded = Text(analyzer="standard")
    body_folded = Text(analyzer="standard")
    url = Keyword(index=False)
    section = Keyword()
    commune = Keyword()
    year = Integer()
    date = Date()


@functools.cache
def _client(url, timeout):
    # No retries and a short timeout: a reader waits for at most one timeout before the
    # database answers instead.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def client():
    return _client(settings.ELASTICSEARCH_URL, settings.SEARCH_ELASTICSEARCH_TIMEOUT)


def writer():
    """For index work (the worker, rebuilds, checks): nobody waits on it in a page, so a busy
    cluster gets the time it needs instead of the readers' short timeout."""
    return client().options(request_timeout=settings.SEARCH_INDEXING_TIMEOUT)


def alias():
    return settings.SEARCH_INDEX_ALIAS


def source(row):
    """The Elasticsearch document for a SearchDocument row."""
    return {
        "kind": row.kind,
        "title": row.title,
        "lead": row.lead,
        "body": row.body,
        "title_folded": row.title_folded.strip(),
        "lead_folded": row.lead_folded.strip(),
        "body_folded": row.body_folded.strip(),
        "url": row.url,
        "section": row.section,
        "commune": row.commune,
        "year": row.year,
        "date": row.date,
    }


def create_index(name):
    index = Index(name, using=writer())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(Entry)
    index.create()
    return index


def index_rows(index_name, rows, progress=None):
    """Bulk-index SearchDocument rows into `index_name`; raise on any failure."""
    actions = ({"_index": index_name, "_id": row.es_id, "_source": source(row)} for row in rows)
    results = helpers.streaming_bulk(
        writer(), actions, chunk_size=BULK_CHUNK, max_retries=0, raise_on_error=True
    )
    for done, _ in enumerate(results, 1):
        if progress:
            progress(done)


def rebuild(progress=None):
    """Index every document into a fresh index and point the alias at it.

    Readers keep the old index until the new one is complete; if anything fails the new
    index is dropped and the old one keeps serving.
    """
    es = writer()
    started = timezone.now()
    name = f"{alias()}-{started:%Y%m%d%H%M%S%f}"
    create_index(name)
    try:
        rows = SearchDocument.objects.filter(removed=False).order_by("pk")
        index_rows(name, rows.iterator(chunk_size=BULK_CHUNK), progress)
        es.indices.refresh(index=name)
        old = (
            list(es.indices.get_alias(name=alias()))
            if es.indices.exists_alias(name=alias())
            else []
        )
        actions = [{"remove": {"index": index, "alias": alias()}} for index in old]
        actions.append({"add": {"index": name, "alias": alias()}})
        es.indices.update_aliases(actions=actions)
    except BaseException:
        es.indices.delete(index=name, ignore_unavailable=True)
        raise
    for index in old:
        es.indices.delete(index=index, ignore_unavailable=True)
    # Changes made while the new index was filled: push them to it as well.
    SearchDocument.objects.filter(changed_at__gte=started).update(pending=True)
    SearchDocument.objects.filter(pending=True, removed=False).exclude(
        changed_at__gte=started
    ).update(pending=False)
    push_pending()
    return name


def push_pending():
    """Send pending changes to the index behind the alias; rows stay pending on failure."""
    es = writer()
    while True:
        rows = list(SearchDocument.objects.filter(pending=True).order_by("pk")[:BULK_CHUNK])
        if not rows:
            return
        actions = [
            {"_op_type": "delete", "_index": alias(), "_id": row.es_id}
            if row.removed
            else {"_index": alias(), "_id": row.es_id, "_source": source(row)}
            for row in rows
        ]
        _, errors = helpers.bulk(es, actions, max_retries=0, raise_on_error=False)
        failed = {
            item["delete"]["_id"] if "delete" in item else item["index"]["_id"]
            for item in errors
            if item.get("delete", {}).get("status") != 404
        }
        if failed:
            raise RuntimeError(f"Elasticsearch refused {len(failed)} documents: {errors[:3]}")
        es.indices.refresh(index=alias())
        for row in rows:
            # A row changed again meanwhile stays pending for the next push.
            same = SearchDocument.objects.filter(pk=row.pk, changed_at=row.changed_at)
            if row.removed:
                same.delete()
            else:
                same.update(pending=False)


def ping():
    try:
        return bool(client().info())
    except UNAVAILABLE:
        return False


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    unavailable = UNAVAILABLE

    def search(self):
        return Search(using=client(), index=alias())

    def text_query(self, units):
        """`ranking`'s rules: every phrase and enough of the words must match; constant
        points per unit (its best match) and per pair of words in the title."""
        words = [unit for unit in units if not unit.phrase]
        must = [self.unit_query(unit) for unit in units if unit.phrase]
        if words:
            must.append(
                Q(
                    "bool",
                    should=[self.unit_query(unit) for unit in words],
                    minimum_should_match=ranking.required(len(words)),
                )
            )
        should = [
            Q(
                "dis_max",
                queries=[
                    _points(
                        ranking.PAIR[how],
                        "match_phrase",
                        field,
                        {"query": " ".join(pair), "slop": ranking.PAIR_SLOP},
                    )
                    for how, field, pair in (
                        ("exact", "title", exact),
                        ("folded", "title_folded", folded),
                    )
                ],
            )
            for exact, folded in ranking.pairs(units)
        ]
        return Q("bool", must=must, should=should)

    @staticmethod
    def unit_query(unit):
        kind = "match_phrase" if unit.phrase else "match"
        ways = {
            "exact": ("", {"query": unit.text}),
            "folded": ("_folded", {"query": unit.folded_text}),
            "typo": (
                "_folded",
                {
                    "query": unit.folded_text,
                    "fuzziness": TYPO_EDITS,
                    "prefix_length": TYPO_PREFIX,
                },
            ),
        }
        return Q(
            "dis_max",
            queries=[
                _points(ranking.COVERAGE + points, kind, field + ways[how][0], ways[how][1])
                for points, field, how in ranking.matches()
                if how != "typo" or unit.tolerates_typo
            ],
        )

    @staticmethod
    def filter_query(filters, skip=None):
        terms = [Q("term", **{name: value}) for name, value in filters.items() if name != skip]
        return Q("bool", filter=terms) if terms else Q("match_all")

    def summary(self, query):
        """Exact counts, whatever their size: Elasticsearch counts from its posting lists."""
        s = self.search().query(self.text_query(query.units)).extra(size=0, track_total_hits=True)
        s = s.post_filter(self.filter_query(query.filters))
        for name in FACETS.values():
            # Each facet counts with the other facets' filters, not its own.
            s.aggs.bucket(name, "filter", filter=self.filter_query(query.filters, skip=name))
            s.aggs[name].bucket("values", "terms", field=name, size=FACET_SIZE)
        response = s.execute()
        facets = {
            name: [
                (bucket.key, bucket.doc_count)
                for bucket in response.aggregations[name]["values"].buckets
                if bucket.key not in ("", None)
            ]
            for name in FACETS.values()
        }
        return Summary(response.hits.total.value, facets)

    def hits(self, query, offset, limit):
        text = self.text_query(query.units)
        if query.named:
            ids = [f"{kind}-{pk}" for kind, pk in query.named]
            text = Q("bool", must=[text], should=[_points(ranking.NAMED, "ids", "values", ids)])
        s = self.search().query(text)
        s = s.filter(self.filter_query(query.filters))
        s = s.sort("-date") if query.sort == "newest" else s.sort("_score", "-date")
        s = s.source(list(HIT_FIELDS))
        return [hit.to_dict() for hit in s[offset : offset + limit].execute()]

    def suggest(self, units, limit):
        text = " ".join(unit.folded_text for unit in units)
        # Every word typed, the last one perhaps unfinished.
        s = self.search().query(
            "match_bool_prefix", title_folded={"query": text, "operator": "and"}
        )
        s = s.source(list(SUGGESTION_FIELDS))[:limit]
        return [hit.to_dict() for hit in s.execute()]

    def held(self):
        hits = helpers.scan(writer(), index=alias(), _source=False, size=1000)
        held = set()
        for hit in hits:
            kind, _, pk = hit["_id"].rpartition("-")
            held.add((kind, int(pk)))
        return held

    def repair(self, missing, extra):
        """Send the database copy of `missing` again, delete the documents of `extra`."""
        for kind, ids in by_kind(missing).items():
            SearchDocument.objects.filter(kind=kind, object_id__in=ids).update(pending=True)
        helpers.bulk(
            writer(),
            (
                {"_op_type": "delete", "_index": alias(), "_id": f"{kind}-{pk}"}
                for kind, pk in extra
            ),
            raise_on_error=False,
        )
        push_pending()


def _points(points, kind, field, params):
    """`points` for a document that `kind` of query on `field` matches, whatever BM25 says."""
    return Q("constant_score", filter=Q(kind, **{field: params}), boost=points)

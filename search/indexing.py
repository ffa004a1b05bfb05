"""Keeping the search documents true to the content.

The database copy is written at once, in the editor's transaction, so the database engine is
never behind. Elasticsearch is fed from those rows by a background task on a durable queue:
rows stay `pending` until Elasticsearch has taken them, so a change made while it is down is
pushed when it is back.
"""

import functools

from django.conf import settings
from django.utils import timezone

from website.deferral import Deferral
from website.text import fold, words

from .models import SearchDocument, SearchTerm
from .registry import adapter_for


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


def padded(tokens):
    return f" {' '.join(tokens)} " if tokens else ""


def document_fields(adapter, obj):
    doc = adapter.get_document(obj)
    return {
        "url": doc.url,
        "section": doc.section,
        "commune": doc.commune,
        "date": doc.date,
        "year": doc.date.year if doc.date else None,
        **text_fields(title=doc.title, lead=doc.lead, body=doc.body),
    }


def text_fields(**texts):
    """Each text as written, as padded words and folded."""
    values = dict(texts)
    for name, text in texts.items():
        tokens = words(text)
        values[f"{name}_words"] = padded(tokens)
        values[f"{name}_folded"] = padded([_fold_word(t) for t in tokens])
    return values


# A story's words are mostly words already seen: folding each anew was most of the time
# spent writing documents in bulk.
_fold_word = functools.lru_cache(maxsize=65536)(fold)


def store(adapter, obj, pending=None):
    store_many(adapter, [obj], pending)


def store_many(adapter, objects, pending=None):
    """Write the documents of `objects` (all of `adapter`'s kind) in one statement."""
    documents = []
    for obj in objects:
        values = document_fields(adapter, obj)
        values.update(
            removed=False,
            pending=elasticsearch_enabled() if pending is None else pending,
            changed_at=timezone.now(),
        )
        documents.append(SearchDocument(kind=adapter.kind, object_id=obj.pk, **values))
    if not documents:
        return
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=list(values),
    )
    remember_words(
        *(
            text
            for doc in documents
            for text in (doc.title_folded, doc.lead_folded, doc.body_folded)
        )
    )


def remember_words(*folded_texts):
    terms = {t for text in folded_texts for t in text.split() if 1 < len(t) <= 100}
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, length=len(t)) for t in terms], ignore_conflicts=True
    )


def remove(kind, object_ids):
    rows = SearchDocument.objects.filter(kind=kind, object_id__in=object_ids)
    if elasticsearch_enabled():
        rows.update(removed=True, pending=True, changed_at=timezone.now())
    else:
        rows.delete()


def sync(objects):
    """Bring the documents of `objects` (any model) in line with what readers may see; inside
    `deferred()` (an import), together at the end: a few queries per 500 objects instead of a
    few per object."""
    if not _batched.note(objects):
        _sync_now(objects)


def _sync_now(objects):
    by_adapter = {}
    for obj in objects:
        adapter = adapter_for(obj)
        if adapter is not None:
            by_adapter.setdefault(adapter.kind, (adapter, set()))[1].add(obj.pk)
    for adapter, pks in by_adapter.values():
        pks = sorted(pks)
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            searchable = list(adapter.get_queryset().filter(pk__in=chunk))
            store_many(adapter, searchable)
            remove(adapter.kind, set(chunk) - {obj.pk for obj in searchable})
    if by_adapter:
        push_later()


_batched = Deferral(
    "search_sync_deferred", lambda batches: _sync_now([obj for objs in batches for obj in objs])
)
# For the `defer_during_import` hook (wagtail_hooks.py).
deferred = _batched.deferred


def push_later():
    """Queue a push to Elasticsearch. On the database queue the task row is written in the
    same transaction as the change it carries: both are kept or neither."""
    if elasticsearch_enabled():
        from .tasks import push_to_elasticsearch

        push_to_elasticsearch.enqueue()


def refresh_all(progress=None):
    """Rewrite every document from the content itself; drop those no longer searchable."""
    from .registry import adapters

    done = 0
    for adapter in adapters():
        kept = set()
        for obj in adapter.get_queryset().iterator(chunk_size=500):
            store(adapter, obj)
            kept.add(obj.pk)
            done += 1
            if progress:
                progress(done)
        known = SearchDocument.objects.filter(kind=adapter.kind, removed=False)
        remove(adapter.kind, set(known.values_list("object_id", flat=True)) - kept)
    return done

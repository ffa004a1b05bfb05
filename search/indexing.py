"""Keeping the search documents true to the content.

The database copy is written at once, in the editor's transaction, so the database engine is
never behind. Elasticsearch is fed from those rows by a background task on a durable queue:
rows stay `pending` until Elasticsearch has taken them, so a change made while it is down is
pushed when it is back.
"""

from django.conf import settings
from django.utils import timezone

from .folding import fold, words
from .models import SearchDocument, SearchTerm
from .registry import adapter_for


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


def padded(tokens):
    return f" {' '.join(tokens)} " if tokens else ""


def document_fields(adapter, obj):
    doc = adapter.get_document(obj)
    fields = {"title": doc.title, "lead": doc.lead, "body": doc.body}
    values = {
        "url": doc.url,
        "section": doc.section,
        "commune": doc.commune,
        "date": doc.date,
        "year": doc.date.year if doc.date else None,
        **fields,
    }
    for name, text in fields.items():
        tokens = words(text)
        values[f"{name}_words"] = padded(tokens)
        values[f"{name}_folded"] = padded([fold(t) for t in tokens])
    return values


def store(adapter, obj, pending=None):
    values = document_fields(adapter, obj)
    values.update(
        removed=False,
        pending=elasticsearch_enabled() if pending is None else pending,
        changed_at=timezone.now(),
    )
    SearchDocument.objects.update_or_create(kind=adapter.kind, object_id=obj.pk, defaults=values)
    remember_words(values["title_folded"], values["lead_folded"], values["body_folded"])


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
    """Bring the documents of `objects` (any model) in line with what readers may see."""
    changed = False
    for obj in objects:
        adapter = adapter_for(obj)
        if adapter is None:
            continue
        if adapter.is_searchable(obj):
            store(adapter, adapter.get_queryset().get(pk=obj.pk))
        else:
            remove(adapter.kind, [obj.pk])
        changed = True
    if changed:
        push_later()


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

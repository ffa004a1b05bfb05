"""Which pages cite which documents (the Citation table), and the links readers follow.

A page's citations are rewritten when it is published (any page type with a body or rich
text: stories, exemplars, inventories and whatever app comes next); those of a key when a
document with that key is published, unpublished or deleted. Links are made when a page is
shown (`website_tags.body_html` through this app's `filter_body_html` hook), so editors' text
is never rewritten.
"""

from collections import defaultdict

from django.db import transaction
from wagtail.fields import RichTextField, StreamField

from website import fragments
from website.deferral import Deferral
from website.text import html_paragraphs, stream_text

from .models import Citation, DocumentPage
from .references import find_references


def page_text(page):
    """The text of every StreamField and rich text field of `page` (whatever each app calls
    its body)."""
    parts = []
    for field in page._meta.fields:
        if isinstance(field, StreamField):
            parts.append(stream_text(getattr(page, field.name)))
        elif isinstance(field, RichTextField):
            parts.append("\n".join(html_paragraphs(getattr(page, field.name))))
    return "\n".join(parts)


def _documents():
    """{key: document} for live, public documents, with "ct-5" standing for the one document
    numbered 5 among the directives when only one is (a story's "Chỉ thị số 05")."""
    found = {}
    by_partial = defaultdict(list)
    for document in DocumentPage.objects.live().public().defer("file_text"):
        found[document.key] = document
        by_partial["-".join(document.key.split("-")[:2])].append(document)
    for partial, documents in by_partial.items():
        if len(documents) == 1:
            found.setdefault(partial, documents[0])
    return found


def known_links():
    """{key: (url, title)} of the documents readers can open, until the content changes."""

    def compute():
        return {key: (document.get_url(), document.title) for key, document in _documents().items()}

    return fragments.cached("document-links", compute)


def record(page):
    """Rewrite the citations of `page` from its text as published (during an import, with the
    rest of its batch)."""
    if not _batched.note(page):
        record_many([page])


def record_many(pages):
    labels = {}
    for page in pages:  # the last version of a page published twice counts
        labels[page.pk] = {}
        for reference in find_references(page_text(page)):
            labels[page.pk].setdefault(reference.key, reference.text[:120])
    documents = _documents() if any(labels.values()) else {}
    with transaction.atomic():
        Citation.objects.filter(page_id__in=labels).delete()
        Citation.objects.bulk_create(
            Citation(page_id=pk, key=key, label=label, document=documents.get(key))
            for pk, found in labels.items()
            for key, label in found.items()
        )


_batched = Deferral("documents_citations", record_many)
# For the `defer_during_import` hook (wagtail_hooks.py).
deferred = _batched.deferred


def relink(keys=(), document=None):
    """Point the citations of `keys`, and those that pointed at `document`, at whatever live
    document now has their key (or at nothing)."""
    documents = _documents()
    citations = Citation.objects.filter(key__in=set(keys))
    if document is not None:
        citations = citations | Citation.objects.filter(document_id=document.pk)
    changed = []
    for citation in citations:
        target = documents.get(citation.key)
        if citation.document_id != (target.pk if target else None):
            citation.document = target
            changed.append(citation)
    Citation.objects.bulk_update(changed, ["document"])


def keys_of(document):
    """The keys that may stand for `document`: its own and its kind and number."""
    return {document.key, "-".join(document.key.split("-")[:2])}

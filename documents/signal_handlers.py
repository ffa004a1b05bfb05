from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from . import citations
from .models import DocumentPage


def citing_page_published(sender, instance, **kwargs):
    citations.record(instance)


def document_changed(sender, instance, **kwargs):
    """Published (perhaps with a new number), unpublished or deleted: the citations of its
    keys, and those that pointed at it, follow. Stories show the change at once: every page
    publication, unpublication and deletion replaces the content version their rendering is
    cached under (website.fragments)."""
    citations.relink(citations.keys_of(instance), instance)


def connect():
    # Any page type: whatever has a body may cite a document.
    page_published.connect(citing_page_published)
    page_published.connect(document_changed, sender=DocumentPage)
    page_unpublished.connect(document_changed, sender=DocumentPage)
    post_delete.connect(document_changed, sender=DocumentPage)

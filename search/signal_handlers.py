from django.db.models.query import EmptyQuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing
from .registry import adapter_for, adapters


def page_changed(sender, instance, **kwargs):
    indexing.sync([instance.specific_deferred])


def page_moved(sender, instance, **kwargs):
    """A moved page changes the URL (and maybe the section) of everything under it."""
    pages = Page.objects.descendant_of(instance, inclusive=True).specific(defer=True)
    indexing.sync(pages)


def privacy_changed(sender, instance, **kwargs):
    """A page made private hides itself and everything under it from the search; made public
    again, it shows them again."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # else deleted with its page, which removed the documents
        page_moved(sender, page)


def dependents_published(sender, instance, **kwargs):
    for adapter in adapters():
        outdated = adapter.outdated_by(instance)
        # Most know without a query that nothing is (`none()`); asking `exists()` of those
        # anyway cost an import 0.6 ms a story.
        if not isinstance(outdated, EmptyQuerySet) and outdated.exists():
            indexing.sync(outdated)


def object_deleted(sender, instance, **kwargs):
    adapter = adapter_for(instance)
    if adapter is not None:
        indexing.remove(adapter.kind, [instance.pk])
        indexing.push_later()


def connect():
    for adapter in adapters():
        model = adapter.model
        if issubclass(model, Page):
            page_published.connect(page_changed, sender=model)
            page_unpublished.connect(page_changed, sender=model)
        post_delete.connect(object_deleted, sender=model)
    post_page_move.connect(page_moved)
    page_published.connect(dependents_published)
    post_save.connect(privacy_changed, sender=PageViewRestriction)
    post_delete.connect(privacy_changed, sender=PageViewRestriction)

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing
from .registry import adapter_for, adapters


def page_changed(sender, instance, **kwargs):
    indexing.sync([instance.specific_deferred])


def page_moved(sender, instance, **kwargs):
    """A moved page changes the URL (and maybe the section) of everything under it."""
    pages = Page.objects.descendant_of(instance, inclusive=True).specific(defer=True)
    indexing.sync(pages)


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

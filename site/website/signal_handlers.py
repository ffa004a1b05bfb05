"""Dropping cached fragments and purging the front cache when what readers see changes
(docs/caching.md)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import admin_labels, fragments, frontend_cache
from .models import Commune, OfficeSettings, WebsiteLink


def drop_fragments(sender, **kwargs):
    """Every page shows the links box and the office's details; and a page that went live,
    changed, left, moved or changed privacy may be in any feed or listing: the next request
    rebuilds them."""
    fragments.changed()


def drop_fragments_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction):
        fragments.changed()


def purge_published(sender, instance, **kwargs):
    frontend_cache.page_published(instance)


def purge_removed(sender, instance, **kwargs):
    frontend_cache.page_removed(instance)


def purge_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        frontend_cache.page_removed(instance)


def purge_restricted(sender, instance, **kwargs):
    # Gone with its page when the page is deleted, which purges by itself.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        frontend_cache.page_removed(page)


def purge_office_site(sender, instance, **kwargs):
    frontend_cache.ban_site(instance.site)


def purge_every_site(sender, **kwargs):
    frontend_cache.ban_all_sites()


def site_changed(sender, **kwargs):
    """Feeds, fragments and pages are built with the site's address (and the cached Site holds
    its home page): none may keep an old one."""
    fragments.changed()
    frontend_cache.ban_all_sites()


def name_permissions(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """After each app's migrations (and each flush), its permissions are named in the site's
    language. Django's own handler, which creates them, may come after this one: it runs first
    here (it creates only what is missing)."""
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    admin_labels.name_permissions(using, sender.label)


def connect():
    # Communes are named in list filters and on exemplar and inventory pages.
    for model in (WebsiteLink, OfficeSettings, Commune):
        post_save.connect(drop_fragments, sender=model)
        post_delete.connect(drop_fragments, sender=model)
    # Any page type, so that every app's pages, feeds and listings are kept fresh: cached
    # fragments first, then the front cache.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(drop_fragments)
    post_delete.connect(drop_fragments_on_delete)
    post_save.connect(drop_fragments, sender=PageViewRestriction)
    page_published.connect(purge_published)
    page_unpublished.connect(purge_removed)
    post_page_move.connect(purge_removed)
    post_delete.connect(purge_deleted)
    post_save.connect(purge_restricted, sender=PageViewRestriction)
    post_delete.connect(purge_restricted, sender=PageViewRestriction)
    # The office's details are in every page's header and footer, the links in every sidebar.
    post_save.connect(purge_office_site, sender=OfficeSettings)
    for model in (WebsiteLink, Commune):
        post_save.connect(purge_every_site, sender=model)
        post_delete.connect(purge_every_site, sender=model)
    # A site's address and home page: cached with the site, and in every link of its pages.
    post_save.connect(site_changed, sender=Site)
    post_delete.connect(site_changed, sender=Site)
    # Django names permissions in English.
    post_migrate.connect(name_permissions, dispatch_uid="website.name_permissions")

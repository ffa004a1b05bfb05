from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def set_publication_date(sender, instance, **kwargs):
    """A story published without a date takes the moment it first went live."""
    if instance.published_at is None:
        instance.published_at = instance.first_published_at
        type(instance).objects.filter(pk=instance.pk).update(published_at=instance.published_at)


def drop_cached_feeds(sender, **kwargs):
    """A page went live, changed, left, moved or changed privacy: the next pull rebuilds."""
    from . import feeds

    feeds.content_changed()


def drop_cached_feeds_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction):
        drop_cached_feeds(sender)


def feedback_changed(sender, instance, created=False, **kwargs):
    """Approved feedback shows under its story: an approval, an edit or a removal changes the
    page (a new, unapproved message does not)."""
    from website import frontend_cache

    from . import feeds

    if created and not instance.approved:
        return
    feeds.content_changed()  # the site-wide Last-Modified
    frontend_cache.page_changed(instance.article)


def connect():
    from website.models import OfficeSettings

    from .models import ArticlePage, Feedback

    page_published.connect(set_publication_date, sender=ArticlePage)
    # Any page type, so that feeds of other apps' pages are kept fresh too.
    page_published.connect(drop_cached_feeds)
    page_unpublished.connect(drop_cached_feeds)
    post_page_move.connect(drop_cached_feeds)
    post_delete.connect(drop_cached_feeds_on_delete)
    post_save.connect(drop_cached_feeds, sender=PageViewRestriction)
    post_save.connect(drop_cached_feeds, sender=OfficeSettings)
    post_save.connect(feedback_changed, sender=Feedback)
    post_delete.connect(feedback_changed, sender=Feedback)

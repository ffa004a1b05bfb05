from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from website import fragments


def drop_cached_feeds(sender, **kwargs):
    """A page went live, changed, left, moved or changed privacy: the next pull rebuilds, and
    so does every cached fragment of readers' pages."""
    fragments.changed()


def follow_move(sender, instance, parent_page_after, **kwargs):
    """A story moved to another section: its listings follow it."""
    from .models import ArticlePage

    ArticlePage.objects.filter(pk=instance.pk).update(section_id=parent_page_after.pk)


def drop_cached_feeds_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction):
        drop_cached_feeds(sender)


def feedback_changed(sender, instance, created=False, **kwargs):
    """Approved feedback shows under its story: an approval, an edit or a removal changes the
    page (a new, unapproved message does not)."""
    from website import frontend_cache

    if created and not instance.approved:
        return
    fragments.changed()  # the site-wide Last-Modified
    frontend_cache.page_changed(instance.article)


def connect():
    from .models import ArticlePage, Feedback

    # Any page type, so that feeds of other apps' pages are kept fresh too.
    page_published.connect(drop_cached_feeds)
    page_unpublished.connect(drop_cached_feeds)
    post_page_move.connect(follow_move, sender=ArticlePage)
    post_page_move.connect(drop_cached_feeds)
    post_delete.connect(drop_cached_feeds_on_delete)
    post_save.connect(drop_cached_feeds, sender=PageViewRestriction)
    post_save.connect(feedback_changed, sender=Feedback)
    post_delete.connect(feedback_changed, sender=Feedback)

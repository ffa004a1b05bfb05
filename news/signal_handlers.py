from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move

from website import fragments, frontend_cache

from .models import ArticlePage, Feedback


def follow_move(sender, instance, parent_page_after, **kwargs):
    """A story moved to another section: its listings follow it."""
    ArticlePage.objects.filter(pk=instance.pk).update(section_id=parent_page_after.pk)


def feedback_changed(sender, instance, created=False, **kwargs):
    """Approved feedback shows under its story: an approval, an edit or a removal changes the
    page (a new, unapproved message does not)."""
    if created and not instance.approved:
        return
    fragments.changed()  # the site-wide Last-Modified
    frontend_cache.page_changed(instance.article)


def connect():
    post_page_move.connect(follow_move, sender=ArticlePage)
    post_save.connect(feedback_changed, sender=Feedback)
    post_delete.connect(feedback_changed, sender=Feedback)

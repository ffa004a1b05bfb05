from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from website import fragments, frontend_cache
from website.deferral import Deferral

from .models import ArticlePage, Feedback, SectionPage, SectionStoryCount

EVERY_SECTION = None


def follow_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A story moved to another section: its listings follow it."""
    ArticlePage.objects.filter(pk=instance.pk).update(section_id=parent_page_after.pk)
    sections_changed({parent_page_before.pk, parent_page_after.pk})


def story_listed_or_not(sender, instance, **kwargs):
    """Published, unpublished or deleted: its section's count may change."""
    if instance.section_id is None:
        return
    if instance.section_id in _sections_deleted:
        if transaction.get_connection().in_atomic_block:
            return
        _sections_deleted.discard(instance.section_id)  # left by a deletion that failed
    sections_changed({instance.section_id})


# Sections being deleted (always in a transaction): their stories go with them, each with its
# own signal, and there is nothing left to count (17,000 recounts for a large section).
_sections_deleted = set()


def section_deleting(sender, instance, **kwargs):
    _sections_deleted.add(instance.pk)


def section_deleted(sender, instance, **kwargs):
    _sections_deleted.discard(instance.pk)


def privacy_changed(sender, **kwargs):
    sections_changed(EVERY_SECTION)


def sections_changed(section_ids):
    """Count the sections' stories again (every section's with EVERY_SECTION), inside the
    change's transaction where there is one; during an import, once at the end of each batch."""
    noted = [EVERY_SECTION] if section_ids is EVERY_SECTION else list(section_ids)
    if not all(_counts.note(pk) for pk in noted):
        _recount(noted)


def _recount(noted):
    SectionStoryCount.recount(None if EVERY_SECTION in noted else set(noted))
    # A reader may have kept the old count since this change's own replacement of the cache.
    fragments.changed()


_counts = Deferral("section_counts", _recount)
# For the `defer_during_import` hook (news/wagtail_hooks.py).
counts_deferred = _counts.deferred


def feedback_changed(sender, instance, created=False, **kwargs):
    """Approved feedback shows under its story: an approval, an edit or a removal changes the
    page (a new, unapproved message does not)."""
    if created and not instance.approved:
        return
    fragments.changed()  # the site-wide Last-Modified
    frontend_cache.page_changed(instance.article)


def connect():
    post_page_move.connect(follow_move, sender=ArticlePage)
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(story_listed_or_not, sender=ArticlePage)
    pre_delete.connect(section_deleting, sender=SectionPage)
    post_delete.connect(section_deleted, sender=SectionPage)
    post_save.connect(privacy_changed, sender=PageViewRestriction)
    post_delete.connect(privacy_changed, sender=PageViewRestriction)
    post_save.connect(feedback_changed, sender=Feedback)
    post_delete.connect(feedback_changed, sender=Feedback)

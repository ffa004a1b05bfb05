from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from website import fragments, frontend_cache
from website.deferral import Deferral


def story_published(sender, instance, **kwargs):
    """A submission accepted as a story is published when the story is (and not again when a
    later stage, on air or sent to the province, has been reached); in an import, for the
    whole batch at its end."""
    if not _published.note(instance.pk):
        mark_published([instance.pk])


def mark_published(story_ids):
    from .models import Submission, SubmissionStatus

    Submission.objects.filter(
        story_id__in=story_ids,
        status__in=[SubmissionStatus.RECEIVED, SubmissionStatus.EDITING],
    ).update(status=SubmissionStatus.PUBLISHED)


_published = Deferral("radio_stories_published", mark_published)
# For the `defer_during_import` hook (wagtail_hooks.py).
published_deferred = _published.deferred


def story_unpublished(sender, instance, **kwargs):
    from .models import Submission, SubmissionStatus

    Submission.objects.filter(story_id=instance.pk, status=SubmissionStatus.PUBLISHED).update(
        status=SubmissionStatus.EDITING
    )


def contribution_saved(sender, instance, **kwargs):
    from .models import Submission, SubmissionStatus

    if instance.story_id or instance.submission_id:
        sent = Q(story_id=instance.story_id) if instance.story_id else Q(pk=instance.submission_id)
        Submission.objects.filter(sent).exclude(status=SubmissionStatus.DECLINED).update(
            status=SubmissionStatus.PROVINCE
        )


def programmes_changed(sender, **kwargs):
    """The slots' podcast feeds list aired programmes: built again on the next request, and
    gone from the front cache."""
    from wagtail.models import Site

    fragments.changed()
    for site in Site.objects.all():
        frontend_cache.ban(frontend_cache.host_of(site.root_url), ["^/feeds/"])


def connect():
    from news.models import ArticlePage

    from .models import Contribution, Programme, Slot

    page_published.connect(story_published, sender=ArticlePage)
    page_unpublished.connect(story_unpublished, sender=ArticlePage)
    post_save.connect(contribution_saved, sender=Contribution)
    for model in (Programme, Slot):
        post_save.connect(programmes_changed, sender=model)
        post_delete.connect(programmes_changed, sender=model)

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished


def story_published(sender, instance, **kwargs):
    """A submission accepted as a story is published when the story is (and not again when a
    later stage, on air or sent to the province, has been reached)."""
    from .models import Submission, SubmissionStatus

    Submission.objects.filter(
        story_id=instance.pk, status__in=[SubmissionStatus.RECEIVED, SubmissionStatus.EDITING]
    ).update(status=SubmissionStatus.PUBLISHED)


def story_unpublished(sender, instance, **kwargs):
    from .models import Submission, SubmissionStatus

    Submission.objects.filter(story_id=instance.pk, status=SubmissionStatus.PUBLISHED).update(
        status=SubmissionStatus.EDITING
    )


def contribution_saved(sender, instance, **kwargs):
    from .models import Submission, SubmissionStatus

    if instance.story_id:
        Submission.objects.filter(story_id=instance.story_id).exclude(
            status=SubmissionStatus.DECLINED
        ).update(status=SubmissionStatus.PROVINCE)


def connect():
    from news.models import ArticlePage

    from .models import Contribution

    page_published.connect(story_published, sender=ArticlePage)
    page_unpublished.connect(story_unpublished, sender=ArticlePage)
    post_save.connect(contribution_saved, sender=Contribution)

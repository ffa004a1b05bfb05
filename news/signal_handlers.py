from wagtail.signals import page_published


def set_publication_date(sender, instance, **kwargs):
    """A story published without a date takes the moment it first went live."""
    if instance.published_at is None:
        instance.published_at = instance.first_published_at
        type(instance).objects.filter(pk=instance.pk).update(published_at=instance.published_at)


def connect():
    from .models import ArticlePage

    page_published.connect(set_publication_date, sender=ArticlePage)

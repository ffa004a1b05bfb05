from django.db.models.signals import post_delete, post_save

from . import fragments


def drop_fragments(sender, **kwargs):
    """Every page shows the links box and the office's details."""
    fragments.changed()


def connect():
    from .models import OfficeSettings, WebsiteLink

    for model in (WebsiteLink, OfficeSettings):
        post_save.connect(drop_fragments, sender=model)
        post_delete.connect(drop_fragments, sender=model)

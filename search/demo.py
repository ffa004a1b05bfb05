"""The demo's search documents, rewritten from the demo content (idempotent)."""

from django.utils.translation import gettext as _

from . import indexing
from .registry import adapters

# Indexes the content of every app with an adapter, so it loads after their demos.
LOAD_AFTER = tuple(adapter.model._meta.app_config.name for adapter in adapters())


def load(stdout):
    count = indexing.refresh_all()
    stdout.write(_("Search: %(count)d documents indexed.") % {"count": count})

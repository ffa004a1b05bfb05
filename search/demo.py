"""The demo's search documents, rewritten from the demo content (idempotent)."""

from django.utils.translation import gettext as _

from . import indexing


def load(stdout):
    count = indexing.refresh_all()
    stdout.write(_("Search: %(count)d documents indexed.") % {"count": count})

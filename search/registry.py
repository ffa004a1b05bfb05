"""The kinds of content the site search covers, one adapter each.

An adapter says which objects are searchable and what a search document holds for each;
signal handlers, the rebuild command and both engines work through it. An app makes its
content searchable with a `ContentAdapter` subclass in its own `search.py` (`news.search`,
`exemplars.search`, `media.search`); the registry finds them on first use through Wagtail's
`get_app_submodules`, the way Wagtail finds `wagtail_hooks`.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from wagtail.utils.apps import get_app_submodules


@dataclass
class Document:
    title: str
    lead: str
    body: str
    url: str
    date: datetime | None
    section: str = ""
    commune: str = ""


class ContentAdapter:
    kind = ""  # stored in the index and used in ?type=; a subclass without one is abstract
    label = ""  # what readers see in the "type" facet
    model = None

    def get_queryset(self):
        """Every object readers may find."""
        raise NotImplementedError

    def get_document(self, obj):
        raise NotImplementedError

    def named_by(self, text):
        """(ids, text to search instead) when a query `text` as a whole names objects of this
        kind (a document's number, in any spelling), else None. Those objects rank first
        (`ranking.NAMED`); the text they are written with is searched, so that what cites them
        is found as well."""
        return None

    def outdated_by(self, page):
        """Objects whose documents show something of `page` that its publication changed."""
        return self.model.objects.none()


@functools.cache
def _by_kind():
    """{kind: adapter}: one adapter of each kind the apps' `search.py` modules define (Wagtail's
    own `wagtail.search` is among those modules and defines none)."""
    found = {}
    for _app, module in get_app_submodules("search"):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, ContentAdapter)
                and value.__module__ == module.__name__
                and value.kind
            ):
                found[value.kind] = value()
    return found


def adapters():
    return list(_by_kind().values())


def get_adapter(kind):
    return _by_kind()[kind]


def adapter_for(obj):
    for adapter in _by_kind().values():
        if isinstance(obj, adapter.model):
            return adapter
    return None

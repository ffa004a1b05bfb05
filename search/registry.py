"""The kinds of content the site search covers, one adapter each.

An adapter says which objects are searchable and what a search document holds for each;
signal handlers, the rebuild command and both engines work through it. Adding a kind is a
subclass of `ContentAdapter` registered in the owning app's `AppConfig.ready()`.
"""

from dataclasses import dataclass
from datetime import datetime


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
    kind = ""  # stored in the index and used in ?type=
    label = ""  # what readers see in the "type" facet
    model = None

    def get_queryset(self):
        """Every object readers may find."""
        raise NotImplementedError

    def get_document(self, obj):
        raise NotImplementedError

    def outdated_by(self, page):
        """Objects whose documents show something of `page` that its publication changed."""
        return self.model.objects.none()


_adapters = {}


def register(adapter):
    _adapters[adapter.kind] = adapter
    return adapter


def adapters():
    return list(_adapters.values())


def get_adapter(kind):
    return _adapters[kind]


def adapter_for(obj):
    for adapter in _adapters.values():
        if isinstance(obj, adapter.model):
            return adapter
    return None

"""Filters of a reader list, read from GET parameters: any combination works, and a value that
makes no sense is dropped (and named, for the page to say so if it wants) instead of failing."""

import hashlib
from urllib.parse import urlencode

from django import forms

from . import fragments
from .models import Commune


def commune_choices():
    """(slug, name) of every commune, in the snippet's order (kept until the content changes,
    which saving a commune does)."""
    return fragments.cached(
        "communes", lambda: [(commune.slug, str(commune)) for commune in Commune.objects.all()]
    )


class ListFilterForm(forms.Form):
    """Subclasses declare one optional field per GET parameter and, in `lookups`, the queryset
    lookup each valid value filters on; a filter that needs more overrides `filter`."""

    lookups = {}

    @property
    def ignored(self):
        """(label, value) of each filter whose value made no sense."""
        return [(self.fields[name].label, self.data.get(name)) for name in self.errors]

    @property
    def active(self):
        return any(self.valid_values().values())

    @property
    def key(self):
        """The filters that apply, as a short hash: what a cached page of the list is kept
        under (invalid values, which are left out, do not make new copies)."""
        values = urlencode(sorted(self.valid_values().items()))
        return hashlib.md5(values.encode(), usedforsecurity=False).hexdigest()

    def valid_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, items):
        values = self.valid_values()
        return items.filter(
            **{lookup: values[name] for name, lookup in self.lookups.items() if name in values}
        )

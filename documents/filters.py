"""The filters of the document library (the rules are `website.filters.ListFilterForm`'s)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website import fragments
from website.filters import ListFilterForm

from . import references
from .choices import DocumentKind, DocumentLevel

EVERYTHING = [("", _("All"))]


class NumberField(forms.CharField):
    """A number and symbol in any spelling readers type ("05/CT-TW", "chi thi 05", "CT05"),
    read by the reference parser; what it cannot read is an invalid value."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        reference = references.parse_query(text)
        if reference is None:
            raise forms.ValidationError(_("Not a document number."), code="invalid")
        return reference


class DocumentFilterForm(ListFilterForm):
    number = NumberField(
        label=_("Number and symbol"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "05-CT/TW"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    issuer = forms.ChoiceField(label=_("Issuing body"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year issued"), required=False, coerce=int, empty_value=None
    )

    lookups = {"kind": "kind", "issuer": "issuer", "level": "level", "year": "date_issued__year"}

    def __init__(self, data, *, index):
        """The choices offer the values of the documents of the library `index` (one query,
        kept until the content changes)."""
        super().__init__(data, auto_id="filter-%s")
        found = fragments.cached(
            f"document-filters:{index.pk}",
            lambda: set(
                index.get_documents().values_list("kind", "level", "issuer", "date_issued__year")
            ),
        )
        kinds = {kind for kind, _level, _issuer, _year in found}
        levels = {level for _kind, level, _issuer, _year in found}
        issuers = sorted({issuer for _kind, _level, issuer, _year in found if issuer})
        years = sorted({year for *_rest, year in found if year}, reverse=True)
        self.fields["kind"].choices = EVERYTHING + [
            (value, label) for value, label in DocumentKind.choices if value in kinds
        ]
        self.fields["level"].choices = EVERYTHING + [
            (value, label) for value, label in DocumentLevel.choices if value in levels
        ]
        self.fields["issuer"].choices = EVERYTHING + [(name, name) for name in issuers]
        self.fields["year"].choices = EVERYTHING + [(str(year), str(year)) for year in years]

    def filter(self, documents):
        documents = super().filter(documents)
        reference = self.valid_values().get("number")
        if reference is not None:
            documents = documents.filter(number_lookup(reference))
        return documents


def number_lookup(reference):
    """The documents a reference may mean: its key when it names the issuer ("05-CT/TW"), else
    every document of that kind and number ("chi thi 05", "CT05")."""
    if reference.issuer:
        return Q(key=reference.key)
    return Q(key=reference.partial_key) | Q(key__startswith=reference.partial_key + "-")

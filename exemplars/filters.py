"""The filters of the exemplar list (the rules are `website.filters.ListFilterForm`'s)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from website import fragments
from website.filters import ListFilterForm, commune_choices

from .choices import AwardLevel, ExemplarKind
from .models import Commendation

EVERYTHING = [("", _("All"))]


def in_use(index):
    """The fields of activity and the years of commendation of the exemplars under `index`,
    and how many exemplars there are, from one query of their commendations' years (one row
    per commendation: a few hundred)."""
    rows = index.get_exemplar_pages().order_by().values_list("pk", "field", "commendations__year")
    exemplars, fields, years = set(), set(), set()
    for pk, field, year in rows:
        exemplars.add(pk)
        fields.add(field)
        years.add(year)
    return sorted(fields - {""}), sorted(years - {None}, reverse=True), len(exemplars)


class ExemplarFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    commune = forms.ChoiceField(label=_("Commune or township"), required=False)
    field = forms.ChoiceField(label=_("Field of activity"), required=False)
    level = forms.ChoiceField(label=_("Commendation level"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year of commendation"), required=False, coerce=int, empty_value=None
    )

    lookups = {"kind": "kind", "commune": "commune__slug", "field": "field"}

    def __init__(self, data, *, index):
        super().__init__(data)
        fields, years, self.unfiltered_count = fragments.cached(
            f"exemplar-choices:{index.pk}", lambda: in_use(index)
        )
        self.fields["kind"].choices = EVERYTHING + ExemplarKind.choices
        self.fields["commune"].choices = EVERYTHING + commune_choices()
        self.fields["field"].choices = EVERYTHING + [(name, name) for name in fields]
        self.fields["level"].choices = EVERYTHING + AwardLevel.choices
        self.fields["year"].choices = EVERYTHING + [(str(year), str(year)) for year in years]

    def filter(self, exemplars):
        exemplars = super().filter(exemplars)
        values = self.valid_values()
        # Level and year must hold for the same commendation: "province level in 2017".
        commendation = {name: values[name] for name in ("level", "year") if name in values}
        if commendation:
            exemplars = exemplars.filter(
                pk__in=Commendation.objects.filter(**commendation).values("page_id")
            )
        return exemplars

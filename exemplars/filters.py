"""The filters of the exemplar list: every combination works, and a value that makes no sense
is dropped with a message instead of failing."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from website.models import Commune

from .choices import AwardLevel, ExemplarKind
from .models import Commendation, ExemplarPage

EVERYTHING = [("", _("All"))]


class ExemplarFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    commune = forms.ChoiceField(label=_("Commune or township"), required=False)
    field = forms.ChoiceField(label=_("Field of activity"), required=False)
    level = forms.ChoiceField(label=_("Commendation level"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year of commendation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, index):
        super().__init__(data)
        exemplars = ExemplarPage.objects.live().public().descendant_of(index)
        fields = exemplars.exclude(field="").order_by("field").values_list("field", flat=True)
        years = (
            Commendation.objects.filter(page__in=exemplars)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["kind"].choices = EVERYTHING + ExemplarKind.choices
        self.fields["commune"].choices = EVERYTHING + [
            (commune.slug, str(commune)) for commune in Commune.objects.all()
        ]
        self.fields["field"].choices = EVERYTHING + [(name, name) for name in fields.distinct()]
        self.fields["level"].choices = EVERYTHING + AwardLevel.choices
        self.fields["year"].choices = EVERYTHING + [(str(year), str(year)) for year in years]

    @property
    def ignored(self):
        """(label, value) of each filter whose value made no sense."""
        return [(self.fields[name].label, self.data.get(name)) for name in self.errors]

    @property
    def active(self):
        return any(self.valid_values().values())

    def valid_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, exemplars):
        values = self.valid_values()
        if "kind" in values:
            exemplars = exemplars.filter(kind=values["kind"])
        if "commune" in values:
            exemplars = exemplars.filter(commune__slug=values["commune"])
        if "field" in values:
            exemplars = exemplars.filter(field=values["field"])
        # Level and year must hold for the same commendation: "province level in 2017".
        commendation = {name: values[name] for name in ("level", "year") if name in values}
        if commendation:
            exemplars = exemplars.filter(
                pk__in=Commendation.objects.filter(**commendation).values("page_id")
            )
        return exemplars

    def query_string(self):
        """The valid filters, to carry from one page of the list to the next."""
        return urlencode(self.valid_values())

"""The filters of the inventories' list (the rules are `website.filters.ListFilterForm`'s)."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from website.filters import ListFilterForm, commune_choices

from .models import InventoryItem


class InventoryFilterForm(ListFilterForm):
    # The fields are named after the public GET parameters (?nam=2017&xa=binh-an), which
    # links in the wild already use.
    nam = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    xa = forms.ChoiceField(label=_("Commune or township"), required=False)

    lookups = {"nam": "year"}

    def __init__(self, data, *, years):
        super().__init__(data, auto_id="filter-%s")
        self.fields["nam"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]
        self.fields["xa"].choices = [("", _("All communes"))] + commune_choices()

    def filter(self, inventories):
        inventories = super().filter(inventories)
        slug = self.valid_values().get("xa")
        if slug:
            inventories = inventories.filter(
                Exists(InventoryItem.objects.filter(page=OuterRef("pk"), commune__slug=slug))
            )
        return inventories

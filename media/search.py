"""How campaign inventories appear in the site search."""

import datetime
from collections import Counter

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from search.registry import ContentAdapter, Document
from website.text import stream_text

from .models import InventoryItem, InventoryPage
from .reports import describe_quantities


def campaign_sentence(page):
    """The campaign as a sentence: what was put up, when, by whom and for what."""
    values = {
        "year": page.year,
        "unit": page.responsible_unit,
        "occasion": page.occasion,
        "quantities": describe_quantities(InventoryItem.objects.filter(page=page).totals_by_kind())
        or gettext("no item yet"),
    }
    if page.responsible_unit and page.occasion:
        return gettext("In %(year)s, %(unit)s put up %(quantities)s for “%(occasion)s”.") % values
    return gettext("In %(year)s: %(quantities)s.") % values


def item_sentence(item):
    values = {
        "quantity": number_format(item.quantity, force_grouping=True),
        "kind": item.get_kind_display(),
        "location": item.location,
        "slogan": item.slogan,
    }
    if item.slogan:
        return gettext("%(quantity)s %(kind)s at %(location)s, reading “%(slogan)s”.") % values
    return gettext("%(quantity)s %(kind)s at %(location)s.") % values


class InventoryAdapter(ContentAdapter):
    kind = "inventory"
    label = _("Inventory")

    model = InventoryPage

    def get_queryset(self):
        return self.model.objects.live().public().prefetch_related("items__commune")

    def get_document(self, page):
        items = list(page.items.all())
        # A document names one commune: the one where most of the campaign's items went up.
        by_commune = Counter()
        for item in items:
            if item.commune:
                by_commune[item.commune.name] += item.quantity
        day = page.start_date if page.start_date and page.start_date.year == page.year else None
        day = day or datetime.date(page.year, 1, 1)
        return Document(
            title=page.title,
            # Sentences, so that a result's snippet reads as Vietnamese prose.
            lead=campaign_sentence(page),
            body="\n".join([stream_text(page.body)] + [item_sentence(item) for item in items]),
            url=page.get_url() or "",
            date=timezone.make_aware(datetime.datetime(day.year, day.month, day.day)),
            section=page.occasion,
            commune=by_commune.most_common(1)[0][0] if by_commune else "",
        )

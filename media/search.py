"""How campaign inventories appear in the site search."""

import datetime
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.adapters import stream_text
from search.registry import ContentAdapter, Document


class InventoryAdapter(ContentAdapter):
    kind = "inventory"
    label = _("Inventory")

    @property
    def model(self):
        from .models import InventoryPage

        return InventoryPage

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
            lead=page.summary,
            body="\n".join(
                [stream_text(page.description)]
                + [f"{item.get_kind_display()} {item.location} {item.slogan}" for item in items]
            ),
            url=page.get_url() or "",
            date=timezone.make_aware(datetime.datetime(day.year, day.month, day.day)),
            section=page.occasion,
            commune=by_commune.most_common(1)[0][0] if by_commune else "",
        )

"""Totals of an inventory, of a year and of a day, as readers see them and as CSV."""

import csv

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

CHART_BAR_HEIGHT = 28
CHART_LABEL_WIDTH = 130
CHART_WIDTH = 400

ITEM_COLUMNS = (
    "id",
    "campaign",
    "year",
    "kind",
    "quantity",
    "location",
    "commune",
    "installed_on",
    "removed_on",
    "slogan",
    "status",
    "lat",
    "lon",
)


def describe_quantities(totals_by_kind):
    """“37 băng rôn, 480 cờ Đảng, 530 cờ phướn, 21 pano”."""
    return ", ".join(
        f"{number_format(quantity, force_grouping=True)} {kind.label}"
        for kind, quantity in totals_by_kind
    )


def lower_first(text):
    return text[:1].lower() + text[1:]


class Totals:
    """The sums of a set of items by kind, commune and location; each computed once, in SQL."""

    def __init__(self, items):
        self.items = items
        self.by_kind = items.totals_by_kind()
        self.by_commune = items.totals_by_commune()
        self.by_location = items.totals_by("location")
        self.total = sum(quantity for _kind, quantity in self.by_kind)

    def __bool__(self):
        return bool(self.by_kind)

    def chart(self):
        """Bars of a horizontal bar chart by kind, sized for an SVG viewBox."""
        largest = max((quantity for _kind, quantity in self.by_kind), default=0) or 1
        room = CHART_WIDTH - CHART_LABEL_WIDTH - 50
        bars = []
        for row, (kind, quantity) in enumerate(self.by_kind):
            width = max(1, round(room * quantity / largest))
            bars.append(
                {
                    "label": kind.label,
                    "quantity": quantity,
                    "y": row * CHART_BAR_HEIGHT,
                    "text_y": row * CHART_BAR_HEIGHT + CHART_BAR_HEIGHT * 2 // 3,
                    "width": width,
                    "value_x": CHART_LABEL_WIDTH + width + 4,
                }
            )
        return {
            "width": CHART_WIDTH,
            "height": CHART_BAR_HEIGHT * len(bars),
            "label_width": CHART_LABEL_WIDTH,
            "bars": bars,
        }


class YearReport(Totals):
    def __init__(self, year, items):
        self.year = year
        super().__init__(items)

    def sentence(self):
        """The year in one sentence, the way the office writes its reports."""
        routes = [lower_first(location) for location, _quantity in self.by_location]
        return _("In %(year)s, %(quantities)s were put up along %(routes)s.") % {
            "year": self.year,
            "quantities": describe_quantities(self.by_kind),
            "routes": get_text_list(routes, _("and")),
        }

    def write_csv(self, stream):
        writer = csv.writer(stream)
        writer.writerow(["kind", "quantity"])
        for kind, quantity in self.by_kind:
            writer.writerow([kind.value, quantity])


def write_items_csv(stream, page, items):
    """A campaign's items in the columns `import_inventory` reads. A byte-order mark first, so
    spreadsheet programs read the Vietnamese as UTF-8."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(ITEM_COLUMNS)
    for item in items:
        writer.writerow(
            [
                item.import_id or "",
                page.title,
                page.year,
                item.kind,
                item.quantity,
                item.location,
                item.commune.name if item.commune else "",
                item.installed_on.isoformat() if item.installed_on else "",
                item.removed_on.isoformat() if item.removed_on else "",
                item.slogan,
                item.status,
                "" if item.latitude is None else item.latitude,
                "" if item.longitude is None else item.longitude,
            ]
        )

"""Totals of an inventory, of a year and of a day, as readers see them and as CSV."""

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from website import charts

CHART_COLOUR = "#b3160b"
TOTALS_COLUMNS = ("kind", "quantity")

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
    """The sums of a set of items by kind, commune and location, summed in SQL (and kept as
    plain values, so that the cache can keep them)."""

    def __init__(self, items):
        totals = items.totals()
        self.by_kind, self.by_commune = totals["kind"], totals["commune"]
        self.by_location = totals["location"]
        self.total = sum(quantity for _kind, quantity in self.by_kind)

    def __bool__(self):
        return bool(self.by_kind)


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

    def chart(self):
        """A bar a kind, in the kinds' order."""
        return charts.bar_chart(
            _("Items put up in %(year)s, by kind") % {"year": self.year},
            [(kind.label, [quantity]) for kind, quantity in self.by_kind],
            [charts.Series(_("Quantity"), CHART_COLOUR)],
        )

    def csv_rows(self):
        """The CSV's rows under TOTALS_COLUMNS: one a kind present, in the kinds' order."""
        return [(kind.value, quantity) for kind, quantity in self.by_kind]


def item_rows(page, items):
    """A campaign's items as CSV rows in the columns `import_inventory` reads (ITEM_COLUMNS)."""
    for item in items:
        yield (
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
        )

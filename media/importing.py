"""`import_inventory`: items of visual propaganda from the office's CSV lists."""

import decimal
from collections import defaultdict

from django.utils.translation import gettext as _

from website.importing import (
    CsvImporter,
    RowInvalid,
    optional_text,
    parse_date,
    required_text,
)
from website.models import Commune
from website.pages import find_index
from website.text import match_key

from .kinds import ItemStatus, Kind, kind_from_text, status_from_text
from .models import MAX_QUANTITY, YEAR_VALIDATORS, InventoryIndexPage, InventoryItem
from .reports import ITEM_COLUMNS
from .services import ensure_campaign, publish_items


def parse_whole_number(value, key, low, high):
    text = optional_text({key: value}, key)
    if not text.isdigit() or not low <= int(text) <= high:
        raise RowInvalid(
            _("“%(key)s” must be a whole number from %(low)s to %(high)s: %(value)s")
            % {"key": key, "low": low, "high": high, "value": text or "—"}
        )
    return int(text)


def parse_coordinate(value, key, limit):
    text = optional_text({key: value}, key)
    if not text:
        return None
    try:
        number = decimal.Decimal(text).quantize(decimal.Decimal("0.000001"))
    except decimal.InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        raise RowInvalid(
            _("“%(key)s” must be a number from -%(limit)s to %(limit)s: %(value)s")
            % {"key": key, "limit": limit, "value": text}
        )
    return number


class InventoryImporter(CsvImporter):
    columns = ITEM_COLUMNS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen_ids = set()
        # A commune is named as editors write it: "Kiên Lương", "thị trấn Kiên Lương", its slug.
        self.communes = {}
        for commune in Commune.objects.all():
            for name in (commune.name, str(commune), commune.slug):
                self.communes[match_key(name)] = commune

    def validate(self, raw):
        import_id = required_text(raw, "id", max_length=64)
        if import_id in self.seen_ids:
            raise RowInvalid(_("the id %(id)s appears twice in the file") % {"id": import_id})
        self.seen_ids.add(import_id)
        kind = kind_from_text(raw["kind"])
        if kind is None:
            raise RowInvalid(
                _("unknown kind “%(value)s”; use one of: %(kinds)s")
                % {"value": raw["kind"], "kinds": ", ".join(Kind.values)}
            )
        commune = None
        if optional_text(raw, "commune"):
            commune = self.communes.get(match_key(raw["commune"]))
            if commune is None:
                raise RowInvalid(_("unknown commune “%(value)s”") % {"value": raw["commune"]})
        installed_on = parse_date(raw["installed_on"], "installed_on")
        if installed_on is None:
            raise RowInvalid(_("“%(key)s” is missing or empty") % {"key": "installed_on"})
        removed_on = parse_date(raw["removed_on"], "removed_on")
        if removed_on and removed_on < installed_on:
            raise RowInvalid(_("removed_on is before installed_on"))
        status = ItemStatus.REMOVED if removed_on else ItemStatus.UP
        if optional_text(raw, "status"):
            status = status_from_text(raw["status"])
            if status is None:
                raise RowInvalid(
                    _("unknown status “%(value)s”; use one of: %(statuses)s")
                    % {"value": raw["status"], "statuses": ", ".join(ItemStatus.values)}
                )
        latitude = parse_coordinate(raw["lat"], "lat", 90)
        longitude = parse_coordinate(raw["lon"], "lon", 180)
        if (latitude is None) != (longitude is None):
            raise RowInvalid(_("give both lat and lon, or neither"))
        low, high = (v.limit_value for v in YEAR_VALIDATORS)
        return {
            "campaign": required_text(raw, "campaign", max_length=255),
            "year": parse_whole_number(raw["year"], "year", low, high),
            "item": {
                "import_id": import_id,
                "kind": kind.value,
                "quantity": parse_whole_number(raw["quantity"], "quantity", 1, MAX_QUANTITY),
                "location": required_text(raw, "location", max_length=255),
                "commune": commune,
                "installed_on": installed_on,
                "removed_on": removed_on,
                "slogan": optional_text(raw, "slogan", max_length=1000),
                "status": status.value,
                "latitude": latitude,
                "longitude": longitude,
            },
        }

    def check(self, rows):
        if find_index(InventoryIndexPage) is None:
            raise RowInvalid(_("the site has no inventory index page to import into"))

    def apply(self, rows, report):
        index = find_index(InventoryIndexPage)
        pages = {}
        upserts = defaultdict(list)
        for _line, data in rows:
            key = (data["campaign"], data["year"])
            if key not in pages:
                pages[key] = ensure_campaign(index, *key)
            upserts[pages[key].pk].append(data["item"])
        known = InventoryItem.objects.filter(
            import_id__in=[item["import_id"] for items in upserts.values() for item in items]
        ).values_list("page_id", "import_id")
        # An item that moved to another campaign leaves its old one first: ids are unique.
        removals = defaultdict(list)
        for page_id, import_id in known:
            if all(item["import_id"] != import_id for item in upserts[page_id]):
                removals[page_id].append(import_id)
        for page_id, import_ids in removals.items():
            publish_items(page_id, removals=import_ids)
        for page_id, items in upserts.items():
            publish_items(page_id, upserts=items)
        report.updated += len(known)
        report.created += len(rows) - len(known)

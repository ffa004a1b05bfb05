"""`import_exemplars`: exemplars and their commendations from a CSV file, one row per
commendation; rows sharing an `id` are one exemplar."""

from django.utils.translation import gettext as _

from website.importing import (
    CsvImporter,
    RowInvalid,
    optional_text,
    parse_choice,
    parse_date,
    parse_int,
    required_text,
)
from website.models import Commune
from website.pages import find_index
from website.text import match_key, nfc

from .choices import AwardLevel, AwardType, ExemplarKind
from .models import ExemplarIndexPage
from .services import upsert_exemplar

EXEMPLAR_COLUMNS = ("name", "kind", "unit", "commune", "field", "summary")
COMMENDATION_COLUMNS = (
    "award_type",
    "award_level",
    "issuer",
    "decision_no",
    "decision_date",
    "award_year",
    "reason",
)


class ExemplarImporter(CsvImporter):
    columns = ("id", *EXEMPLAR_COLUMNS, *COMMENDATION_COLUMNS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.communes = None
        self.line = None
        # id → (line, raw row, exemplar data) of the first valid row of each exemplar.
        self.first_rows = {}

    def read_rows(self):
        # Validation runs between two rows read, so it knows the line it is validating.
        for line, raw in super().read_rows():
            self.line = line
            yield line, raw

    def validate(self, raw):
        legacy_id = required_text(raw, "id", max_length=64)
        first = self.first_rows.get(legacy_id)
        exemplar = self.validate_exemplar(raw, first)
        commendation = self.validate_commendation(raw)
        if first is None:
            self.first_rows[legacy_id] = (self.line, raw, exemplar)
        return {"id": legacy_id, "exemplar": exemplar, "commendation": commendation}

    def validate_exemplar(self, raw, first):
        """The exemplar's columns come from its first row; later rows may leave them empty or
        repeat them, but may not contradict them."""
        if first is not None:
            first_line, first_raw, first_exemplar = first
            raw = {
                column: raw.get(column) if nfc(raw.get(column)) else first_raw.get(column)
                for column in EXEMPLAR_COLUMNS
            }
        exemplar = {
            "title": required_text(raw, "name", max_length=255),
            "kind": parse_choice(raw.get("kind"), "kind", ExemplarKind),
            "unit": optional_text(raw, "unit", max_length=255),
            "commune": self.find_commune(raw.get("commune")),
            "field": optional_text(raw, "field", max_length=120),
            "summary": optional_text(raw, "summary", max_length=1000),
        }
        if first is not None:
            differing = [
                column
                for column, key in zip(EXEMPLAR_COLUMNS, exemplar, strict=True)
                if exemplar[key] != first_exemplar[key]
            ]
            if differing:
                raise RowInvalid(
                    _("%(columns)s differ from line %(line)s, the first row of this id")
                    % {"columns": ", ".join(f"“{c}”" for c in differing), "line": first_line}
                )
        return exemplar

    def validate_commendation(self, raw):
        """A row with every commendation column empty names an exemplar without awards."""
        if not any(nfc(raw.get(column)) for column in COMMENDATION_COLUMNS):
            return None
        decision_date = parse_date(raw.get("decision_date"), "decision_date")
        year = parse_int(raw.get("award_year"), "award_year", minimum=1945, maximum=2100)
        if year is None and decision_date is None:
            raise RowInvalid(_("“award_year” is missing and there is no “decision_date”"))
        return {
            "award_type": parse_choice(raw.get("award_type"), "award_type", AwardType),
            "level": parse_choice(raw.get("award_level"), "award_level", AwardLevel),
            "issuer": optional_text(raw, "issuer", max_length=255),
            "decision_number": optional_text(raw, "decision_no", max_length=64),
            "decision_date": decision_date,
            "year": year or decision_date.year,
            "reason": optional_text(raw, "reason", max_length=1000),
        }

    def find_commune(self, value):
        """The commune by its name, with or without "xã"/"thị trấn", or its slug; a name we do
        not know is an error, so a typo never files an exemplar under no commune."""
        if not nfc(value):
            return None
        if self.communes is None:
            self.communes = {}
            for commune in Commune.objects.all():
                for name in (commune.name, str(commune), commune.slug):
                    self.communes[match_key(name)] = commune
        try:
            return self.communes[match_key(value)]
        except KeyError:
            raise RowInvalid(
                _("unknown commune “%(name)s”: correct it or add it to the list of communes")
                % {"name": nfc(value)}
            ) from None

    def check(self, rows):
        if find_index(ExemplarIndexPage) is None:
            raise RowInvalid(_("there is no list of exemplars to import into: create one first"))

    def batches(self, rows):
        """All rows of one exemplar go in the same batch."""
        by_id = {}
        for line, row in rows:
            by_id.setdefault(row["id"], []).append((line, row))
        groups = list(by_id.values())
        for start in range(0, len(groups), self.batch_size):
            yield [row for group in groups[start : start + self.batch_size] for row in group]

    def apply(self, rows, report):
        index = find_index(ExemplarIndexPage)
        groups = {}
        for _line, row in rows:
            group = groups.setdefault(row["id"], {"exemplar": row["exemplar"], "awards": []})
            if row["commendation"]:
                group["awards"].append(row["commendation"])
        for legacy_id, group in groups.items():
            _page, created = upsert_exemplar(
                index, legacy_id, commendations=group["awards"], **group["exemplar"]
            )
            if created:
                report.created += 1
            else:
                report.updated += 1

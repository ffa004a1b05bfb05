"""Commendation counts by year × level × kind: one aggregate query, shown as a table, an SVG
bar chart drawn on the server, and CSV."""

from django.db.models import Count, F
from django.utils.translation import gettext as _

from website import charts

from .choices import AwardLevel, ExemplarKind

KIND_COLOURS = {
    ExemplarKind.INDIVIDUAL: "#b3160b",
    ExemplarKind.COLLECTIVE: "#0b4f9c",
    ExemplarKind.MODEL: "#c98a00",
}
LEVELS = list(AwardLevel)
KINDS = list(ExemplarKind)
CSV_HEADER = ["year", "level", "kind", "count"]


def count_rows(commendations):
    """[(year, level, kind, count)] for each non-zero cell, oldest year first: the CSV's
    rows."""
    cells = (
        commendations.values("year", "level", kind=F("page__kind"))
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = [(cell["year"], cell["level"], cell["kind"], cell["count"]) for cell in cells]
    return sorted(rows, key=lambda row: (row[0], LEVELS.index(row[1]), KINDS.index(row[2])))


def count_table(commendations):
    """Rows of the reader's table, newest year first: one per year and level with counts."""
    counts = {}
    for year, level, kind, count in count_rows(commendations):
        counts.setdefault((year, level), dict.fromkeys(KINDS, 0))[kind] = count
    return [
        {
            "year": year,
            "level": AwardLevel(level),
            "counts": [by_kind[kind] for kind in KINDS],
            "total": sum(by_kind.values()),
        }
        for (year, level), by_kind in sorted(
            counts.items(), key=lambda item: (-item[0][0], LEVELS.index(item[0][1]))
        )
    ]


def bar_chart(table):
    """One bar per year and level, split by kind, with the counts written on it."""
    return charts.bar_chart(
        _("Commendations by year and level, split by kind of recipient"),
        [(f"{row['year']} · {row['level'].label}", row["counts"]) for row in table],
        [charts.Series(kind.label, KIND_COLOURS[kind]) for kind in KINDS],
    )

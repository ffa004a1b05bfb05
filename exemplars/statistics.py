"""Commendation counts by year × level × kind: one aggregate query, shown as a table, an SVG
bar chart drawn on the server, and CSV."""

import csv

from django.db.models import Count, F

from .choices import AwardLevel, ExemplarKind

KIND_COLOURS = {
    ExemplarKind.INDIVIDUAL: "#b3160b",
    ExemplarKind.COLLECTIVE: "#0b4f9c",
    ExemplarKind.MODEL: "#c98a00",
}
LEVELS = list(AwardLevel)
KINDS = list(ExemplarKind)


def count_rows(commendations):
    """[(year, level, kind, count)] for each non-zero cell, oldest year first."""
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


def write_csv(stream, commendations):
    writer = csv.writer(stream)
    writer.writerow(["year", "level", "kind", "count"])
    writer.writerows(count_rows(commendations))


# The chart's geometry, in SVG user units: about a phone's width, so that its text reads at the
# page's size there; the legend is HTML above it, free to wrap.
WIDTH, TOTAL_WIDTH = 360, 34
LABEL_HEIGHT, BAR_HEIGHT, ROW_GAP = 18, 24, 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
MIN_LABELLED_SEGMENT = 22


def bar_chart(table):
    """One horizontal bar per year and level under its label, split by kind, with the counts
    written on it."""
    top = max((row["total"] for row in table), default=0) or 1
    scale = (WIDTH - TOTAL_WIDTH) / top
    rows = []
    for number, row in enumerate(table):
        label_y = number * ROW_HEIGHT + LABEL_HEIGHT - 5
        y = number * ROW_HEIGHT + LABEL_HEIGHT
        x, segments = 0.0, []
        for kind, count in zip(KINDS, row["counts"], strict=True):
            if not count:
                continue
            width = count * scale
            segments.append(
                {
                    "x": round(x, 1),
                    "width": round(width, 1),
                    "colour": KIND_COLOURS[kind],
                    "count": count,
                    "kind": kind.label,
                    "text_x": round(x + width / 2, 1),
                    "labelled": width >= MIN_LABELLED_SEGMENT,
                }
            )
            x += width
        rows.append(
            {
                "y": y,
                "label_y": label_y,
                "text_y": y + BAR_HEIGHT / 2,
                "label": f"{row['year']} · {row['level'].label}",
                "segments": segments,
                "total": row["total"],
                "total_x": round(x + 6, 1),
            }
        )
    legend = [{"colour": KIND_COLOURS[kind], "label": kind.label} for kind in KINDS]
    return {
        "width": WIDTH,
        "height": len(rows) * ROW_HEIGHT - ROW_GAP,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "legend": legend,
    }

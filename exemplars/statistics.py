"""Commendation counts by year × level × kind: one aggregate query, shown as a table, an SVG
bar chart drawn on the server, and CSV."""

import csv

from django.db.models import Count, F

from .models import AwardLevel, ExemplarKind

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


# The chart's geometry, in SVG user units; the SVG scales to the width of the screen.
WIDTH, LABEL_WIDTH, TOTAL_WIDTH = 640, 130, 50
BAR_HEIGHT, ROW_GAP, LEGEND_HEIGHT = 26, 10, 34
MIN_LABELLED_SEGMENT = 22


def bar_chart(table):
    """One horizontal bar per year and level, split by kind, with the counts written on it."""
    top = max((row["total"] for row in table), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - TOTAL_WIDTH) / top
    rows = []
    for number, row in enumerate(table):
        y = LEGEND_HEIGHT + number * (BAR_HEIGHT + ROW_GAP)
        x, segments = LABEL_WIDTH, []
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
                "text_y": y + BAR_HEIGHT / 2,
                "label": f"{row['year']} · {row['level'].label}",
                "segments": segments,
                "total": row["total"],
                "total_x": round(x + 6, 1),
            }
        )
    legend = [
        {"x": LABEL_WIDTH + number * 150, "colour": KIND_COLOURS[kind], "label": kind.label}
        for number, kind in enumerate(KINDS)
    ]
    return {
        "width": WIDTH,
        "height": LEGEND_HEIGHT + len(rows) * (BAR_HEIGHT + ROW_GAP),
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "rows": rows,
        "legend": legend,
    }

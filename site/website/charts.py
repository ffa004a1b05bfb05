"""Horizontal bar charts drawn on the server as SVG (includes/bar_chart.html): readable on a
phone, without JavaScript, and printed as they are."""

from typing import NamedTuple

# The chart's geometry, in SVG user units: about a phone's width, so that its text (13 units)
# reads at the page's size there. Each bar sits under its label, so long labels never squeeze
# the bars; the legend is HTML above the chart, free to wrap.
WIDTH = 360
LABEL_HEIGHT, BAR_HEIGHT, ROW_GAP = 18, 24, 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
DIGIT_WIDTH, MIN_TOTAL_ROOM = 8, 34
MIN_LABELLED_SEGMENT = 22


class Series(NamedTuple):
    label: str
    colour: str


def bar_chart(title, rows, series):
    """A chart named `title` (its accessible name), one bar per (label, values) in `rows`,
    each bar split into one segment per `series` (values in the same order) and followed by
    its total. With several series, each segment wide enough shows its own count and a legend
    names the colours."""
    top = max((sum(values) for _label, values in rows), default=0) or 1
    scale = (WIDTH - max(MIN_TOTAL_ROOM, DIGIT_WIDTH * len(str(top)) + 6)) / top
    split = len(series) > 1
    bars = []
    for number, (label, values) in enumerate(rows):
        y = number * ROW_HEIGHT + LABEL_HEIGHT
        x, segments = 0.0, []
        for one, value in zip(series, values, strict=True):
            if not value:
                continue
            width = value * scale
            segments.append(
                {
                    "x": round(x, 1),
                    "width": round(width, 1),
                    "colour": one.colour,
                    "value": value,
                    "label": one.label if split else label,
                    "text_x": round(x + width / 2, 1),
                    "labelled": split and width >= MIN_LABELLED_SEGMENT,
                }
            )
            x += width
        bars.append(
            {
                "label": label,
                "label_y": y - 5,
                "y": y,
                "text_y": y + BAR_HEIGHT / 2,
                "segments": segments,
                "total": sum(values),
                "total_x": round(x + 6, 1),
            }
        )
    return {
        "title": title,
        "width": WIDTH,
        "height": max(len(bars) * ROW_HEIGHT - ROW_GAP, 0),
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "legend": series if split else [],
    }

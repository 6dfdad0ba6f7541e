"""Charts as inline SVG, drawn on the server.

The report prints and converts to PDF without JavaScript, so its charts are
SVG markup built here. Only presentation attributes are used (no `style`),
so the strict Content-Security-Policy holds, and every series differs by
dash pattern and marker as well as colour, so a black-and-white print reads.
Each chart carries a <title> and <desc> for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 24, 34
# Text, axes and outlines take the colour of the page's text (`currentColor`),
# so they follow light and dark mode (app.css sets it from the theme); the
# <svg> element's own colour attribute is the default, black for print and PDF.
INK = "currentColor"
PRINT_INK = "#1b1b1b"
GRID = "currentColor"
GRID_OPACITY = "0.28"


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[date, float | None]]
    colour: str
    dash: str = ""  # an SVG stroke-dasharray, "" for a solid line
    marker: str = "circle"  # circle, square or none


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * (index + 0.5) / count if count else 0)


def _y(value: float, top_value: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return TOP + span - (span * value / top_value if top_value else 0)


def _frame(title: str, desc: str, top_value: float, unit: str, days: Sequence[date]) -> list[str]:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="report-chart" color="{PRINT_INK}" role="img" '
        f'aria-labelledby="{_id(title)}-t {_id(title)}-d">',
        f'<title id="{_id(title)}-t">{escape(title)}</title>',
        f'<desc id="{_id(title)}-d">{escape(desc)}</desc>',
    ]
    for step in range(5):
        value = top_value * step / 4
        y = _y(value, top_value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-opacity="{GRID_OPACITY}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="{INK}">{value:g}</text>'
        )
    parts.append(f'<text x="4" y="12" font-size="11" fill="{INK}">{escape(unit)}</text>')
    count = len(days)
    every = max(1, count // 8)
    for i, day in enumerate(days):
        last = i == count - 1
        if (i % every == 0 and count - 1 - i >= every / 2) or last:
            parts.append(
                f'<text x="{_x(i, count):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                f'text-anchor="middle" fill="{INK}">{escape(date_format(day, "j M"))}</text>'
            )
    return parts


def _id(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40]


def _legend(entries: Sequence[tuple[str, str, str, str]]) -> list[str]:
    """(label, colour, dash, kind) at the foot of the chart."""
    parts, x = [], LEFT
    y = HEIGHT - 6
    for label, colour, dash, kind in entries:
        if kind == "bar":
            parts.append(
                f'<rect x="{x}" y="{y - 9}" width="14" height="10" fill="{colour}" '
                f'stroke="{INK}" stroke-width="0.5"/>'
            )
        else:
            parts.append(
                f'<line x1="{x}" x2="{x + 14}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
                f'stroke-width="2.5" stroke-dasharray="{dash}"/>'
            )
        parts.append(
            f'<text x="{x + 18}" y="{y}" font-size="11" fill="{INK}">{escape(label)}</text>'
        )
        x += 26 + 7 * len(label)
    return parts


def _segments(series: Series, count: int, top_value: float) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points with a value (a None breaks the line)."""
    segments: list[list[tuple[float, float]]] = [[]]
    for i, (_day, value) in enumerate(series.points):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((_x(i, count), _y(value, top_value)))
    return [seg for seg in segments if seg]


def _polyline(series: Series, count: int, top_value: float) -> list[str]:
    parts = []
    for seg in _segments(series, count, top_value):
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{series.colour}" '
            f'stroke-width="2" stroke-dasharray="{series.dash}"/>'
        )
        for x, y in seg:
            if series.marker == "circle":
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{series.colour}"/>')
            elif series.marker == "square":
                parts.append(
                    f'<rect x="{x - 2.5:.1f}" y="{y - 2.5:.1f}" width="5" height="5" '
                    f'fill="{series.colour}"/>'
                )
    return parts


def minutes_chart(
    days: Sequence[date], minutes: Sequence[int], targets: Sequence[int | None], *, desc: str
) -> SafeString:
    """Bars of minutes walked per day, with the day's target as a dashed step line."""
    top = max([30, *minutes, *(t for t in targets if t)])
    top = ((top + 9) // 10) * 10
    parts = _frame(_("Minutes walked and the daily target"), desc, top, _("min"), days)
    count = len(days)
    width = max(1.0, (WIDTH - LEFT - RIGHT) / max(count, 1) * 0.7)
    for i, value in enumerate(minutes):
        if value:
            y = _y(value, top)
            parts.append(
                f'<rect x="{_x(i, count) - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{HEIGHT - BOTTOM - y:.1f}" fill="#9ec5e8" stroke="#2f6f9f" '
                f'stroke-width="0.6"/>'
            )
    target = Series(_("Target"), list(zip(days, targets, strict=True)), INK, "6 4", "none")
    parts += _polyline(target, count, top)
    parts += _legend(
        [(_("Minutes walked"), "#9ec5e8", "", "bar"), (_("Target"), INK, "6 4", "line")]
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)


def line_chart(
    title: str, series: Sequence[Series], *, top_value: float, unit: str, desc: str
) -> SafeString:
    """One or more series over the same dates (gaps where a value is None)."""
    days = [d for d, _ in series[0].points] if series else []
    parts = _frame(title, desc, top_value, unit, days)
    for s in series:
        parts += _polyline(s, len(days), top_value)
    parts += _legend([(s.label, s.colour, s.dash, "line") for s in series])
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)

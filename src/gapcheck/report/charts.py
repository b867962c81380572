"""Inline SVG charts, built in Python from numbers and escaped text only.

Every chart is returned as `markupsafe.Markup` so the template can place it as is; every
string that enters the markup goes through `markupsafe.escape` first (f-strings with escaped
fields, rather than `Markup.format`, which costs ten times as much). Colours
come from CSS classes (see report.css), so the charts follow the light and dark themes and
the page needs no style attributes (the Content-Security-Policy forbids them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from gapcheck.report.display import shorten
from gapcheck.support.text import number

# Display thresholds for colouring a category's bar; they say how much of a category is
# covered, and are independent of the score bands the score stage defines.
LOW_COVERAGE = 40.0
HIGH_COVERAGE = 70.0

# Coverage chart geometry, in SVG user units. One column is narrow on purpose: it scales
# down to a phone without its 14-unit text becoming unreadable.
CHART_WIDTH = 360
ROW_HEIGHT = 42
BAR_HEIGHT = 12
COLUMN_GAP = 48  # between the columns of the two-column layout
LABEL_LIMIT = 38  # characters of a category name shown in the chart (the table has all)

# Gauge geometry: the score arc, and the thin band scale just outside it.
GAUGE_CX, GAUGE_CY = 100.0, 100.0
GAUGE_RADIUS = 80.0
BAND_RADIUS = 95.0


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float  # 0..100


def coverage_class(percent: float) -> str:
    if percent < LOW_COVERAGE:
        return "cov-low"
    if percent < HIGH_COVERAGE:
        return "cov-mid"
    return "cov-high"


def _clamp(percent: float) -> float:
    return min(100.0, max(0.0, percent)) if math.isfinite(percent) else 0.0


def coverage_chart(
    bars: tuple[Bar, ...], chart_id: str = "coverage-chart", columns: int = 1
) -> Markup:
    """A horizontal bar per category: its name and percentage above a 0-100% bar.

    With `columns=2` the bars fill two columns, top to bottom then left to right, in a
    view box twice as wide: the same reading order, half the height, for wide screens
    and paper.
    """
    return _draw_coverage(_bar_rows(bars), _description(bars), chart_id, columns)


def coverage_charts(
    bars: tuple[Bar, ...], layouts: tuple[int, ...], id_prefix: str
) -> tuple[Markup, ...]:
    """The same chart in several layouts (column counts), with ids `{id_prefix}-{columns}`.

    Equal to one coverage_chart per layout. The report draws every category in three
    layouts (one per screen size), so each bar's row is drawn once for all of them.
    """
    rows, description = _bar_rows(bars), _description(bars)
    return tuple(
        _draw_coverage(rows, description, f"{id_prefix}-{columns}", columns) for columns in layouts
    )


def _description(bars: tuple[Bar, ...]) -> str:
    """The chart's text alternative: every category with its percentage."""
    return "; ".join(f"{bar.label}: {number(_clamp(bar.percent))}%" for bar in bars)


def _bar_rows(bars: tuple[Bar, ...]) -> tuple[str, ...]:
    """Each bar's row content (label, percentage, track, bar): the same in every layout.

    Every text field is escaped, as Markup.format would; f-strings do it at a tenth of
    the cost, which counts in a report drawing some 50 bars in three layouts.
    """
    w, bh = CHART_WIDTH, BAR_HEIGHT
    rows = []
    for bar in bars:
        value = _clamp(bar.percent)
        label, percent = escape(shorten(bar.label, LABEL_LIMIT)), escape(number(value))
        fill, css = f"{CHART_WIDTH * value / 100:.1f}", escape(coverage_class(value))
        rows.append(
            f'<text class="chart-label" x="0" y="16">{label}</text>'
            f'<text class="chart-value" x="{w}" y="16" text-anchor="end">{percent}%</text>'
            f'<rect class="chart-track" x="0" y="24" width="{w}" height="{bh}" rx="6"/>'
            f'<rect class="chart-bar {css}" x="0" y="24" width="{fill}" height="{bh}" rx="6"/>'
        )
    return tuple(rows)


def _draw_coverage(rows: tuple[str, ...], description: str, chart_id: str, columns: int) -> Markup:
    """The chart in one layout: `rows` (from _bar_rows) placed column by column."""
    columns = max(1, columns)
    per_column = max(1, math.ceil(len(rows) / columns))
    width = columns * CHART_WIDTH + (columns - 1) * COLUMN_GAP
    height = per_column * ROW_HEIGHT
    chart, desc = escape(chart_id), escape(description or "No categories")
    parts: list[str] = [
        f'<svg class="chart coverage-chart columns-{columns}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart}-title {chart}-desc" '
        'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart}-title">Coverage per skill category</title>'
        f'<desc id="{chart}-desc">{desc}</desc>'
    ]
    for index, row in enumerate(rows):
        left = (index // per_column) * (CHART_WIDTH + COLUMN_GAP)
        top = (index % per_column) * ROW_HEIGHT
        parts.append(f'<g class="chart-row" transform="translate({left} {top})">{row}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from escaped fields and our constants


def _arc_point(fraction: float, radius: float, cx: float, cy: float) -> tuple[float, float]:
    """The point `fraction` of the way along a half circle from its left end to its right."""
    angle = math.pi * (1 - fraction)
    return cx + radius * math.cos(angle), cy - radius * math.sin(angle)


def _arc(start: float, end: float, radius: float) -> str:
    """Path data of the gauge's half circle between two fractions (0 = left end, 1 = right)."""
    x0, y0 = _arc_point(start, radius, GAUGE_CX, GAUGE_CY)
    x1, y1 = _arc_point(end, radius, GAUGE_CX, GAUGE_CY)
    return f"M{x0:.2f} {y0:.2f} A{radius:g} {radius:g} 0 0 1 {x1:.2f} {y1:.2f}"


def score_gauge(
    value: float,
    band: str,
    band_text: str,
    bands: tuple[tuple[float, str], ...] = (),
    gauge_id: str = "score-gauge",
) -> Markup:
    """A half-circle gauge from 0 to 100 with the score in its middle.

    `bands` are (lower bound, name) pairs, highest first, as the score stage defines them;
    each is drawn as a thin coloured segment around the gauge so the scale explains itself.
    """
    value = _clamp(value)
    # f-strings with every text field escaped, as in the coverage chart: Markup.format
    # costs ten times as much, once per report.
    segments = []
    upper = 100.0
    for lower, name in bands:
        lower = _clamp(lower)
        if lower < upper:
            d = escape(_arc(lower / 100, upper / 100, BAND_RADIUS))
            segments.append(f'<path class="gauge-band band-{escape(name)}" d="{d}"/>')
        upper = lower
    value_arc = ""
    if value > 0:
        d = escape(_arc(0.0, value / 100, GAUGE_RADIUS))
        value_arc = f'<path class="gauge-value band-{escape(band)}" d="{d}"/>'
    gauge, shown = escape(gauge_id), escape(number(value))
    track = escape(_arc(0.0, 1.0, GAUGE_RADIUS))
    return Markup(  # noqa: S704 - built from escaped fields and our constants
        '<svg class="chart gauge" viewBox="0 0 200 118" role="img" '
        f'aria-labelledby="{gauge}-title {gauge}-desc">'
        f'<title id="{gauge}-title">Role coverage score</title>'
        f'<desc id="{gauge}-desc">{shown} out of 100, band {escape(band_text)}</desc>'
        f'{"".join(segments)}<path class="gauge-track" d="{track}"/>{value_arc}'
        f'<text class="gauge-number" x="100" y="92" text-anchor="middle">{shown}</text>'
        '<text class="gauge-scale" x="100" y="114" text-anchor="middle">out of 100</text>'
        "</svg>"
    )

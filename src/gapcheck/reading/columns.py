"""Reading order on one page, from the positions of its text fragments.

A fragment is a run of text on one baseline with no wide gap inside (pdfminer's text
line, split at large gaps). Three page shapes are told apart:

* single flow: fragments are grouped into rows (same baseline) and read top to
  bottom, each row left to right ("Title ..... 2019 - 2021" becomes one line);
* independent columns (two-column resumes, sidebars): a vertical gutter that almost
  no fragment crosses splits the page. Fragments crossing it (the name and contact
  header, a full-width footer) cut the page into bands; within a band the left column
  is read in full, then the right one, so a sidebar is never spliced into the middle
  of an experience bullet;
* a margin column of labels (moderncv's section names and dates, a skills table's
  row labels): the narrow side holds little text in short runs next to rows of the
  wide side. The page is then read row by row, each label just before its row.

Everything here is geometry; no text is inspected, so the rules hold for any language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

# A gutter narrower than this is a word gap or a ragged right edge, not a column gap.
MIN_GUTTER = 5.0
# Gutters are looked for away from the page's text edges (share of the text width).
EDGE_MARGIN = 0.12
# Independent columns: at most this share of fragments may cross the gutter.
MAX_CROSSING_SHARE = 0.2
# Each side of a gutter must hold at least this share of the page's characters.
MIN_SIDE_SHARE = 0.06
MIN_SIDE_FRAGMENTS = 3
# Margin column of labels: little text, in runs of one to three lines, mostly on the
# baselines of the other side's rows.
LABEL_MAX_SHARE = 0.3
LABEL_MAX_MEDIAN_RUN = 3
LABEL_MIN_ANCHORED = 0.6
LABEL_MIN_FLUSH_RIGHT = 0.8  # share of labels ending at the same x
# The header block of a first page: above the widest white band in the top part of the
# page, holding few of its fragments.
HEADER_MIN_GAP = 8.0
HEADER_MAX_DEPTH = 0.35
HEADER_MAX_SHARE = 0.2
# A side narrower than this share of the other is a sidebar, not a second column.
SIDEBAR_WIDTH_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Fragment:
    """A run of text on one baseline, before cleanup; coordinates in PDF points."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 0.0
    font: str = ""
    bold: bool = False
    chars: int = 0  # characters drawn (for weighting); 0 means len(text)

    @property
    def weight(self) -> int:
        return self.chars or len(self.text)

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


@dataclass(frozen=True, slots=True)
class Row:
    """Fragments read as one line, left to right. `column`: 0 full width, 1 left, 2 right."""

    fragments: tuple[Fragment, ...]
    column: int = 0
    label: str = ""  # "left" or "right": a margin label (heading, date) beside a row

    @property
    def x0(self) -> float:
        return min(f.x0 for f in self.fragments)

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.fragments)

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.fragments)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.fragments)


@dataclass(frozen=True, slots=True)
class PageOrder:
    rows: tuple[Row, ...]
    layout: str  # "single-column", "two-column", "sidebar"
    columns: int  # 1 or 2


def baseline(fragment: Fragment) -> float:
    """Where the letters stand: the box bottom lies a descender's depth (~0.22 em) lower."""
    return fragment.y0 + 0.22 * (fragment.size or fragment.height)


def same_row(a: Fragment, b: Fragment) -> bool:
    """Standing on the same baseline, within 40% of the smaller type size.

    Baselines rather than box overlap: a tall name in a centred header overlaps two
    rows of small contact text, and must not chain them into one row.
    """
    return abs(baseline(a) - baseline(b)) <= 0.4 * min(a.size or a.height, b.size or b.height)


def group_rows(fragments: Sequence[Fragment], column: int = 0) -> list[Row]:
    """Fragments grouped into rows, top to bottom; each row sorted left to right."""
    ordered = sorted(fragments, key=lambda f: (-(f.y0 + f.y1) / 2, f.x0))
    rows: list[list[Fragment]] = []
    for fragment in ordered:
        # Compare with every member of the row being built, so a row's small and large
        # pieces (a title and its date) stay together whatever their order.
        if rows and any(same_row(fragment, other) for other in rows[-1]):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    return [Row(tuple(sorted(row, key=lambda f: f.x0)), column) for row in rows]


def _find_gutter(fragments: Sequence[Fragment]) -> tuple[float, float] | None:
    """The widest, least-crossed vertical strip away from the text edges, or None.

    Positions are whole points. How many fragments cross a position only changes where a
    fragment starts or ends, so the strip is found between those points: the work grows
    with the number of fragments, never with the width of the page (which a hostile PDF
    can make astronomically large).
    """
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    width = right - left
    if width < 4 * MIN_GUTTER:
        return None
    changes: dict[int, int] = {}  # position -> change in the number of fragments crossing
    for f in fragments:
        start, end = int(f.x0), int(f.x1 + 0.999)
        changes[start] = changes.get(start, 0) + 1
        changes[end] = changes.get(end, 0) - 1
    low = int(left + EDGE_MARGIN * width)
    high = int(right - EDGE_MARGIN * width)
    points = sorted({*changes, low, high})
    best: tuple[int, int, int] | None = None  # (crossings, -width, start)
    level = 0
    run_start, run_level = low, None  # the strip of equal crossings being measured
    for here, following in pairwise(points):
        level += changes.get(here, 0)
        if following <= low or here >= high:
            continue
        if level != run_level:
            best = _better_gutter(best, run_level, run_start, max(here, low))
            run_start, run_level = max(here, low), level
    best = _better_gutter(best, run_level, run_start, high)
    if best is None:
        return None
    _, negative_width, start = best
    return start, start - negative_width


def _better_gutter(
    best: tuple[int, int, int] | None, level: int | None, start: int, end: int
) -> tuple[int, int, int] | None:
    """`best`, or the strip [start, end) at `level` crossings if it is wide enough and better."""
    if level is None or end - start < MIN_GUTTER:
        return best
    candidate = (level, -(end - start), start)
    return candidate if best is None or candidate < best else best


def _runs(fragments: Sequence[Fragment]) -> list[list[Fragment]]:
    """Vertically consecutive fragments (gap under one line height), top to bottom."""
    rows = group_rows(fragments)
    runs: list[list[Fragment]] = []
    previous: Row | None = None
    for row in rows:
        height = max(f.height for f in row.fragments)
        if previous is not None and previous.y0 - row.y1 <= 1.0 * height:
            runs[-1].extend(row.fragments)
        else:
            runs.append(list(row.fragments))
        previous = row
    return runs


def aligned(a: Fragment, b: Fragment) -> bool:
    """On the same baseline within a point or two: set on one row on purpose.

    Half as tolerant as `same_row`, which must also group a row's mixed type sizes.
    """
    tolerance = max(1.5, 0.2 * min(a.size or a.height, b.size or b.height))
    return abs(a.y0 - b.y0) <= tolerance or abs((a.y0 + a.y1) - (b.y0 + b.y1)) / 2 <= tolerance


def _reads_by_rows(narrow: Sequence[Fragment], wide: Sequence[Fragment], total: int) -> bool:
    """A margin column of labels (moderncv's section names, RenderCV's dates and places).

    The narrow side holds little text, set flush right, in runs of one to three lines,
    most of which sit on a baseline of the wide side. A sidebar holds long runs (a block
    of contact lines, a list of skills) set flush left. Baselines alone cannot tell:
    LaTeX sets both columns of a two-column resume on the same grid, so their lines
    align all the time.
    """
    runs = _runs(narrow)
    if sum(f.weight for f in narrow) > LABEL_MAX_SHARE * total:
        return False
    # Labels are set flush right (against the content on the left, against the margin
    # on the right); a sidebar's lines start flush left and end wherever they end.
    right_edge = median(f.x1 for f in narrow)
    flush_right = sum(1 for f in narrow if abs(f.x1 - right_edge) <= 2.0)
    if flush_right < LABEL_MIN_FLUSH_RIGHT * len(narrow):
        return False
    if median(len(group_rows(run)) for run in runs) > LABEL_MAX_MEDIAN_RUN:
        return False
    anchored = sum(1 for run in runs if any(aligned(f, w) for f in run for w in wide))
    return anchored >= LABEL_MIN_ANCHORED * len(runs)


def _interior(
    crossing: Sequence[Fragment], left: Sequence[Fragment], right: Sequence[Fragment]
) -> int:
    """Crossing fragments with text of both sides above and below them.

    A two-column resume is crossed only above its columns (name, contact) and below
    them (footer). Text crossing the gutter in the middle of the page means the page is
    one column with tables in it (a skills grid, a list set in two columns).
    """
    if not left or not right:
        return 0
    # The crossing line must clear text of each side entirely, above and below it; a
    # footer row shared with side fragments does not count.
    top = min(max((f.y0 + f.y1) / 2 for f in left), max((f.y0 + f.y1) / 2 for f in right))
    bottom = max(min((f.y0 + f.y1) / 2 for f in left), min((f.y0 + f.y1) / 2 for f in right))
    return sum(1 for f in crossing if bottom < f.y0 and f.y1 < top)


def split_header(fragments: Sequence[Fragment]) -> tuple[list[Fragment], list[Fragment]]:
    """(header, rest): the block above the widest white band near the top of a first page.

    The name and contact block often spans both columns in pieces (icons split a
    contact row into fragments on either side of the gutter), so it is read row by row
    on its own before the columns are looked for in the rest of the page.
    """
    rows = group_rows(fragments)
    if len(rows) < 4:
        return [], list(fragments)
    top = rows[0].y1
    height = top - min(row.y0 for row in rows)
    typical = median(f.height for f in fragments)
    best_gap, best_index = max(HEADER_MIN_GAP, 0.8 * typical), -1
    reach = rows[0].y0
    for index in range(1, len(rows)):
        reach = min(reach, rows[index - 1].y0)
        if top - rows[index].y1 > HEADER_MAX_DEPTH * height:
            break
        gap = reach - rows[index].y1
        if gap > best_gap:
            best_gap, best_index = gap, index
    if best_index < 0:
        return [], list(fragments)
    header = [f for row in rows[:best_index] for f in row.fragments]
    if len(header) > HEADER_MAX_SHARE * len(fragments):
        return [], list(fragments)
    rest = [f for row in rows[best_index:] for f in row.fragments]
    return header, rest


def order_page(
    fragments: Sequence[Fragment], *, first_page: bool = False, page_width: float | None = None
) -> PageOrder:
    """Rows of one page in reading order, and what layout the page has.

    On the first page, the header block is set apart first (`split_header`).
    `page_width` only refines the layout's name (two columns or a sidebar).
    """
    header: list[Fragment] = []
    body = list(fragments)
    if first_page:
        header, body = split_header(fragments)
    order = _order_body(body, page_width)
    if not header:
        return order
    return PageOrder(tuple(group_rows(header)) + order.rows, order.layout, order.columns)


def _order_body(fragments: Sequence[Fragment], page_width: float | None) -> PageOrder:
    if len(fragments) < 2 * MIN_SIDE_FRAGMENTS:
        return PageOrder(tuple(group_rows(fragments)), "single-column", 1)
    gutter = _find_gutter(fragments)
    if gutter is None:
        return PageOrder(tuple(group_rows(fragments)), "single-column", 1)
    middle = (gutter[0] + gutter[1]) / 2
    left = [f for f in fragments if f.x1 <= middle]
    right = [f for f in fragments if f.x0 >= middle]
    crossing = [f for f in fragments if f.x0 < middle < f.x1]
    total = sum(f.weight for f in fragments)
    if (
        len(crossing) > MAX_CROSSING_SHARE * len(fragments)
        or min(len(left), len(right)) < MIN_SIDE_FRAGMENTS
        or min(sum(f.weight for f in left), sum(f.weight for f in right)) < MIN_SIDE_SHARE * total
    ):
        return PageOrder(tuple(group_rows(fragments)), "single-column", 1)

    if _interior(crossing, left, right):
        return PageOrder(tuple(group_rows(fragments)), "single-column", 1)
    left_weight = sum(f.weight for f in left)
    right_weight = sum(f.weight for f in right)
    narrow, wide = (left, right) if left_weight <= right_weight else (right, left)
    if _reads_by_rows(narrow, wide, total):
        return PageOrder(tuple(_label_rows(fragments, narrow)), "single-column", 1)

    rows = _banded_rows(left, right, crossing)
    # Widths of the columns' space (text edge to gutter), not of their text: a column of
    # short skills is still a column. Margins are taken as equal on both sides.
    left_edge = min(f.x0 for f in fragments)
    right_edge = max(f.x1 for f in fragments)
    if page_width is not None:
        right_edge = max(right_edge, page_width - left_edge)
    left_width = gutter[0] - left_edge
    right_width = right_edge - gutter[1]
    ratio = min(left_width, right_width) / max(left_width, right_width, 1.0)
    return PageOrder(tuple(rows), "sidebar" if ratio < SIDEBAR_WIDTH_RATIO else "two-column", 2)


def _label_rows(fragments: Sequence[Fragment], labels: Sequence[Fragment]) -> list[Row]:
    """Row by row; labels get lines of their own: left ones before their row (a section
    name must precede its content), right ones after it (a date follows its title)."""
    label_ids = {id(f) for f in labels}
    rows: list[Row] = []
    for row in group_rows(fragments):
        own = [f for f in row.fragments if id(f) in label_ids]
        rest = tuple(f for f in row.fragments if id(f) not in label_ids)
        if not own or not rest:
            rows.append(Row(row.fragments, label="left" if own else ""))
            continue
        left = tuple(f for f in own if f.x1 <= rest[0].x0)
        right = tuple(f for f in own if f.x1 > rest[0].x0)
        if left:
            rows.append(Row(left, label="left"))
        rows.append(Row(rest))
        if right:
            rows.append(Row(right, label="right"))
    return rows


def _banded_rows(
    left: Sequence[Fragment], right: Sequence[Fragment], crossing: Sequence[Fragment]
) -> list[Row]:
    """Crossing rows cut the page into bands; each band is read left column, right column."""
    cuts = group_rows(crossing)
    rows: list[Row] = []
    remaining_left = sorted(left, key=lambda f: -f.y1)
    remaining_right = sorted(right, key=lambda f: -f.y1)

    def take_above(pool: list[Fragment], limit: float) -> list[Fragment]:
        """Fragments whose middle lies above `limit`, removed from `pool`."""
        taken = [f for f in pool if (f.y0 + f.y1) / 2 > limit]
        pool[:] = [f for f in pool if (f.y0 + f.y1) / 2 <= limit]
        return taken

    for cut in cuts:
        # Side fragments on the crossing row (a footer's date and page number) join it.
        beside = [
            f
            for pool in (remaining_left, remaining_right)
            for f in pool
            if any(same_row(f, c) for c in cut.fragments)
        ]
        taken = {id(f) for f in beside}
        for pool in (remaining_left, remaining_right):
            pool[:] = [f for f in pool if id(f) not in taken]
        limit = (cut.y0 + cut.y1) / 2
        rows.extend(group_rows(take_above(remaining_left, limit), 1))
        rows.extend(group_rows(take_above(remaining_right, limit), 2))
        rows.append(Row(tuple(sorted((*cut.fragments, *beside), key=lambda f: f.x0))))
    rows.extend(group_rows(remaining_left, 1))
    rows.extend(group_rows(remaining_right, 2))
    return rows

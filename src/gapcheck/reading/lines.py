"""Ordered rows into the document's final, numbered lines.

Every reader ends here: rows become cleaned draft lines (bullets stripped, undecodable
characters counted), lines a PDF wrapped or hyphenated at the right margin are joined
back into one line (so "machine" + "learning" across a line break is found, and the
report shows the whole bullet), and lines are numbered 1.. in reading order. A line
longer than `limits.MAX_LINE_CHARACTERS` (a text file without line breaks) is split at
spaces first, so no later stage meets one enormous line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from gapcheck.reading import limits
from gapcheck.reading.cleanup import (
    clean_line,
    ends_with_hyphenation,
    join_hyphenated,
    strip_bullet,
)
from gapcheck.reading.columns import Fragment, PageOrder, Row, order_page
from gapcheck.records import Line

# Fragments of one row further apart than this many font sizes are separate items
# (a title and its right-aligned date), so the row is not running text.
ROW_ITEM_GAP = 2.0
# Average advance of a character, in font sizes, for "would the next word have fit?".
CHAR_WIDTH = 0.5
_SENTENCE_END = re.compile(r"[.!?:;]$")


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A cleaned line before numbering, with what joining and sections need to know."""

    text: str
    page: int
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    font: str = ""
    size: float = 0.0
    bold: bool = False
    column: int = 0
    bullet: bool = False  # started with a bullet mark (a new item, never a continuation)
    spread: bool = False  # made of items far apart on one row (not running text)
    label: str = ""  # "left"/"right": a margin label (section name, date) beside a row


def row_draft(row: Row, page: int, *, pdf: bool = True) -> tuple[DraftLine | None, int]:
    """One row as a cleaned draft line (None when nothing readable is left)."""
    fragments = row.fragments
    if len(fragments) == 1:  # most rows: the same figures as below, without the loops
        main = fragments[0]
        text, unreadable = clean_line(main.text, pdf=pdf)
        spread = False
        bold = main.bold and main.weight > 0
    else:
        text, unreadable = clean_line(" ".join(f.text for f in fragments), pdf=pdf)
        main = max(fragments, key=lambda f: (f.weight, -f.x0))
        spread = any(
            b.x0 - a.x1 > ROW_ITEM_GAP * max(a.size, b.size, 1.0) for a, b in pairwise(fragments)
        )
        bold_weight = sum(f.weight for f in fragments if f.bold)
        bold = bold_weight * 2 > sum(f.weight for f in fragments)
    text, bullet = strip_bullet(text)
    if not text:
        return None, unreadable
    return (
        DraftLine(
            text=text,
            page=page,
            x0=row.x0,
            y0=row.y0,
            x1=row.x1,
            y1=row.y1,
            font=main.font,
            size=main.size,
            bold=bold,
            column=row.column,
            bullet=bullet,
            spread=spread,
            label=row.label,
        ),
        unreadable,
    )


def page_drafts(page: int, order: PageOrder) -> tuple[list[DraftLine], int]:
    drafts: list[DraftLine] = []
    unreadable = 0
    for row in order.rows:
        draft, lost = row_draft(row, page)
        unreadable += lost
        if draft is not None:
            drafts.append(draft)
    return drafts, unreadable


def _right_edges(drafts: Sequence[DraftLine]) -> dict[tuple[int, int], float]:
    """The right margin of each (page, column) that running text wraps at.

    Margin labels and rows of spread-out items (a right-aligned date) are left out, and
    the margin is a high percentile rather than the maximum, so one stray line reaching
    further right does not hide every wrap.
    """
    ends: dict[tuple[int, int], list[float]] = {}
    for d in drafts:
        if not d.label and not d.spread:
            ends.setdefault((d.page, d.column), []).append(d.x1)
    edges: dict[tuple[int, int], float] = {}
    for key, values in ends.items():
        values.sort()
        edges[key] = values[min(len(values) - 1, int(0.9 * len(values)))]
    return edges


_CONTINUING_END = re.compile(
    r"(?:[,&/(+]|\b(?:and|or|of|in|for|with|to|the|a|an|on|at|by|from|as|into|using|"
    r"including|via|than|that|which|while|across|over|under|between|such))$",
    re.I,
)


def _continues(first: DraftLine, second: DraftLine, right_edge: float) -> bool:
    """Whether `second` is the rest of `first`, wrapped or hyphenated at the margin.

    Geometry first: same page and column, same type size, right below, and `first`
    full enough that the next word would not have fit. Then a sign that the text runs
    on, because short list items in a narrow column also "fill" it: `second` starts in
    lower case, or hangs under a bullet's text, or `first` ends mid-phrase ("with"), or
    both are bold (a long entry title).
    """
    if (
        second.bullet
        or first.page != second.page
        or first.column != second.column
        or first.spread
        or second.spread
        or abs(first.size - second.size) > 0.6
        or (first.bold and not second.bold)
    ):
        return False
    size = max(first.size, 1.0)
    if not (first.y0 - 0.7 * size <= second.y1 <= first.y0 + 0.3 * size):
        return False
    if not (first.x0 - 2.0 <= second.x0 <= first.x0 + 3.0 * size):
        return False
    starts_lower = second.text[:1].islower()
    if ends_with_hyphenation(first.text) and starts_lower:
        return True
    if _SENTENCE_END.search(first.text) and not starts_lower:
        return False  # a finished sentence, then something that may be a new item
    next_word = second.text.split(" ", 1)[0]
    if first.x1 + (len(next_word) + 1) * CHAR_WIDTH * size <= right_edge:
        return False  # the next word would have fit: the line ended on purpose
    hangs_under_bullet = first.bullet and second.x0 > first.x0 + 0.3 * size
    return (
        starts_lower
        or not second.text[:1].isalpha()
        or hangs_under_bullet
        or bool(_CONTINUING_END.search(first.text))
        or (first.bold and second.bold)  # a bold title wrapped onto a second line
    )


def _beside(draft: DraftLine, previous: DraftLine) -> bool:
    """A short item standing to the right of where `previous` ended (a place or a date
    set beside a two-line title), not a line of text under it."""
    return (
        draft.page == previous.page
        and draft.column == previous.column
        and draft.x0 > previous.x1 + 0.5 * max(previous.size, 1.0)
    )


def join_wrapped(drafts: Sequence[DraftLine]) -> list[DraftLine]:
    """Join lines wrapped or hyphenated at the right margin into one line each.

    An item set beside the text at the right (a margin label, a date or a place next to
    a wrapped title) does not interrupt it: it is held back and placed after the joined
    line, and the text's margin on that row is where the item begins.
    """
    edges = _right_edges(drafts)
    joined: list[DraftLine] = []
    held: list[DraftLine] = []
    for draft in drafts:
        if draft.label == "right" or (
            joined and not held and not joined[-1].label and _beside(draft, joined[-1])
        ):
            held.append(draft)
            continue
        edge = edges.get((draft.page, draft.column), draft.x1)
        if held:
            edge = min(edge, min(h.x0 for h in held) - 0.5 * max(draft.size, 1.0))
        if (
            joined
            and not draft.label
            and not joined[-1].label
            and _continues(joined[-1], draft, edge)
        ):
            joined[-1] = _join(joined[-1], draft)
        else:
            joined.extend(held)
            held.clear()
            joined.append(draft)
    joined.extend(held)
    return joined


def _join(first: DraftLine, second: DraftLine) -> DraftLine:
    if ends_with_hyphenation(first.text):
        text = join_hyphenated(first.text, second.text)
    else:
        text = f"{first.text} {second.text}"
    return replace(
        first,
        text=text,
        x0=min(first.x0, second.x0),
        y0=min(first.y0, second.y0),
        x1=max(first.x1, second.x1),
        y1=max(first.y1, second.y1),
    )


def split_long_text(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at a space where there is one."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return [piece for piece in pieces if piece]


def _bounded(drafts: Iterable[DraftLine]) -> Iterable[DraftLine]:
    limit = limits.MAX_LINE_CHARACTERS
    for draft in drafts:
        if len(draft.text) <= limit:
            yield draft
        else:
            yield from (replace(draft, text=piece) for piece in split_long_text(draft.text, limit))


def number_lines(drafts: Iterable[DraftLine]) -> tuple[Line, ...]:
    return tuple(
        Line(
            text=d.text,
            page=d.page,
            number=number,
            x0=round(d.x0, 2),
            y0=round(d.y0, 2),
            x1=round(d.x1, 2),
            y1=round(d.y1, 2),
            font=d.font,
            size=round(d.size, 2),
            bold=d.bold,
            column=d.column,
        )
        for number, d in enumerate(_bounded(drafts), start=1)
    )


def lines_from_pages(
    pages: Sequence[Sequence[Fragment]], widths: Sequence[float] = ()
) -> tuple[tuple[Line, ...], str, int, int]:
    """Fragments of every page -> (numbered lines, layout, columns, undecodable count).

    The document's layout is the most telling page layout: any page with independent
    columns makes it "two-column" or "sidebar".
    """
    drafts: list[DraftLine] = []
    unreadable = 0
    layouts: list[str] = []
    for number, fragments in enumerate(pages, start=1):
        width = widths[number - 1] if number <= len(widths) else None
        order = order_page(fragments, first_page=number == 1, page_width=width)
        layouts.append(order.layout)
        page_lines, lost = page_drafts(number, order)
        drafts.extend(page_lines)
        unreadable += lost
    multi = [layout for layout in layouts if layout != "single-column"]
    if multi:
        layout = "two-column" if multi.count("two-column") >= multi.count("sidebar") else "sidebar"
        columns = 2
    else:
        layout, columns = "single-column", 1
    return number_lines(join_wrapped(drafts)), layout, columns, unreadable


@dataclass(frozen=True, slots=True)
class TextItem:
    """One paragraph, heading or list item of a document without page geometry."""

    text: str
    page: int = 1
    font: str = ""
    size: float = 0.0
    bold: bool = False


# Type sizes given to headings of formats without geometry (Markdown "#", HTML <h1>,
# Word "Heading 1"), so the section finder sees them stand out from body text.
BODY_SIZE = 10.0
HEADING_SIZES = {1: 18.0, 2: 16.0, 3: 14.0, 4: 12.0, 5: 11.0, 6: 11.0}


def heading_item(text: str, level: int, page: int = 1, font: str = "") -> TextItem:
    return TextItem(text, page=page, font=font, size=HEADING_SIZES.get(level, 11.0), bold=True)


def lines_from_items(items: Iterable[TextItem]) -> tuple[tuple[Line, ...], int, int]:
    """Cleaned, numbered lines from items -> (lines, readable chars, undecodable chars)."""
    drafts: list[DraftLine] = []
    readable = unreadable = 0
    for item in items:
        for raw in item.text.splitlines():
            text, lost = clean_line(raw, pdf=False)
            unreadable += lost
            text, bullet = strip_bullet(text)
            if not text:
                continue
            readable += len(text)
            drafts.append(
                DraftLine(
                    text=text,
                    page=item.page,
                    font=item.font,
                    size=item.size,
                    bold=item.bold,
                    bullet=bullet,
                )
            )
    return number_lines(drafts), readable, unreadable

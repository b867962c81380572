"""The rules that make a page's characters into fragments, as the pdfium engine reads them.

A character PDFium did not generate is read by `PageRules.char`: an icon is a gap, a
glyph without Unicode opening a line is its bullet (else it is counted as unreadable),
and a character standing apart from the last one (a gap wider than a character, a step
back, another baseline) ends the fragment, or, a little apart, is preceded by a space.
Runs of characters that `pdfium_page.py` found to be plain continuations are added in
one step each: their text, their extent and their count, which is what reading each of
them by the rules does.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple

from gapcheck.reading.columns import Fragment

# A gap wider than this many font sizes ends a fragment (pdfminer: char_margin 1.0).
FRAGMENT_GAP = 1.0
# A gap wider than this many font sizes inside a fragment is a word space.
WORD_GAP = 0.12
# PDFium gives a character beyond U+FFFF (an emoji, a math letter) as two characters,
# its UTF-16 halves ("surrogates"), which no file can hold apart.
_HALF_CHARACTER = re.compile("[\ud800-\udfff]")


class Style(NamedTuple):  # a tuple, made once per text object, and cheaply
    """What every character of one text object shares: its font and its size."""

    font: str  # base name, without the subset tag
    bold: bool
    size: float
    icon: bool


class PageRules:
    """The rules, character by character, and runs of plain continuations in one step."""

    def __init__(
        self,
        textpage: Any,
        raw: Any,
        codes: list[int],
        styles: list[Style],
        style_number: Any,
    ) -> None:
        self.textpage, self.raw, self.codes = textpage, raw, codes
        self.styles, self.style_number = styles, style_number.tolist()
        # The box (left, top, right, bottom) of each character the rules look at: the
        # ones read one by one, and the last of each run (see `read`).
        self.boxes: dict[int, list[float]] = {}
        self.generated: list[bool] = []
        self.unmapped: list[int] = []
        self.fragments: list[Fragment] = []
        self.parts: list[str] = []
        self.drawn: dict[Style, int] = {}  # drawn (sized, not blank) characters by style
        self.x0 = self.y0 = self.x1 = self.y1 = 0.0
        self.has_last = False
        self.last_x0 = self.last_y0 = self.last_x1 = self.last_size = 0.0
        self.skipped = self.unreadable = 0

    def read(self, singles: list[int], text: str, space: Any, generated: Any, box: Any) -> None:
        """Read `singles` one by one, each followed by its run of plain continuations."""
        import numpy as np

        left, right = box[:, 0], box[:, 2]
        low, high = np.minimum(box[:, 1], box[:, 3]), np.maximum(box[:, 1], box[:, 3])
        count = len(self.codes)
        ends = [*singles[1:], count]
        # Each run's extent over its characters that are not spaces, and their number.
        bounds = np.array(
            [i for start, end in zip(singles, ends, strict=True) if end > start + 1
             for i in (start + 1, end)]
        )  # fmt: skip
        extents: list[list[float]] = [[], [], [], []]
        numbers: list[int] = []
        if len(bounds):
            drawn = ~space
            for place, (values, fill, reduce) in enumerate(
                (
                    (left, np.inf, np.minimum),
                    (low, np.inf, np.minimum),
                    (right, -np.inf, np.maximum),
                    (high, -np.inf, np.maximum),
                )
            ):
                masked = np.append(np.where(drawn, values, fill), fill)
                extents[place] = reduce.reduceat(masked, bounds)[::2].tolist()
            counted = np.append(drawn, False).astype(np.int64)
            numbers = np.add.reduceat(counted, bounds)[::2].tolist()
            self.skipped += int(np.add.reduceat(np.append(generated, False), bounds)[::2].sum())
        run_x0, run_y0, run_x1, run_y1 = extents
        looked_at = [
            *singles,
            *(end - 1 for index, end in zip(singles, ends, strict=True) if end > index + 1),
        ]
        boxes = self.boxes = dict(zip(looked_at, box[looked_at].tolist(), strict=True))
        is_generated, parts, char = self.generated, self.parts, self.char
        styles, style_number = self.styles, self.style_number
        run = 0
        for index, end in zip(singles, ends, strict=True):
            if is_generated[index]:  # a space or a line break PDFium generated
                self.skipped += 1
                if parts:
                    if text[index] == " ":
                        parts.append(" ")
                    else:
                        self.finish()
            else:
                char(index)
            start = index + 1
            if start == end:
                continue
            # Characters start..end-1, each a plain continuation: what reading each does.
            style = styles[style_number[end - 1]]  # never a generated character
            parts.append(text[start:end])
            drawn_here = numbers[run]
            if drawn_here:
                if not self.drawn:
                    self.x0, self.y0 = run_x0[run], run_y0[run]
                    self.x1, self.y1 = run_x1[run], run_y1[run]
                else:
                    _widen(self, run_x0[run], run_y0[run], run_x1[run], run_y1[run])
                self.drawn[style] = self.drawn.get(style, 0) + drawn_here
            run += 1
            last = end - 1
            last_left, top, last_right, bottom = boxes[last]
            self.has_last = True
            self.last_x0, self.last_x1 = last_left, last_right
            self.last_y0, self.last_size = (top if top < bottom else bottom), style.size

    def char(self, index: int) -> None:
        """Read one character by the rules (one PDFium did not generate)."""
        code, parts = self.codes[index], self.parts
        style = self.styles[self.style_number[index]]
        if style.icon:
            self.skipped += 1
            if parts:  # an icon separates what stands left and right of it
                parts.append(" ")
            return
        if self.unmapped[index] == 1:
            self.skipped += 1
            if not parts:  # opening a line: almost always its bullet (see pdf.py)
                parts.append("•")
            else:
                self.unreadable += 1
            return
        # The loose box spans the font's ascent to descent, like pdfminer's boxes, so
        # baselines compare the same way for both engines.
        left, top, right, bottom = self.boxes[index]
        # Branches rather than min()/max(), for what a NaN makes of them (as before).
        if top < bottom:
            low, high = top, bottom
        elif top > bottom:
            low, high = bottom, top
        else:
            low = high = bottom
        # PDFium reports a line-end hyphen as U+0002 (and only such a hyphen).
        if code == 0x02 and self.raw.FPDFText_IsHyphen(self.textpage, index) == 1:
            char = "-"
        else:
            char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        blank = char.isspace()
        size = style.size
        if self.has_last and char != " ":
            last_size = self.last_size
            widest = last_size if last_size > size else size
            gap = left - self.last_x1
            drift = low - self.last_y0
            if (
                gap > FRAGMENT_GAP * widest
                or left < self.last_x0 - 0.5 * size
                or drift > 0.6 * widest
                or drift < -(0.6 * widest)
            ):
                self.finish()
            elif gap > WORD_GAP * widest and not blank and not parts[-1][-1].isspace():
                # Words set apart by positioning rather than a space character; pdfminer
                # infers these spaces the same way (its word_margin).
                parts.append(" ")
        parts.append(char)
        if size > 0:
            self.has_last = True
            self.last_x0, self.last_y0, self.last_x1, self.last_size = left, low, right, size
            if not blank:
                if not self.drawn:
                    self.x0, self.y0, self.x1, self.y1 = left, low, right, high
                else:
                    _widen(self, left, low, right, high)
                self.drawn[style] = self.drawn.get(style, 0) + 1

    def finish(self) -> None:
        """End the fragment being read: keep it if it has drawn text, and start a new one."""
        text = "".join(self.parts).strip()
        if not text.isascii() and _HALF_CHARACTER.search(text):
            text = _whole_characters(text)
        drawn = self.drawn
        if drawn and text:
            chars = sum(drawn.values())
            if len(drawn) == 1:  # most fragments: one style throughout
                first = next(iter(drawn))
                size, font, bold = round(first.size, 1), first.font, first.bold
            else:
                size, font, bold = _prevailing(drawn, chars)
            self.fragments.append(
                Fragment(text, self.x0, self.y0, self.x1, self.y1, size, font, bold, chars)
            )
        self.parts.clear()
        drawn.clear()
        self.has_last = False


def _widen(rules: PageRules, x0: float, y0: float, x1: float, y1: float) -> None:
    """The fragment's extent made to take in a box: what min() and max() of each side
    give, as they keep the first of equal values (or of values a NaN makes
    incomparable), and so do these comparisons, at less than half the cost."""
    if x0 < rules.x0:
        rules.x0 = x0
    if y0 < rules.y0:
        rules.y0 = y0
    if x1 > rules.x1:
        rules.x1 = x1
    if y1 > rules.y1:
        rules.y1 = y1


def _whole_characters(text: str) -> str:
    """Characters beyond U+FFFF joined from the two halves PDFium gives them as.

    A half left alone cannot be written out (UTF-8 refuses it), so it becomes U+FFFD,
    which cleanup counts as undecodable.
    """
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _prevailing(drawn: dict[Style, int], chars: int) -> tuple[float, str, bool]:
    """The size and font most characters have (ties: the larger), and bold if most are."""
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    bold = 0
    for style, count in drawn.items():
        fonts[style.font] += count
        sizes[round(style.size, 1)] += count
        bold += count if style.bold else 0
    return (
        max(sizes, key=lambda s: (sizes[s], s)),
        max(fonts, key=lambda f: (fonts[f], f)),
        bold * 2 > chars,
    )

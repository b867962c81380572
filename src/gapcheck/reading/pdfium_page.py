"""One page's characters into positioned text fragments, as PDFium reports them.

Characters are cut into fragments at line ends and at gaps wider than about one
character, exactly the granularity pdfminer's layout gives with gapcheck's settings, so
both engines share the reading-order, cleanup and section code from there on.

The reading is defined character by character (`PageRules.char`, pdfium_rules.py): a
generated space or line break, an icon, a glyph without Unicode, or a character that
stands apart from the last one each change the fragment being built. Most characters do
none of that: they continue a word in the style of the last character, close to it.
Reading them one by one in Python was most of the cost of a pdfium read, so a page is
read in two passes:

1. what PDFium knows of every character, asked in C-level passes over the page (its
   text object, whether it has Unicode, its box; style once per run of one text
   object's characters) and judged with numpy: which characters are "plain
   continuations" (`_page_fragments` says exactly what that takes);
2. the rules, character by character, only for the others; each run of plain
   continuations is added in one step (its text, its extent, its count), which is what
   the rules would have done to each of its characters.

So the result is exactly the character-by-character reading, which the tests check on
generated and real PDFs. numpy comes with spaCy.
"""

from __future__ import annotations

import ctypes
import math
import threading
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Protocol

from gapcheck.reading.cleanup import base_font_name, is_bold_font, is_icon_font
from gapcheck.reading.columns import Fragment
from gapcheck.reading.pdfium_calls import calls as _calls
from gapcheck.reading.pdfium_rules import FRAGMENT_GAP, WORD_GAP, PageRules, Style

# What the page text holds for a character without a code of its own (see _page_codes).
_NO_CODE = 0xFFFE


@lru_cache(maxsize=1)
def _other_blanks() -> Any:
    """Whether a code is a blank other than the space (str.isspace), read one by one, for
    every code up to the last such blank (U+3000) and one beyond it for any higher code."""
    import numpy as np

    return np.array([0x20 < c < 0x3001 and chr(c).isspace() for c in range(0x3002)], dtype=bool)


class _Totals(Protocol):
    characters: int
    unreadable: int


class Styles:
    """The styles of a page's runs of one text object's characters, asked of PDFium in
    one pass per question; the font's own facts once per font."""

    def __init__(self, raw: Any, textpage: Any) -> None:
        self.calls = _calls(raw)
        self.textpage = textpage
        # One buffer and flags per page, as PDFium leaves them unchanged when it has
        # nothing to write (a font name longer than the buffer).
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        # What a font name says (family without subset tag, bold, icon), per name; what
        # a font is (family, bold, icon) per font, whose address identifies it while the
        # page is open; and each style made, so equal styles are one object.
        self.names: dict[str, tuple[str, bool, bool]] = {}
        self.fonts: dict[int, tuple[str, bool, bool]] = {}
        self.made: dict[tuple[Any, ...], Style] = {}

    def of(self, indexes: list[int], objects: list[int]) -> list[Style]:
        """The style of each character `indexes[i]`, whose text object is `objects[i]`."""
        calls, textpage, count = self.calls, self.textpage, len(indexes)
        fonts = [calls.font_of(obj) if obj else 0 for obj in objects]
        nominal = list(map(calls.font_size, repeat(textpage, count), indexes))
        matrices = (ctypes.c_float * (6 * count))()  # FS_MATRIXes: a, b, c, d, e, f
        places = [ctypes.byref(matrices, 24 * i) for i in range(count)]
        for _ in map(calls.matrix, repeat(textpage, count), indexes, places):
            pass
        values = memoryview(matrices).cast("B").cast("f").tolist()
        styles = []
        for i, index in enumerate(indexes):
            font = fonts[i]
            facts = self.fonts.get(font) if font else None
            if facts is None:
                facts = self._font(index)
                if font:
                    self.fonts[font] = facts
            c, d = values[6 * i + 2], values[6 * i + 3]
            key = (facts, nominal[i], c, d)
            style = self.made.get(key)
            if style is None:
                # The nominal size times the text matrix's vertical scale: generators that
                # set "1 Tf" and scale the matrix would otherwise report every size as 1.
                family, bold, icon = facts
                style = Style(family, bold, nominal[i] * (math.hypot(c, d) or 1.0), icon)
                self.made[key] = style
            styles.append(style)
        return styles

    def _font(self, index: int) -> tuple[str, bool, bool]:
        """Family, bold (by name, weight or flags: all the font's own) and icon font."""
        calls, textpage, buffer = self.calls, self.textpage, self.buffer
        length = calls.font_info(textpage, index, buffer, len(buffer), self.flags_ref)
        name = buffer.raw[: max(length - 1, 0)].decode("latin-1") if length else ""
        said = self.names.get(name)
        if said is None:
            said = self.names[name] = (base_font_name(name), is_bold_font(name), is_icon_font(name))
        family, bold_name, icon = said
        weight = calls.font_weight(textpage, index)
        return family, bold_name or weight >= 600 or bool(self.flags.value & (1 << 18)), icon


def _page_codes(textpage: Any, raw: Any, count: int) -> list[int] | None:
    """Every character's code from one call, or None when the page text does not line up.

    The page text holds the characters' codes in order, with three exceptions: it leaves
    out what PDFium takes for control codes, PDFium builds differ on a character beyond
    U+FFFF (a surrogate pair, or nothing), and it holds U+FFFE for a character without a
    code of its own (a line-end hyphen, an unmapped glyph), which the caller asks about.
    Decoded as UTF-16 it lines up with the characters exactly when it is as long as they
    are many.
    """
    text = _page_text(textpage, raw, count)
    return None if text is None else list(map(ord, text))


def _page_text(textpage: Any, raw: Any, count: int) -> str | None:
    """The page text of `_page_codes`, or None."""
    units = (ctypes.c_ushort * (2 * count + 2))()  # room for every character as a pair
    written = raw.FPDFText_GetText(textpage, 0, count, units)
    try:
        text = bytes(units)[: 2 * max(written - 1, 0)].decode("utf-16-le")
    except UnicodeDecodeError:  # a lone surrogate: this build gave a pair as two characters
        return None
    return text if len(text) == count else None


_BUFFERS = threading.local()
# Pages of up to this many characters (a dense resume page holds about 5,000) share one
# buffer per thread; a larger one (a hostile file) gets its own, freed with it.
KEPT_BUFFER_CHARACTERS = 16_384


def _box_buffer(count: int) -> tuple[Any, list[Any]]:
    """Room for `count` FS_RECTFs, and a pointer to each."""
    if count > KEPT_BUFFER_CHARACTERS:
        return _new_box_buffer(count)
    kept = getattr(_BUFFERS, "boxes", None)
    if kept is None or len(kept[1]) < count:
        size = min(max(count, 2 * len(kept[1]) if kept else 4096), KEPT_BUFFER_CHARACTERS)
        kept = _BUFFERS.boxes = _new_box_buffer(size)
    return kept


def _new_box_buffer(count: int) -> tuple[Any, list[Any]]:
    boxes = (ctypes.c_float * (4 * count))()
    return boxes, [ctypes.byref(boxes, 16 * i) for i in range(count)]


def _page_fragments(textpage: Any, raw: Any, totals: _Totals) -> list[Fragment]:
    """The page's fragments; its readable and unreadable characters are added to `totals`."""
    import numpy as np

    calls = _calls(raw)
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        totals.characters += count
        return []
    text = _page_text(textpage, raw, count)
    if text is None:
        code = np.fromiter(
            map(calls.unicode, repeat(textpage, count), range(count)), dtype=np.int64, count=count
        )
        text = "".join([chr(c) if c < 0x110000 else "\ufffd" for c in code.tolist()])
    else:
        code = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    asked = np.flatnonzero(code == _NO_CODE).tolist()
    for index in asked:
        code[index] = calls.unicode(textpage, index)
    codes = code.tolist()
    if asked:  # the text added for runs of characters must say what was asked
        text = "".join([chr(c) if c < 0x110000 else "\ufffd" for c in codes])
    # The only characters PDFium ever generates (between words and at line ends).
    space: Any = code == 0x20
    maybe = np.flatnonzero(space | (code == 0x0A) | (code == 0x0D))
    generated = np.zeros(count, dtype=bool)
    generated[maybe] = (
        np.fromiter(
            map(calls.is_generated, repeat(textpage, len(maybe)), maybe.tolist()),
            dtype=np.int64,
            count=len(maybe),
        )
        == 1
    )
    # The text object, Unicode mapping and loose box of every character PDFium did not
    # generate (nothing asks about the others), each in one pass.
    read = np.flatnonzero(~generated)
    indexes = read.tolist()
    reads = len(indexes)
    objects = np.zeros(count, dtype=np.uint64)
    objects[read] = np.fromiter(
        map(calls.text_object_address, repeat(textpage, reads), indexes),
        dtype=np.uint64,
        count=reads,
    )
    unmapped = np.zeros(count, dtype=np.int64)
    unmapped[read] = np.fromiter(
        map(calls.map_error, repeat(textpage, reads), indexes), dtype=np.int64, count=reads
    )
    boxes, places = _box_buffer(count)  # FS_RECTFs: left, top, right, bottom
    if reads:
        chosen = itemgetter(*indexes)(places) if reads > 1 else (places[indexes[0]],)
        for _ in map(calls.loose_box, repeat(textpage, reads), indexes, chosen):
            pass
    box = np.frombuffer(boxes, dtype=np.float32, count=4 * count).reshape(count, 4)
    box = box.astype(np.float64)  # (a generated character's box is left as it was)
    left, right = box[:, 0], box[:, 2]
    low = np.minimum(box[:, 1], box[:, 3])
    finite: Any = np.isfinite(box).all(axis=1)  # a run's extent is then its minimum and maximum

    # The style of each character read as text: asked where its text object is not the
    # one of the character read before it (generated ones are not read as text).
    read_objects = objects[read]
    changes = np.ones(len(read), dtype=bool)
    changes[1:] = read_objects[1:] != read_objects[:-1]
    changes |= read_objects == 0
    style_at = Styles(raw, textpage).of(read[changes].tolist(), read_objects[changes].tolist())
    style_number = np.zeros(count, dtype=np.int64)
    style_number[read] = np.cumsum(changes) - 1
    sizes = np.array([style.size for style in style_at], dtype=np.float64)[style_number]
    icons = np.array([style.icon for style in style_at], dtype=bool)[style_number]
    same_styles: dict[Style, int] = {}
    kinds = np.array([same_styles.setdefault(style, len(same_styles)) for style in style_at])
    kind = kinds[style_number]  # equal for characters of equal styles (the rules see no more)

    plain: Any = (code > 0x20) & (code != _NO_CODE) & (code < 0x110000)
    other_blanks = _other_blanks()
    plain &= ~other_blanks[np.minimum(code, len(other_blanks) - 1)]
    as_text: Any = ~generated & ~icons & (unmapped != 1)  # read as text: added, maybe measured

    # A plain continuation is a character the rules only add to the fragment: read as
    # text, sized, in the style of the last character read as text, which is the one
    # before it or, with a space PDFium generated between them, the one before that; and
    # a space (never measured), or a character neither blank nor far from that last
    # character: no gap that cuts the fragment (or, right after it, one the rules would
    # add a space for), no step back, no change of baseline. A generated space between
    # two such characters only adds its space, and is a plain continuation too.
    def near(back: int, widest_gap: float) -> Any:
        size = sizes[back:]
        gap = left[back:] - right[:-back]
        drift = low[back:] - low[:-back]
        return (
            as_text[back:]
            & as_text[:-back]
            & (kind[back:] == kind[:-back])
            & (size > 0)
            & finite[back:]
            & (
                space[back:]
                | (
                    plain[back:]
                    & (gap <= widest_gap * size)
                    & (left[back:] >= left[:-back] - 0.5 * size)
                    & (drift <= 0.6 * size)
                    & (drift >= -(0.6 * size))
                )
            )
        )

    continues = np.zeros(count, dtype=bool)
    # Boxes at infinity (a broken text matrix) make NaNs, which compare false: such a
    # character is read by the rules, which compare the same way.
    with np.errstate(invalid="ignore", over="ignore"):
        continues[1:] = near(1, WORD_GAP)
        if count > 2:
            after_space = np.zeros(count, dtype=bool)
            after_space[2:] = near(2, FRAGMENT_GAP) & generated[1:-1] & space[1:-1]
            continues |= after_space
            continues[:-1] |= after_space[1:]  # the generated space itself
    reader = PageRules(textpage, raw, codes, style_at, style_number)
    reader.generated = generated.tolist()
    reader.unmapped = unmapped.tolist()
    reader.read(np.flatnonzero(~continues).tolist(), text, space, generated, box)
    if reader.parts:
        reader.finish()
    totals.characters += count - reader.skipped
    totals.unreadable += reader.unreadable
    return reader.fragments

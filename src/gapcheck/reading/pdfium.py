"""PDF pages into positioned text fragments with pypdfium2 (optional: gapcheck[fast]).

PDFium gives every character with its box, font size, font name and weight, and says
itself which characters it could not map to Unicode. Characters are cut into
fragments at line ends and at gaps wider than about one character, exactly the
granularity pdfminer's layout gives with gapcheck's settings, so both engines share
the reading-order, cleanup and section code from there on.

Reading is one pass over a page's characters, so its cost is the cost per character.
The page's character codes come from one call (see `_page_codes`); per character come
three PDFium calls (text object, mapping error, box) made through light ctypes
prototypes (see `pdfium_calls.py`); font, size and weight are asked once per text object, whose
characters all share them.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from typing import Any, NamedTuple

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.cleanup import base_font_name, is_bold_font, is_icon_font
from gapcheck.reading.columns import Fragment
from gapcheck.reading.lines import lines_from_pages
from gapcheck.reading.pdfium_calls import calls as _calls
from gapcheck.reading.quality import SCANNED_PAGE_CHARACTERS, check_text_layer
from gapcheck.reading.result import ReadResult

# A gap wider than this many font sizes ends a fragment (pdfminer: char_margin 1.0).
FRAGMENT_GAP = 1.0
# A gap wider than this many font sizes inside a fragment is a word space.
WORD_GAP = 0.12
# The only characters PDFium ever generates (between words and at line ends).
_MAYBE_GENERATED = {0x20, 0x0A, 0x0D}
# What the page text holds for a character without a code of its own (see _page_codes).
_NO_CODE = 0xFFFE
# PDFium gives a character beyond U+FFFF (an emoji, a math letter) as two characters,
# its UTF-16 halves ("surrogates"), which no file can hold apart.
_HALF_CHARACTER = re.compile("[\ud800-\udfff]")


def _pdfium() -> tuple[Any, Any]:
    try:
        import pypdfium2
        import pypdfium2.raw as raw
    except ImportError:
        raise InputError(
            "--pdf-engine",
            "the pdfium engine needs pypdfium2, which is not installed",
            "install it with: pip install 'gapcheck[fast]' (or use --pdf-engine pdfminer)",
        ) from None
    return pypdfium2, raw


def read_pdfium(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    """A PDF's lines in reading order, read with PDFium in a child process.

    PDFium inflates streams and parses pages in C, where neither the timer signal nor a
    count of inflated bytes can reach; the child is killed at the reading-time limit, and
    its address space is capped at the memory limit (see `reading/isolated.py`).
    """
    from gapcheck.reading.isolated import run_isolated

    _pdfium()  # a missing pypdfium2 is a one-line error here, not in the child
    return run_isolated(read_pdfium_here, data, source, budget)


def read_pdfium_here(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    """`read_pdfium` in this process: only the time and memory checks between pages."""
    pdfium, raw = _pdfium()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(
                source,
                "the PDF is encrypted and needs a password to open",
                "save an unprotected copy (e.g. print it to a new PDF) and try again",
            ) from None
        raise InputError(
            source,
            "the PDF is damaged or truncated and cannot be read",
            "export it again from the original editor, or print it to a new PDF",
        ) from None
    try:
        page_count = len(document)
        if page_count > limits.MAX_PAGES:
            raise LimitError(
                source,
                f"has {page_count} pages, over the {limits.MAX_PAGES}-page limit",
                "pass the resume itself (a resume is a few pages), or split the file",
            )
        if page_count == 0:
            raise InputError(source, "the PDF has no pages", "export it again")
        pages: list[list[Fragment]] = []
        widths: list[float] = []
        totals = _Totals()
        for index in range(page_count):
            budget.page = index + 1
            budget.check()
            budget.check_memory()
            try:
                page = document[index]
            except pdfium.PdfiumError:  # a page tree PDFium cannot follow (a loop, a hole)
                raise InputError(
                    source,
                    f"the PDF is damaged: page {index + 1} cannot be loaded",
                    "export it again from the original editor, or print it to a new PDF",
                ) from None
            try:
                textpage = page.get_textpage()
                before = totals.characters
                try:
                    budget.add_characters(raw.FPDFText_CountChars(textpage.raw))
                    pages.append(_page_fragments(textpage.raw, raw, totals))
                finally:
                    textpage.close()
                width, height = float(page.get_width()), float(page.get_height())
                # Images only matter on a page with too little text to be a page of a
                # resume (a scan, perhaps with a stamp), or in a PDF with (almost) none.
                cover = 0.0
                if (
                    totals.characters - before < SCANNED_PAGE_CHARACTERS
                    or totals.characters + totals.unreadable < limits.MIN_TEXT_CHARACTERS
                ):
                    images, area = _images(page, raw, width, height)
                    totals.images += images
                    cover = min(1.0, area / (width * height)) if width * height > 0 else 0.0
                totals.page_characters.append(totals.characters - before)
                totals.page_image_cover.append(cover)
                widths.append(width)
            finally:
                page.close()
    finally:
        document.close()
    check_text_layer(source, totals.characters, totals.unreadable, totals.images, 0)
    lines, layout, columns, undecodable = lines_from_pages(pages, widths)
    return ReadResult(
        lines=lines,
        pages=len(pages),
        engine="pdfium",
        layout=layout,
        columns=columns,
        readable=totals.characters,
        unreadable=totals.unreadable + undecodable,
        page_characters=totals.page_characters,
        page_image_cover=totals.page_image_cover,
    )


class _Totals:
    def __init__(self) -> None:
        self.characters = 0
        self.unreadable = 0
        self.images = 0
        self.page_characters: list[int] = []
        self.page_image_cover: list[float] = []


def _images(page: Any, raw: Any, width: float, height: float) -> tuple[int, float]:
    """The page's images, and the area of the page they cover (their boxes clipped to it)."""
    count, area = 0, 0.0
    try:
        for obj in page.get_objects():
            if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
                continue
            count += 1
            left, bottom, right, top = obj.get_bounds()
            w = min(right, width) - max(left, 0.0)
            h = min(top, height) - max(bottom, 0.0)
            if w > 0 and h > 0 and math.isfinite(w * h):
                area += w * h
    except Exception:  # measuring images only sharpens an error message
        return count, area
    return count, area


class _Style(NamedTuple):  # a tuple, made once per text object, and cheaply
    """What every character of one text object shares: its font and its size."""

    font: str  # base name, without the subset tag
    bold: bool
    size: float
    icon: bool


class _Styles:
    """The style of a page's characters, asked of PDFium once per text object."""

    def __init__(self, raw: Any, textpage: Any) -> None:
        self.calls = _calls(raw)
        self.textpage = textpage
        # One buffer, flags and matrix per page, as PDFium leaves them unchanged when it
        # has nothing to write (a font name longer than the buffer).
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.matrix = raw.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        # What a font name says (family without subset tag, bold, icon), per name.
        self.names: dict[str, tuple[str, bool, bool]] = {}

    def at(self, index: int) -> _Style:
        calls, textpage, buffer = self.calls, self.textpage, self.buffer
        length = calls.font_info(textpage, index, buffer, len(buffer), self.flags_ref)
        name = buffer.raw[: max(length - 1, 0)].decode("latin-1") if length else ""
        said = self.names.get(name)
        if said is None:
            said = self.names[name] = (base_font_name(name), is_bold_font(name), is_icon_font(name))
        family, bold_name, icon = said
        weight = calls.font_weight(textpage, index)
        bold = bold_name or weight >= 600 or bool(self.flags.value & (1 << 18))
        # The nominal size times the text matrix's vertical scale: generators that set
        # "1 Tf" and scale the matrix would otherwise report every size as 1.
        calls.matrix(textpage, index, self.matrix_ref)
        scale = math.hypot(self.matrix.c, self.matrix.d) or 1.0
        return _Style(family, bold, calls.font_size(textpage, index) * scale, icon)


def _page_fragments(textpage: Any, raw: Any, totals: _Totals) -> list[Fragment]:
    calls = _calls(raw)
    styles = _Styles(raw, textpage)
    unicode, is_generated, text_object = calls.unicode, calls.is_generated, calls.text_object
    map_error, loose_box = calls.map_error, calls.loose_box
    box = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
    box_ref = ctypes.byref(box)
    read_box = memoryview(box).cast("B").cast("f").tolist  # all four in one call
    fragments: list[Fragment] = []
    # The fragment being read: its text, and per drawn character (sized, not blank) its
    # style, with the extent of all of them.
    parts: list[str] = []
    drawn: list[_Style] = []
    add = parts.append
    x0 = y0 = x1 = y1 = 0.0
    # The last sized character of the fragment decides where the next one cuts it.
    has_last = False
    last_x0 = last_y0 = last_x1 = last_size = 0.0
    # Font and size belong to the text object, so they are asked once per run of one
    # object's characters; an object's address only identifies it while the page is open.
    run_object: int | None = None
    style = _Style("", False, 0.0, False)
    size, sized, icon = 0.0, False, False
    # The cut distances follow from the two sizes, which change only between runs.
    limit_size = limit_last = math.nan
    cut_gap = word_gap = drift_limit = back = 0.0
    count = raw.FPDFText_CountChars(textpage)
    codes = _page_codes(textpage, raw, count)
    if codes is None:
        codes = [unicode(textpage, index) for index in range(count)]
    skipped = unreadable = 0  # every other character is read (and counted once, at the end)
    for index in range(count):
        code = codes[index]
        if code == _NO_CODE:
            code = unicode(textpage, index)
        # PDFium generates only spaces and line breaks, so other characters need not ask.
        if code in _MAYBE_GENERATED and is_generated(textpage, index) == 1:
            skipped += 1
            if code == 0x20:
                if parts:
                    add(" ")
            elif parts:  # a line break
                _finish(fragments, parts, drawn, x0, y0, x1, y1)
                has_last = False
            continue
        key = text_object(textpage, index)
        if key is None or key != run_object:
            style = styles.at(index)
            size, icon = style.size, style.icon
            sized = size > 0
            run_object = key
        if icon:
            skipped += 1
            if parts:  # an icon separates what stands left and right of it
                add(" ")
            continue
        if map_error(textpage, index) == 1:
            skipped += 1
            if not parts:  # opening a line: almost always its bullet (see pdf.py)
                add("•")
            else:
                unreadable += 1
            continue
        # The loose box spans the font's ascent to descent, like pdfminer's boxes, so
        # baselines compare the same way for both engines.
        loose_box(textpage, index, box_ref)
        left, top, right, bottom = read_box()
        # PDFium reports a line-end hyphen as U+0002 (and only such a hyphen).
        if code == 0x02 and raw.FPDFText_IsHyphen(textpage, index) == 1:
            char = "-"
        else:
            char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        blank = char.isspace()
        # Branches rather than min()/max() (a call each, per character), same results.
        if top < bottom:
            low, high = top, bottom
        elif top > bottom:
            low, high = bottom, top
        else:
            low = high = bottom
        if has_last and char != " ":
            if size is not limit_size or last_size is not limit_last:
                widest = last_size if last_size > size else size
                cut_gap, word_gap = FRAGMENT_GAP * widest, WORD_GAP * widest
                drift_limit, back = 0.6 * widest, 0.5 * size
                limit_size, limit_last = size, last_size
            gap = left - last_x1
            drift = low - last_y0
            if (
                gap > cut_gap
                or left < last_x0 - back
                or drift > drift_limit
                or drift < -drift_limit
            ):
                _finish(fragments, parts, drawn, x0, y0, x1, y1)
                has_last = False
            elif gap > word_gap and not blank and not parts[-1].isspace():
                # Words set apart by positioning rather than a space character; pdfminer
                # infers these spaces the same way (its word_margin).
                add(" ")
        add(char)
        if sized:
            has_last = True
            last_x0, last_y0, last_x1, last_size = left, low, right, size
            if not blank:
                if not drawn:
                    x0, y0, x1, y1 = left, low, right, high
                else:  # min()/max() keep the first of equal values, and so do these
                    if left < x0:
                        x0 = left
                    if low < y0:
                        y0 = low
                    if right > x1:
                        x1 = right
                    if high > y1:
                        y1 = high
                drawn.append(style)
    if parts:
        _finish(fragments, parts, drawn, x0, y0, x1, y1)
    totals.characters += count - skipped
    totals.unreadable += unreadable
    return fragments


def _page_codes(textpage: Any, raw: Any, count: int) -> list[int] | None:
    """Every character's code from one call, or None when the page text does not line up.

    The page text holds the characters' codes in order, with three exceptions: it leaves
    out what PDFium takes for control codes, PDFium builds differ on a character beyond
    U+FFFF (a surrogate pair, or nothing), and it holds U+FFFE for a character without a
    code of its own (a line-end hyphen, an unmapped glyph), which the caller asks about.
    Decoded as UTF-16 it lines up with the characters exactly when it is as long as they
    are many.
    """
    units = (ctypes.c_ushort * (2 * count + 2))()  # room for every character as a pair
    written = raw.FPDFText_GetText(textpage, 0, count, units)
    try:
        text = bytes(units)[: 2 * max(written - 1, 0)].decode("utf-16-le")
    except UnicodeDecodeError:  # a lone surrogate: this build gave a pair as two characters
        return None
    return list(map(ord, text)) if len(text) == count else None


def _finish(
    fragments: list[Fragment],
    parts: list[str],
    drawn: list[_Style],
    x0: float,
    y0: float,
    x1: float,
    y1: float,
) -> None:
    """End the fragment being read: keep it if it has drawn text, and start a new one."""
    text = "".join(parts).strip()
    if not text.isascii() and _HALF_CHARACTER.search(text):
        text = _whole_characters(text)
    if drawn and text:
        first = drawn[0]
        if drawn.count(first) == len(drawn):  # most fragments: one style throughout
            size, font, bold = round(first.size, 1), first.font, first.bold
        else:
            size, font, bold = _prevailing(drawn)
        fragments.append(
            Fragment(
                text=text,
                x0=x0,
                y0=y0,
                x1=x1,
                y1=y1,
                size=size,
                font=font,
                bold=bold,
                chars=len(drawn),
            )
        )
    parts.clear()
    drawn.clear()


def _whole_characters(text: str) -> str:
    """Characters beyond U+FFFF joined from the two halves PDFium gives them as.

    A half left alone cannot be written out (UTF-8 refuses it), so it becomes U+FFFD,
    which cleanup counts as undecodable.
    """
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _prevailing(drawn: list[_Style]) -> tuple[float, str, bool]:
    """The size and font most characters have (ties: the larger), and bold if most are."""
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    bold = 0
    for style, count in Counter(drawn).items():
        fonts[style.font] = fonts.get(style.font, 0) + count
        rounded = round(style.size, 1)
        sizes[rounded] = sizes.get(rounded, 0) + count
        bold += count if style.bold else 0
    return (
        max(sizes, key=lambda s: (sizes[s], s)),
        max(fonts, key=lambda f: (fonts[f], f)),
        bold * 2 > len(drawn),
    )

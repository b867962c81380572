"""PDF pages into positioned text fragments with pypdfium2 (optional: gapcheck[fast]).

PDFium gives every character with its box, font size, font name and weight, and says
itself which characters it could not map to Unicode. Characters are cut into
fragments at line ends and at gaps wider than about one character, exactly the
granularity pdfminer's layout gives with gapcheck's settings, so both engines share
the reading-order, cleanup and section code from there on.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.cleanup import base_font_name, is_bold_font, is_icon_font
from gapcheck.reading.columns import Fragment
from gapcheck.reading.lines import lines_from_pages
from gapcheck.reading.quality import check_text_layer
from gapcheck.reading.result import ReadResult

# A gap wider than this many font sizes ends a fragment (pdfminer: char_margin 1.0).
FRAGMENT_GAP = 1.0
# A gap wider than this many font sizes inside a fragment is a word space.
WORD_GAP = 0.12
_LINE_BREAKS = {0x0A, 0x0D}


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
    """A PDF's lines in reading order, read with PDFium."""
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
                try:
                    budget.add_characters(raw.FPDFText_CountChars(textpage.raw))
                    pages.append(_page_fragments(textpage.raw, raw, totals))
                finally:
                    textpage.close()
                totals.images += _count_images(page, raw)
                widths.append(float(page.get_width()))
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
    )


class _Totals:
    def __init__(self) -> None:
        self.characters = 0
        self.unreadable = 0
        self.images = 0


def _count_images(page: Any, raw: Any) -> int:
    try:
        return sum(1 for obj in page.get_objects() if obj.type == raw.FPDF_PAGEOBJ_IMAGE)
    except Exception:  # counting images only sharpens an error message
        return 0


class _FontCache:
    """Font name and boldness per text object: characters of one object share a font."""

    def __init__(self, raw: Any, textpage: Any) -> None:
        self.raw = raw
        self.textpage = textpage
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.last_object: int | None = None
        self.last: tuple[str, bool] = ("", False)

    def font(self, index: int) -> tuple[str, bool]:
        # Older PDFium builds lack the text-object call: then every character is asked.
        object_of = getattr(self.raw, "FPDFText_GetTextObject", None)
        key = (
            ctypes.cast(object_of(self.textpage, index), ctypes.c_void_p).value
            if object_of
            else None
        )
        if key is not None and key == self.last_object:
            return self.last
        length = self.raw.FPDFText_GetFontInfo(
            self.textpage, index, self.buffer, len(self.buffer), self.flags
        )
        name = self.buffer.raw[: max(length - 1, 0)].decode("latin-1") if length else ""
        weight = self.raw.FPDFText_GetFontWeight(self.textpage, index)
        bold = is_bold_font(name) or weight >= 600 or bool(self.flags.value & (1 << 18))
        self.last_object, self.last = key, (name, bold)
        return self.last


def _page_fragments(textpage: Any, raw: Any, totals: _Totals) -> list[Fragment]:
    count = raw.FPDFText_CountChars(textpage)
    fonts = _FontCache(raw, textpage)
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    fragments: list[Fragment] = []
    current: list[tuple[str, float, float, float, float, float, str, bool]] = []

    def close() -> None:
        if current:
            fragment = _fragment(current)
            if fragment is not None:
                fragments.append(fragment)
            current.clear()

    space = (" ", 0.0, 0.0, 0.0, 0.0, 0.0, "", False)  # a separator with no box
    for index in range(count):
        code = raw.FPDFText_GetUnicode(textpage, index)
        generated = raw.FPDFText_IsGenerated(textpage, index) == 1
        if generated:
            if code in _LINE_BREAKS:
                close()
            elif code == 0x20 and current:
                current.append(space)
            continue
        name, bold = fonts.font(index)
        if is_icon_font(name):
            if current:  # an icon separates what stands left and right of it
                current.append(space)
            continue
        if raw.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            if not current:  # opening a line: almost always its bullet (see pdf.py)
                current.append(("•", 0.0, 0.0, 0.0, 0.0, 0.0, "", False))
            else:
                totals.unreadable += 1
            continue
        # The loose box spans the font's ascent to descent, like pdfminer's boxes, so
        # baselines compare the same way for both engines.
        raw.FPDFText_GetLooseCharBox(textpage, index, rect)
        # The nominal size times the text matrix's vertical scale: generators that set
        # "1 Tf" and scale the matrix would otherwise report every size as 1.
        raw.FPDFText_GetMatrix(textpage, index, matrix)
        scale = math.hypot(matrix.c, matrix.d) or 1.0
        size = raw.FPDFText_GetFontSize(textpage, index) * scale
        if raw.FPDFText_IsHyphen(textpage, index) == 1:
            char = "-"  # PDFium reports a line-end hyphen as U+0002
        else:
            char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        box = (rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))
        last = next((c for c in reversed(current) if c[5] > 0), None)
        if (
            last is not None
            and char != " "
            and (
                box[0] - last[3] > FRAGMENT_GAP * max(size, last[5])
                or box[0] < last[1] - 0.5 * size
                or abs(box[1] - last[2]) > 0.6 * max(size, last[5])
            )
        ):
            close()
        elif (
            last is not None
            and not char.isspace()
            and not current[-1][0].isspace()
            and box[0] - last[3] > WORD_GAP * max(size, last[5])
        ):
            # Words set apart by positioning rather than a space character; pdfminer
            # infers these spaces the same way (its word_margin).
            current.append(space)
        current.append((char, box[0], box[1], box[2], box[3], size, base_font_name(name), bold))
        totals.characters += 1
    close()
    return fragments


def _fragment(
    chars: list[tuple[str, float, float, float, float, float, str, bool]],
) -> Fragment | None:
    drawn = [c for c in chars if c[5] > 0 and not c[0].isspace()]
    text = "".join(c[0] for c in chars).strip()
    if not drawn or not text:
        return None
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    for c in drawn:
        fonts[c[6]] = fonts.get(c[6], 0) + 1
        sizes[round(c[5], 1)] = sizes.get(round(c[5], 1), 0) + 1
    return Fragment(
        text=text,
        x0=min(c[1] for c in drawn),
        y0=min(c[2] for c in drawn),
        x1=max(c[3] for c in drawn),
        y1=max(c[4] for c in drawn),
        size=max(sizes, key=lambda s: (sizes[s], s)),
        font=max(fonts, key=lambda f: (fonts[f], f)),
        bold=sum(1 for c in drawn if c[7]) * 2 > len(drawn),
        chars=len(drawn),
    )

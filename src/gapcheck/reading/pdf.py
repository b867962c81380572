"""PDF pages into positioned text fragments with pdfminer.six.

pdfminer's layout analysis groups glyphs into text lines; its text-box ordering
(`boxes_flow`) is switched off because gapcheck orders lines itself from geometry
(`columns.py`), which is both more reliable for resumes and cheaper. Glyphs set in
icon fonts are dropped here, where the font is still known; glyphs with no Unicode
mapping ("(cid:N)") are dropped and counted, so the document can be refused as
garbled instead of being scored as if every skill were missing. Streams and object
references go through the guards in `pdfsafety.py`, so a hostile PDF cannot make
pdfminer inflate gigabytes or follow references forever.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTChar,
    LTCurve,
    LTFigure,
    LTImage,
    LTTextBox,
    LTTextLine,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.cleanup import base_font_name, is_bold_font, is_icon_font
from gapcheck.reading.columns import Fragment
from gapcheck.reading.lines import lines_from_pages
from gapcheck.reading.pdfsafety import GuardedDocument, ReferenceLoop, inflation_allowance
from gapcheck.reading.quality import check_text_layer
from gapcheck.reading.result import ReadResult

# char_margin 1.0 (default 2.0) splits a line at any gap wider than about one
# character: column gutters are then never bridged, and the row grouping in
# columns.py puts pieces of one real line back together. all_texts makes pdfminer
# lay out text inside form XObjects too, which plain extract_text also prints.
LAPARAMS_OPTIONS: dict[str, Any] = {
    "line_overlap": 0.5,
    "char_margin": 1.0,
    "line_margin": 0.5,
    "word_margin": 0.1,
    "boxes_flow": None,
    "detect_vertical": False,
    "all_texts": True,
}
GLYPHS_PER_TIME_CHECK = 256


@dataclass
class PdfContent:
    """What the PDF pages held, before ordering and cleanup."""

    pages: list[list[Fragment]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # page widths in points
    characters: int = 0  # glyphs kept as text
    unreadable: int = 0  # glyphs with no Unicode mapping, outside icon fonts
    icons: int = 0  # glyphs dropped because they were set in an icon font
    images: int = 0
    paths: int = 0
    page_characters: list[int] = field(default_factory=list)  # text characters per page
    page_image_cover: list[float] = field(default_factory=list)  # image share of each page


def _open_document(data: bytes, source: str) -> PDFDocument:
    try:
        # An empty user password is tried: PDFs "protected" only against editing open.
        return GuardedDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise InputError(
            source,
            "the PDF is encrypted and needs a password to open",
            "save an unprotected copy (e.g. print it to a new PDF) and try again",
        ) from None
    except PDFEncryptionError as exc:
        raise InputError(
            source,
            f"the PDF uses an encryption gapcheck cannot open ({exc})",
            "save an unprotected copy (e.g. print it to a new PDF) and try again",
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    except LimitError:
        raise
    except ReferenceLoop:
        raise _reference_loop(source) from None
    except Exception as exc:  # pdfminer raises many types on malformed files
        raise _damaged(source, exc) from None


def _reference_loop(source: str) -> InputError:
    return InputError(
        source,
        "the PDF is damaged: its objects refer to each other in an endless loop",
        "export it again from the original editor, or print it to a new PDF",
    )


def _damaged(source: str, exc: BaseException | None = None) -> InputError:
    detail = f" ({type(exc).__name__})" if exc is not None else ""
    return InputError(
        source,
        f"the PDF is damaged or truncated and cannot be read{detail}",
        "export it again from the original editor, or print it to a new PDF",
    )


def _too_deep(source: str) -> LimitError:
    return LimitError(
        source,
        "the PDF's structure is nested too deeply to read safely",
        "print it to a new PDF and try again",
    )


def _declared_pages(document: PDFDocument) -> int | None:
    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
    except Exception:  # a missing or odd page tree: pages are counted while reading
        return None
    return count if isinstance(count, int) else None


class _BudgetedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, checking the time budget every few hundred glyphs.

    A page is one uninterruptible call into pdfminer; checking inside it is what stops
    a PDF built to make the interpreter loop. It also notes which fonts are bold by
    their descriptor, which is only visible while glyphs are drawn.
    """

    def __init__(self, budget: limits.ReadBudget) -> None:
        resources = PDFResourceManager(caching=True)
        super().__init__(resources, laparams=LAParams(**LAPARAMS_OPTIONS))
        self.interpreter = PDFPageInterpreter(resources, self)
        self.budget = budget
        self.operations = 0
        self.bold_fonts: dict[str, bool] = {}

    def _tick(self) -> None:
        self.operations += 1
        if self.operations % GLYPHS_PER_TIME_CHECK == 0:
            self.budget.check()
            self.budget.check_memory()

    def render_char(self, matrix: Any, font: Any, *args: Any) -> float:
        # Runs once per glyph, so the guards are inlined here rather than called.
        self.operations += 1
        if self.operations % GLYPHS_PER_TIME_CHECK == 0:
            self.budget.check()
            self.budget.check_memory()
        # Every glyph counts, readable or not: the limit bounds pdfminer's work and memory
        # (about a kilobyte per glyph until the page is laid out).
        self.budget.add_characters(1)
        name = font.fontname
        if name not in self.bold_fonts:
            self.bold_fonts[name] = _descriptor_bold(font)
        return float(PDFPageAggregator.render_char(self, matrix, font, *args))

    def paint_path(self, *args: Any) -> None:
        self._tick()
        super().paint_path(*args)


def _descriptor_bold(font: Any) -> bool:
    """Bold by name, or by the font descriptor's weight / ForceBold flag."""
    name = str(getattr(font, "fontname", ""))
    if is_bold_font(name):
        return True
    descriptor = getattr(font, "descriptor", None) or {}
    try:
        weight = float(descriptor.get("FontWeight", 0) or 0)
        flags = int(descriptor.get("Flags", 0) or 0)
    except (TypeError, ValueError):
        return False
    return weight >= 600 or bool(flags & (1 << 18))


def read_pdf(data: bytes, source: str, budget: limits.ReadBudget) -> PdfContent:
    """Every page's fragments. Raises InputError/LimitError/UnreadableError for bad files."""
    with inflation_allowance(source) as allowance:
        content = _read_pages(data, source, budget)
    if allowance.exceeded is not None:  # pdfminer caught the error and carried on
        raise allowance.exceeded
    return content


def _read_pages(data: bytes, source: str, budget: limits.ReadBudget) -> PdfContent:
    document = _open_document(data, source)
    declared = _declared_pages(document)
    if declared is not None and declared > limits.MAX_PAGES:
        raise _too_many_pages(source, declared, exact=True)
    device = _BudgetedAggregator(budget)
    content = PdfContent()
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.MAX_PAGES:
                raise _too_many_pages(source, number, exact=False)
            budget.page = number
            budget.check()
            budget.check_memory()
            device.interpreter.process_page(page)
            layout = device.get_result()
            content.widths.append(float(layout.width))
            content.pages.append(_page_fragments(layout, device.bold_fonts, content))
    except (InputError, LimitError):
        raise
    except RecursionError:
        raise _too_deep(source) from None
    except ReferenceLoop:
        raise _reference_loop(source) from None
    except MemoryError:
        raise LimitError(
            source,
            f"reading ran out of memory (on page {budget.page})",
            "the PDF may hold huge images or malformed streams; print it to a new PDF",
        ) from None
    except Exception as exc:  # pdfminer raises many types on malformed files
        raise _damaged(source, exc) from None
    if not content.pages:
        raise _damaged(source)  # no page tree left: typically a truncated file
    return content


def _too_many_pages(source: str, pages: int, *, exact: bool) -> LimitError:
    count = f"{pages}" if exact else f"more than {limits.MAX_PAGES}"
    return LimitError(
        source,
        f"has {count} pages, over the {limits.MAX_PAGES}-page limit",
        "pass the resume itself (a resume is a few pages), or split the file",
    )


def _page_fragments(
    layout: Any, bold_fonts: dict[str, bool], content: PdfContent
) -> list[Fragment]:
    fragments: list[Fragment] = []
    characters_before = content.characters
    image_area = 0.0

    def visit(item: Any) -> None:
        nonlocal image_area
        for child in item:
            if isinstance(child, LTTextBox):
                for line in child:
                    if isinstance(line, LTTextLine):
                        fragment = _fragment(line, bold_fonts, content)
                        if fragment is not None:
                            fragments.append(fragment)
            elif isinstance(child, LTImage):
                content.images += 1
                image_area += _area_on_page(child, layout)
            elif isinstance(child, LTFigure):
                visit(child)
            elif isinstance(child, LTCurve):  # also LTLine and LTRect
                content.paths += 1
            elif isinstance(child, LTTextLine):
                fragment = _fragment(child, bold_fonts, content)
                if fragment is not None:
                    fragments.append(fragment)

    visit(layout)
    content.page_characters.append(content.characters - characters_before)
    page_area = _finite(layout.width) * _finite(layout.height)
    content.page_image_cover.append(min(1.0, image_area / page_area) if page_area > 0 else 0.0)
    return fragments


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0


def _area_on_page(item: Any, page: Any) -> float:
    """The area of `item`'s box that lies on the page (a box may reach far outside it)."""
    width = min(_finite(item.x1), _finite(page.x1)) - max(_finite(item.x0), _finite(page.x0))
    height = min(_finite(item.y1), _finite(page.y1)) - max(_finite(item.y0), _finite(page.y0))
    return width * height if width > 0 and height > 0 else 0.0


def _fragment(line: Any, bold_fonts: dict[str, bool], content: PdfContent) -> Fragment | None:
    """One pdfminer text line as a Fragment: icon glyphs and unmapped glyphs left out."""
    parts: list[str] = []
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    kept = 0
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    isfinite = math.isfinite
    item: Any
    for item in line:  # once per glyph: kept lean on purpose
        if not isinstance(item, LTChar):
            parts.append(item.get_text())  # pdfminer's inferred spaces and line end
            continue
        cx0, cy0, cx1, cy1 = item.x0, item.y0, item.x1, item.y1
        if not (isfinite(cx0) and isfinite(cy0) and isfinite(cx1) and isfinite(cy1)):
            continue  # a glyph placed at infinity by a broken text matrix: nowhere to show
        name = item.fontname
        if is_icon_font(name):
            content.icons += 1
            parts.append(" ")  # an icon separates what stands left and right of it
            continue
        text = item.get_text()
        if text.startswith("(cid:"):
            if kept == 0 and not parts:
                # An unmapped glyph opening a line is almost always its bullet: a
                # symbol font's dot or arrow, not text gapcheck failed to read.
                parts.append("•")
                continue
            content.unreadable += 1
            continue
        parts.append(text)
        kept += 1
        fonts[name] = fonts.get(name, 0) + 1
        size = item.size
        sizes[size] = sizes.get(size, 0) + 1  # rounded once per distinct size, below
        if cx0 < x0:
            x0 = cx0
        if cy0 < y0:
            y0 = cy0
        if cx1 > x1:
            x1 = cx1
        if cy1 > y1:
            y1 = cy1
    if kept == 0:
        return None
    text = "".join(parts).strip()
    if not text:
        return None
    content.characters += kept
    bold = sum(count for name, count in fonts.items() if bold_fonts.get(name, False))
    rounded: dict[float, int] = {}
    for size, count in sizes.items():
        rounded[round(size, 1)] = rounded.get(round(size, 1), 0) + count
    sizes = rounded
    font = max(fonts, key=lambda f: (fonts[f], f))
    return Fragment(
        text=text,
        x0=x0,
        y0=y0,
        x1=x1,
        y1=y1,
        size=max(sizes, key=lambda s: (sizes[s], s)),
        font=base_font_name(font),
        bold=bold * 2 > kept,
        chars=kept,
    )


def read_pdfminer(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    """A PDF's lines in reading order, read with pdfminer.six."""
    content = read_pdf(data, source, budget)
    check_text_layer(source, content.characters, content.unreadable, content.images, content.paths)
    lines, layout, columns, undecodable = lines_from_pages(content.pages, content.widths)
    return ReadResult(
        lines=lines,
        pages=len(content.pages),
        engine="pdfminer",
        layout=layout,
        columns=columns,
        readable=content.characters,
        unreadable=content.unreadable + undecodable,
        page_characters=content.page_characters,
        page_image_cover=content.page_image_cover,
    )

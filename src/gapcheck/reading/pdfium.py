"""PDF pages into positioned text fragments with pypdfium2 (optional: gapcheck[fast]).

PDFium gives every character with its box, font size, font name and weight, and says
itself which characters it could not map to Unicode. A page's characters become
fragments in `pdfium_page.py`, exactly the granularity pdfminer's layout gives with
gapcheck's settings, so both engines share the reading-order, cleanup and section code
from there on. This module opens the document, checks the limits between pages, and
measures images where they can matter.
"""

from __future__ import annotations

import math
from typing import Any

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.columns import Fragment
from gapcheck.reading.lines import lines_from_pages
from gapcheck.reading.pdfium_page import _page_fragments
from gapcheck.reading.quality import SCANNED_PAGE_CHARACTERS, check_text_layer
from gapcheck.reading.result import ReadResult


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

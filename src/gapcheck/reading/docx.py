"""Word documents (.docx) into lines, with python-docx.

Every paragraph of the body is read in document order, including those inside tables
(resume templates lay out columns with tables) and text boxes (Canva and many Word
templates put whole sections in them); the page header comes first, because that is
where templates put the name and contact details. Heading styles and bold runs give
the section finder the same signals a PDF's fonts do. Page numbers follow the page
breaks Word recorded when it last laid the document out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.lines import BODY_SIZE, HEADING_SIZES, TextItem, lines_from_items
from gapcheck.reading.result import ReadResult

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    document = _open(data, source)
    items: list[TextItem] = []
    seen_header: set[str] = set()
    for section in document.sections:
        try:
            paragraphs = list(section.header.paragraphs)
        except (AttributeError, KeyError, ValueError):  # no header part
            paragraphs = []
        for paragraph in paragraphs:
            item = _item(paragraph, 1)
            if item is not None and item.text not in seen_header:
                seen_header.add(item.text)
                items.append(item)
    page = 1
    for paragraph in _body_paragraphs(document):
        if len(items) > limits.MAX_TEXT_LINES:
            raise LimitError(
                source,
                f"has more than {limits.MAX_TEXT_LINES} paragraphs",
                "pass the resume itself",
            )
        page += _page_breaks_before(paragraph)
        item = _item(paragraph, page)
        if item is not None:
            budget.add_characters(len(item.text))
            items.append(item)
        if len(items) % 200 == 0:
            budget.check()
    lines, readable, unreadable = lines_from_items(items)
    return ReadResult(
        lines=lines,
        pages=max((line.page for line in lines), default=1),
        engine="docx",
        layout="text",
        readable=readable,
        unreadable=unreadable,
    )


def _open(data: bytes, source: str) -> Any:
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import OpcError

    try:
        return open_docx(io.BytesIO(data))
    except LimitError:  # the time or memory budget ran out while the archive was parsed
        raise
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            source,
            f"the Word document is damaged and cannot be read ({type(exc).__name__})",
            "open it in Word and save it again, or export it as PDF",
        ) from None
    except Exception as exc:  # python-docx and lxml raise many types on broken XML
        raise InputError(
            source,
            f"the Word document is damaged and cannot be read ({type(exc).__name__})",
            "open it in Word and save it again, or export it as PDF",
        ) from None


def _body_paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph in document order: body, table cells, text boxes.

    A text box is stored twice (a modern drawing and a VML fallback for old Word);
    the fallback copy is skipped. Paragraphs are made one at a time, so the line
    limit stops a huge document before all of it is wrapped.
    """
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for element in body.iter(f"{_W}p"):
        if any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            continue
        yield Paragraph(element, document.part)


def _page_breaks_before(paragraph: Any) -> int:
    """Page breaks Word rendered or was told to put before this paragraph's text."""
    element = paragraph._p  # python-docx keeps the XML element here
    rendered = len(element.findall(f"{_W}r/{_W}lastRenderedPageBreak"))
    explicit = sum(1 for br in element.findall(f"{_W}r/{_W}br") if br.get(f"{_W}type") == "page")
    # Word records a break it rendered next to the one it was told to make: count once.
    return max(rendered, explicit)


def _item(paragraph: Any, page: int) -> TextItem | None:
    text = paragraph.text
    for link in getattr(paragraph, "hyperlinks", ()):
        address = getattr(link, "address", "") or ""
        if address.startswith(("http://", "https://")) and address.rstrip("/") not in text:
            text = f"{text} ({address})"
    if not text.strip():
        return None
    style_name = (paragraph.style.name if paragraph.style is not None else "") or ""
    level = _heading_level(style_name)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or "List" in style_name:
        text = "• " + text
    font, size, bold = _run_style(paragraph)
    if level:
        return TextItem(text, page=page, font=font, size=HEADING_SIZES.get(level, 11.0), bold=True)
    return TextItem(text, page=page, font=font, size=size, bold=bold)


def _heading_level(style_name: str) -> int:
    name = style_name.lower()
    if name == "title":
        return 1
    if name.startswith("heading"):
        digits = "".join(ch for ch in name if ch.isdigit())
        return int(digits) if digits else 2
    return 0


def _run_style(paragraph: Any) -> tuple[str, float, bool]:
    """(font, size in points, bold): from the runs, falling back to the paragraph style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_font = paragraph.style.font if paragraph.style is not None else None
    style_bold = bool(style_font is not None and style_font.bold)
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    if not sizes and style_font is not None and style_font.size is not None:
        sizes = [style_font.size.pt]
    names = [run.font.name for run in runs if run.font.name]
    if not names and style_font is not None and style_font.name:
        names = [style_font.name]
    bold = bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
    return (names[0] if names else ""), (max(sizes) if sizes else BODY_SIZE), bold

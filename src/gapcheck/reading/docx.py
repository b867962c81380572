"""Word documents (.docx) into lines, with python-docx.

Every paragraph of the body is read in document order, including those inside tables
(resume templates lay out columns with tables) and text boxes (Canva and many Word
templates put whole sections in them); the page headers come first, because that is
where templates put the name and contact details, and the footnotes, endnotes and
footers last. Heading styles and bold runs give the section finder the same signals a
PDF's fonts do. Page numbers follow the page breaks Word recorded when it last laid the
document out.

Every paragraph of every part counts against the text and line limits (its characters,
and its lines however they are broken), and the archive is inflated in counted pieces
before python-docx sees it (`archive.py`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.archive import stored_copy
from gapcheck.reading.lines import BODY_SIZE, HEADING_SIZES, TextItem, lines_from_items
from gapcheck.reading.result import ReadResult

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    document = _open(data, source, budget)
    items: list[TextItem] = []
    package_parts = list(document.part.package.iter_parts())
    # Headers first (templates put the name and contact details there), each line once.
    _add_once(items, _story_paragraphs(package_parts, "header"), budget)
    page = 1
    for paragraph in _body_paragraphs(document.element.body, document.part):
        page += _page_breaks_before(paragraph)
        _add(items, _item(paragraph, page), budget)
    # Then the notes, and the footers (each line once), as a PDF shows them last.
    for kind in ("footnotes", "endnotes"):
        for paragraph in _note_paragraphs(package_parts, kind, document.part):
            _add(items, _item(paragraph, page), budget)
    _add_once(items, _story_paragraphs(package_parts, "footer"), budget, page=page)
    lines, readable, unreadable = lines_from_items(items)
    return ReadResult(
        lines=lines,
        pages=max((line.page for line in lines), default=1),
        engine="docx",
        layout="text",
        readable=readable,
        unreadable=unreadable,
    )


def _add(items: list[TextItem], item: TextItem | None, budget: limits.ReadBudget) -> None:
    """Count a paragraph against the text and line limits (an empty one is a line too,
    so a body of millions of empty paragraphs stops at the limit) and keep it if it has
    text."""
    if item is None:
        budget.add_lines(1)
    else:
        budget.add_characters(len(item.text))
        budget.add_lines(max(1, limits.count_lines(item.text)))
        items.append(item)
    if budget.lines % 200 == 0:
        budget.check()


def _add_once(
    items: list[TextItem],
    paragraphs: Iterator[Any],
    budget: limits.ReadBudget,
    *,
    page: int = 1,
) -> None:
    seen: set[str] = set()
    for paragraph in paragraphs:
        item = _item(paragraph, page)
        if item is not None and item.text in seen:
            item = None
        if item is not None:
            seen.add(item.text)
        _add(items, item, budget)


def _open(data: bytes, source: str, budget: limits.ReadBudget) -> Any:
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import OpcError

    # Every entry inflated here, in counted pieces: python-docx reads a stored copy.
    stored, _ = stored_copy(data, source, budget)
    try:
        return open_docx(io.BytesIO(stored))
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


def _body_paragraphs(root: Any, part: Any) -> Iterator[Any]:
    """Every paragraph under `root` in document order: body, table cells, text boxes.

    A text box is stored twice (a modern drawing and a VML fallback for old Word);
    the fallback copy is skipped. Paragraphs are made one at a time, so the line
    limit stops a huge document before all of it is wrapped.
    """
    from docx.text.paragraph import Paragraph

    for element in root.iter(f"{_W}p"):
        if any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            continue
        yield Paragraph(element, part)


def _story_paragraphs(parts: list[Any], kind: str) -> Iterator[Any]:
    """The paragraphs of every header (or footer) part, text boxes and tables included."""
    from docx.parts.hdrftr import FooterPart, HeaderPart

    wanted = HeaderPart if kind == "header" else FooterPart
    for part in sorted((p for p in parts if isinstance(p, wanted)), key=lambda p: p.partname):
        yield from _body_paragraphs(part.element, part)


_NOTES = {
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
}


def _note_paragraphs(parts: list[Any], kind: str, document_part: Any) -> Iterator[Any]:
    """The paragraphs of the footnotes (or endnotes) part, which python-docx leaves as
    bytes: parsed with its parser, which expands no entities."""
    from docx.oxml.parser import parse_xml

    for part in parts:
        if getattr(part, "content_type", "") != _NOTES[kind]:
            continue
        try:
            root = parse_xml(part.blob)
        except Exception:  # noqa: S112 - a damaged notes part is left out, the rest is read
            continue
        yield from _body_paragraphs(root, document_part)


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
        try:
            address = getattr(link, "address", "") or ""
        except (KeyError, AttributeError):  # a link whose target is in another part
            address = ""
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

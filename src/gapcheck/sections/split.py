"""Grouping a document's lines into sections under their headings.

A heading is found by what it says and how it looks:

1. its words: a vocabulary of heading names in English, Spanish, French, German and
   Portuguese ("Work History", "Formación", "Compétences", "Berufserfahrung") maps
   onto the section kinds (headings.py; the words are data, in headings.tsv). A line
   that is exactly a heading name is a heading (unless the document styles its headings
   and this line is styled like body text: then it is a label inside a section, such as
   "Languages" in a skills table);
2. its style: once the vocabulary has found the document's headings, every short line
   styled the same way (same font, size and capitals) is a heading too, whatever it
   says: "Life Philosophy" becomes a section of kind "other" instead of being glued to
   the section above it;
3. a short, visibly styled line (bold, capitals or larger than body text) that
   contains a heading word ("Relevant Projects", "SKILLS & TOOLS").

Lines before the first heading are the header (name and contact block). Every line
lands in exactly one section; the heading line itself is the section's `heading`.

`split_sections` gives the sections; `sectioned`, which the pipeline runs, also gives the
document with the warnings its sections call for (warnings.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.records import Document, Line, Section
from gapcheck.sections.headings import (
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    heading_kind,
    keyword_kind,
    normalize_heading,
)
from gapcheck.sections.warnings import with_section_warnings


@dataclass(frozen=True)
class _Style:
    font: str
    size: float
    bold: bool
    capitals: bool

    @property
    def known(self) -> bool:
        """Whether the input said anything about type (plain text says nothing)."""
        return bool(self.font) or self.size > 0 or self.bold


def _style(line: Line) -> _Style:
    letters = [ch for ch in line.text if ch.isalpha()]
    capitals = bool(letters) and all(ch.isupper() for ch in letters)
    return _Style(line.font, round(line.size * 2) / 2, line.bold, capitals)


# Two or more of these make a line a list of items ("JAVA, SQL, PYTHON"), never a heading,
# however it is styled; one may stand in a heading ("Honors, Awards").
LIST_SEPARATORS = (",", "|", "•", "·", ";")
MAX_HEADING_SEPARATORS = 1


def _is_short(line: Line) -> bool:
    text = line.text.strip()
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith((",", ";", "."))
        and sum(text.count(mark) for mark in LIST_SEPARATORS) <= MAX_HEADING_SEPARATORS
    )


def _body_size(lines: Sequence[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def find_headings(lines: Sequence[Line]) -> dict[int, str]:
    """Index of each heading line -> its section kind."""
    body_size = _body_size(lines)
    styles = [_style(line) for line in lines]
    body_styles = Counter(styles[i] for i, line in enumerate(lines) if not _is_short(line))

    def stands_out(i: int) -> bool:
        line = lines[i]
        return line.bold or styles[i].capitals or (body_size > 0 and line.size >= body_size * 1.12)

    exact = {
        i: kind
        for i, line in enumerate(lines)
        if _is_short(line) and (kind := heading_kind(line.text))
    }
    heading_styles = Counter(styles[i] for i in exact if stands_out(i))
    # The style most exact headings share; with three or more of them, an exact name
    # set smaller than that is a sub-heading inside a section ("Programming" under
    # "Skills"), not a section of its own.
    main_style, main_count = heading_styles.most_common(1)[0] if heading_styles else (None, 0)
    headings: dict[int, str] = {}
    for i, kind in exact.items():
        # In a document whose headings are styled, an exact name in body style is a
        # label inside a section ("Languages: English, German" in a skills list).
        if heading_styles and not stands_out(i) and styles[i] not in heading_styles:
            continue
        if main_style is not None and main_count >= 3 and styles[i].size < main_style.size - 0.5:
            continue
        headings[i] = kind
    if not headings:
        return headings

    # The document's heading style: shared by at least two exact headings (one when
    # the document only has one), not the style of its running text, and not shared by
    # more other short lines than headings (then it is also the style of entry titles,
    # as in a Word resume setting "Experience" and "Data Scientist, Acme" alike).
    first = min(headings)
    needed = 2 if len(headings) >= 2 else 1
    others = Counter(
        styles[i] for i in range(first, len(lines)) if i not in exact and _is_short(lines[i])
    )
    learned = {
        style
        for style, count in heading_styles.items()
        if count >= needed
        and body_styles[style] <= count
        and others[style] <= count
        and style.known
    }
    for i, line in enumerate(lines):
        if i in headings or i < first or not _is_short(line):
            continue
        if styles[i] in learned:
            headings[i] = keyword_kind(line.text) or "other"
        elif not learned and stands_out(i) and _isolated(lines, i):
            # No heading style to go by: a short styled line whose first or last word
            # is a heading word ("Selected Projects", "SKILLS & TOOLS").
            words = normalize_heading(line.text).split()
            if 0 < len(words) <= 4 and (kind := keyword_kind(f"{words[0]} {words[-1]}")):
                headings[i] = kind
    return headings


def _isolated(lines: Sequence[Line], i: int) -> bool:
    """Alone on its row: a row label beside its content ("Languages | Python, Go") is not."""
    line = lines[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines):
            other = lines[j]
            overlap = min(line.y1, other.y1) - max(line.y0, other.y0)
            height = line.y1 - line.y0
            if other.page == line.page and height > 0 and overlap > 0.5 * height:
                return False
    return True


def sectioned(document: Document) -> tuple[Document, tuple[Section, ...]]:
    """The document's sections, and the document with the warnings they call for added to
    its diagnostics (see gapcheck.sections.warnings): the sections stage of the pipeline."""
    sections = split_sections(document)
    return with_section_warnings(document, sections), sections


def split_sections(document: Document) -> tuple[Section, ...]:
    """The document's lines grouped under headings; every line in exactly one section."""
    lines = document.lines
    if not lines:
        return ()
    headings = find_headings(lines)
    lead_kind = "header" if document.role == "resume" else "projects"
    if not headings:
        # No structure to go by: one section, so nothing is attributed to a wrong kind.
        return (_section("other" if document.role == "resume" else lead_kind, "", lines, document),)
    sections: list[Section] = []
    starts = sorted(headings)
    if starts[0] > 0:
        sections.append(_section(lead_kind, "", lines[: starts[0]], document))
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        sections.append(_section(headings[start], lines[start].text, body, document))
    return tuple(sections)


def _section(kind: str, heading: str, lines: Sequence[Line], document: Document) -> Section:
    return Section(
        kind=kind,
        heading=heading,
        lines=tuple(lines),
        document=document.source,
        document_role=document.role,
    )

"""Publication entries: a publications section's entries, or lines citing a paper.

In a section of kind "publications" (but not one headed as talks, presentations,
patents, posters or writing), entries are found by the first of these that finds any:

1. numbered entries: lines starting "[1]", "1." or "(1)";
2. lines carrying a DOI or an arXiv identifier (rendercv puts one under each title);
3. lines with a year and at least four words that are not a date range (one citation per
   line, as most templates print them; a bare "Nov. 2017" or "2015 - present" is no paper).

A resume without publication entries may still cite papers elsewhere: a line naming a
well-known ML venue with its year ("... Knowledge Graphs EMNLP'22", "NeurIPS 2023"),
a DOI or an arXiv identifier counts as one publication.

Each entry keeps its text (the anchor line and the lines belonging to it), so a relation
can ask what the paper is about (taxonomy/evidence.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.detection.dates import find_ranges
from gapcheck.records import Line, Section

_NOT_PAPERS = re.compile(
    r"talk|presentation|patent|poster|writing|blog|media|press|speaking", re.IGNORECASE
)
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.\s)")
_IDENTIFIER = re.compile(r"\b(?:doi\b|10\.\d{4,9}/|arxiv)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")
# Venues whose name alone says "a paper": the main ML, vision, language and robotics ones.
_VENUE = re.compile(
    r"\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|AAAI|IJCAI|KDD|"
    r"SIGIR|WSDM|AISTATS|UAI|COLT|ICRA|IROS|CoRL|JMLR|TPAMI|TACL|Interspeech|ICASSP)"
    r"\s*(?:['’]\d\d|\d{4}|\(\d{4}\))"
)
MIN_CITATION_WORDS = 4
# Sections where a venue or "arXiv" is a tool or a wish, not a paper.
_NO_CITATIONS = frozenset({"skills", "header", "interests", "learning", "languages"})
_ENTRY_LINES = 3  # a citation's title, authors and venue lines


@dataclass(frozen=True)
class PublicationEntry:
    section: Section
    line: Line  # the line that marks the entry (its number, DOI or year)
    text: str  # the entry's lines joined


def _paper_sections(sections: Sequence[Section]) -> list[Section]:
    return [s for s in sections if s.kind == "publications" and not _NOT_PAPERS.search(s.heading)]


def _anchors(lines: Sequence[Line]) -> tuple[list[int], bool]:
    """The lines that mark entries, and whether each mark ends its entry (a DOI under the
    title) rather than starting it."""
    numbered = [i for i, line in enumerate(lines) if _NUMBERED.match(line.text)]
    if numbered:
        return numbered, False
    identified = [i for i, line in enumerate(lines) if _IDENTIFIER.search(line.text)]
    if identified:
        return identified, True
    dated = [
        i
        for i, line in enumerate(lines)
        if _YEAR.search(line.text)
        and not find_ranges(line.text)
        and len(line.text.split()) >= MIN_CITATION_WORDS
    ]
    return dated, False


def publication_entries(sections: Sequence[Section]) -> list[PublicationEntry]:
    entries: list[PublicationEntry] = []
    for section in _paper_sections(sections):
        lines = section.lines
        anchors, ends_entry = _anchors(lines)
        for k, index in enumerate(anchors):
            if ends_entry:
                first = max(anchors[k - 1] + 1 if k else 0, index - _ENTRY_LINES + 1)
                block = lines[first : index + 1]
            else:
                last = anchors[k + 1] if k + 1 < len(anchors) else len(lines)
                block = lines[index : min(last, index + _ENTRY_LINES)]
            text = " ".join(line.text for line in block)
            entries.append(PublicationEntry(section, lines[index], text))
    if entries:
        return entries
    for section in sections:
        if section.kind in _NO_CITATIONS:
            continue
        for line in section.lines:
            if _VENUE.search(line.text) or _IDENTIFIER.search(line.text):
                entries.append(PublicationEntry(section, line, line.text))
    return entries

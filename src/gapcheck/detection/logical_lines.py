"""Logical lines: the text the detector matches against, and the way back to the page.

A bullet that wraps onto a second line is one sentence; a term broken over the wrap
("language mod-" / "eling", "machine" / "learning ...") is found only if the lines are
joined. A logical line is the joined text (shown to the user as the evidence snippet)
plus, for matching, a normalised copy whose characters map back to the snippet, so that
`snippet[start:end]` is always exactly the words that matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from gapcheck.detection.words import ordinary_words
from gapcheck.records import Line, Section

# Characters replaced before matching. Quotes and dashes have several Unicode forms in
# PDFs; ligatures survive some extractors; private-use glyphs are icon fonts.
_REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d", '"'),
    **dict.fromkeys("\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2002\u2003\u2009\u200a\u202f\t", " "),
    **dict.fromkeys("\u200b\u200c\u200d\ufeff", ""),
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}  # fmt: skip
_PRIVATE_USE = range(0xE000, 0xF900)
# The ASCII characters str.isspace() holds for, in runs; and what in ASCII text needs a
# change: a whitespace character other than a space, or two spaces in a row.
_ASCII_SPACE_RUN = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f ]+")
_ASCII_SPACE_WORK = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f]|  ")
_ASCII_LOWER = re.compile(r"[a-z]")
_ASCII_UPPER = re.compile(r"[A-Z]")

_SENTENCE_END = (".", ":", ";", "!", "?")
_BULLET_START = re.compile(r"^\s*[•·▪●◦‣∙⋅*\-–—>]")
_HYPHEN_BREAK = re.compile(r"([A-Za-z]+)[-\u00ad\u2010\u2011]$")
_LEADING_WORD = re.compile(r"^([a-z]+)")
MAX_JOINED = 600  # characters; a logical line longer than this is a layout accident


def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """The text to match in, and for each of its characters the index it came from.

    The returned origin has one extra entry (len(text)) so that an end offset maps too.
    """
    if text.isascii():  # most lines: skip the character-by-character Unicode work
        return _normalise_ascii(text)
    return _normalise_any(text)


def _normalise_any(text: str) -> tuple[str, tuple[int, ...]]:
    """`normalise` for any text, one character at a time."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        replacement = " " if ord(char) in _PRIVATE_USE else _REPLACEMENTS.get(char, char)
        for piece in replacement:
            if piece.isspace() and out and out[-1] == " ":
                continue  # runs of spaces (justified text) match as one
            out.append(" " if piece.isspace() else piece)
            origin.append(index)
    origin.append(len(text))
    return "".join(out), tuple(origin)


def _normalise_ascii(text: str) -> tuple[str, tuple[int, ...]]:
    """`normalise` for ASCII text, where the only change is to whitespace: each run of
    whitespace characters becomes one space, which comes from the run's first character."""
    if _ASCII_SPACE_WORK.search(text) is None:  # nothing to change: the common case
        return text, tuple(range(len(text) + 1))
    pieces: list[str] = []
    origin: list[int] = []
    kept = 0  # text[kept:] is not copied yet
    for run in _ASCII_SPACE_RUN.finditer(text):
        pieces.append(text[kept : run.start()])
        origin.extend(range(kept, run.start()))
        pieces.append(" ")
        origin.append(run.start())
        kept = run.end()
    pieces.append(text[kept:])
    origin.extend(range(kept, len(text) + 1))
    return "".join(pieces), tuple(origin)


@dataclass(frozen=True)
class LogicalLine:
    """One or more physical lines joined into the sentence they belong to."""

    text: str  # the snippet shown as evidence
    norm: str  # `text` normalised for matching
    origin: tuple[int, ...]  # index in `norm` -> index in `text`
    parts: tuple[tuple[int, Line], ...]  # (offset in `text`, physical line), in order
    section: Section

    def span_in_text(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Offsets in the snippet of the characters norm[norm_start:norm_end]."""
        start = self.origin[norm_start]
        end = self.origin[norm_end - 1] + 1 if norm_end > norm_start else start
        return start, end

    def line_at(self, text_offset: int) -> Line:
        """The physical line holding the character at `text_offset` of the snippet."""
        found = self.parts[0][1]
        for offset, line in self.parts:
            if offset <= text_offset:
                found = line
            else:
                break
        return found

    @cached_property  # asked once per candidate match: computing it each time was quadratic
    def all_caps(self) -> bool:
        """True for a line written in capitals (headings), where case says nothing."""
        if self.norm.isascii():  # the same test without a Python loop over the characters
            return (
                _ASCII_LOWER.search(self.norm) is None and len(_ASCII_UPPER.findall(self.norm)) >= 4
            )
        return _in_capitals(self.norm)


def _in_capitals(text: str) -> bool:
    """At least four letters, none of them small: `LogicalLine.all_caps` for any text."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def _continues(previous: Line, following: Line) -> bool:
    """Does `following` carry on the sentence `previous` started (a soft wrap)?"""
    if previous.page != following.page:
        return False
    if previous.column and following.column and previous.column != following.column:
        return False
    head = following.text.lstrip()
    if not head or not head[0].islower() or _BULLET_START.match(head):
        return False
    tail = previous.text.rstrip()
    return bool(tail) and not tail.endswith(_SENTENCE_END)


def _join(text: str, addition: str) -> str:
    """Append a wrapped line: a word broken by a hyphen is rejoined when that makes a word."""
    tail = text.rstrip()
    head = addition.strip()
    broken = _HYPHEN_BREAK.search(tail)
    following = _LEADING_WORD.match(head)
    if broken and following:
        whole = (broken.group(1) + following.group(1)).lower()
        if whole in ordinary_words():
            return tail[:-1] + head  # "mod-" + "eling" -> "modeling"
        return tail[:-1] + "-" + head  # "data-" + "parallel" -> "data-parallel"
    return tail + " " + head


def logical_lines(section: Section) -> list[LogicalLine]:
    """The section's lines with soft-wrapped continuations joined."""
    groups: list[list[Line]] = []
    for line in section.lines:
        if not line.text.strip():
            continue
        if groups and _continues(groups[-1][-1], line):
            joined_length = sum(len(part.text) for part in groups[-1]) + len(line.text)
            if joined_length <= MAX_JOINED:
                groups[-1].append(line)
                continue
        groups.append([line])
    return [_build(group, section) for group in groups]


def _build(group: Sequence[Line], section: Section) -> LogicalLine:
    text = group[0].text.strip()
    parts: list[tuple[int, Line]] = [(0, group[0])]
    for line in group[1:]:
        joined = _join(text, line.text)
        # The continuation starts where its first character landed in the joined text.
        parts.append((len(joined) - len(line.text.strip()), line))
        text = joined
    norm, origin = normalise(text)
    return LogicalLine(text=text, norm=norm, origin=origin, parts=tuple(parts), section=section)


def heading_line(section: Section) -> LogicalLine | None:
    """The section's heading as a logical line of its own ("Deep Learning Projects",
    "Master thesis" name skills too), placed on the line just above the section's first.

    A section with no lines under its heading has no place to point at and gives None.
    """
    heading = section.heading.strip()
    if not heading or not section.lines:
        return None
    first = section.lines[0]
    line = Line(text=heading, page=first.page, number=max(first.number - 1, 1))
    return _build([line], section)


def seam_line(first: LogicalLine, second: LogicalLine) -> tuple[LogicalLine, int] | None:
    """The last physical line of `first` and the first of `second` as one line, and the
    offset in its normalised text where the second begins; None where no sentence can
    run on (the first ends a sentence, or they stand on other pages or columns).

    A list wrapped without a sign that it runs on ("Excel | Machine" / "Learning |
    NLP") is not joined, so a name broken over it is only found across this seam.
    """
    tail = first.parts[-1][1]
    head = second.parts[0][1]
    if tail.page != head.page or first.text.rstrip().endswith(_SENTENCE_END):
        return None
    if tail.column and head.column and tail.column != head.column:
        return None
    line = _build([tail, head], first.section)
    start = line.parts[1][0]
    seam = next((i for i, origin in enumerate(line.origin) if origin >= start), len(line.norm))
    return line, seam


def text_section(text: str, document: str) -> Section:
    """Plain text as one "other" section, one Line per text line (job postings, guides)."""
    lines = tuple(
        Line(text=raw.rstrip("\r"), page=1, number=number)
        for number, raw in enumerate(text.split("\n"), start=1)
    )
    return Section(kind="other", heading="", lines=lines, document=document)

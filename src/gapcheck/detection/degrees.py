"""Degrees in a resume's education sections: level, field, completion year, in progress.

The forms a degree is written in, and what is no degree, are in
gapcheck.detection.degree_forms. This module dates each degree and makes it a record.

Completion date: the nearest date to the degree's line (on the page when lines carry
positions, else in reading order), at most three lines away and never past another
degree, unless none is nearer (degrees listed together share one date): a range's end
("Sept 2018 – May 2023"), else a single date ("Graduated May 2021").
In progress: "present", "current", "in progress", "pursuing" or "candidate" beside it,
a completion after `today`, or an "expected" date not yet past.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

# dates' own reading of a matched date, so a degree's date reads as an entry's does.
from gapcheck.detection.dates import RANGE, SINGLE_DATE, Month, _month, find_ranges
from gapcheck.detection.degree_forms import LEVELS as LEVELS  # re-exported: the level ids
from gapcheck.detection.degree_forms import DegreeForm, degrees_in_line
from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Degree, Evidence, Line, Section

# A degree dated by its year alone is taken as finished in June: most finish in spring,
# and counting the whole year either way would shift work experience by six months.
DEGREE_MONTH = 6
_MAX_DATE_DISTANCE = 3.0  # lines: an entry's date stands on its institution or degree row
_PROGRESS = re.compile(
    r"\b(?:present|current(?:ly)?|ongoing|in\s+progress|pursuing|candidate|to\s+date)\b",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\b(?:expected|exp\.|anticipated|est\.|will\s+graduate|graduating|due)", re.IGNORECASE
)


@dataclass(frozen=True)
class _DateFound:
    completion: Month | None  # None: runs to "present"
    expected: bool  # "expected", "anticipated": written before the degree was finished


def _distance(a: Line, b: Line) -> float:
    """How far apart two lines are, in lines: on the page when both carry positions (the
    reader splits a row into several lines), else in reading order."""
    placed = (a.y1 > 0 or a.y0 > 0) and (b.y1 > 0 or b.y0 > 0)
    if placed and a.page == b.page:
        # One line's pitch: its height plus the usual 20% leading between lines.
        pitch = 1.2 * max(a.y1 - a.y0, b.y1 - b.y0, a.size, 1.0)
        return abs((a.y0 + a.y1) - (b.y0 + b.y1)) / 2 / pitch
    if a.page != b.page:
        return float("inf") if placed else abs(a.number - b.number)
    return float(abs(a.number - b.number))


def _date_on(line: Line) -> _DateFound | None:
    return _date_in(line.text)


@functools.lru_cache(maxsize=4096)  # each line is asked about from several degrees' sides
def _date_in(text: str) -> _DateFound | None:
    expected = bool(_EXPECTED.search(text))
    ranges = find_ranges(text)
    singles = [m for m in SINGLE_DATE.finditer(text) if not _inside_range(text, m.start())]
    if singles and (expected or not ranges):
        # "2013 - Present ... expected March 2016": the expected date is the completion.
        return _DateFound(_month(singles[-1], "a"), expected)
    if ranges:
        return _DateFound(ranges[-1].end, expected)
    return None


def _inside_range(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in RANGE.finditer(text))


def _degree_date(lines: Sequence[Line], index: int, degree_rows: set[int]) -> _DateFound | None:
    """The date nearest a degree's line, not past another degree's line; failing that,
    any near date: degrees listed together under one date share it ("B.Tech +" /
    "MS in AI" / "Jul 2021 - 2025")."""
    for may_cross in (False, True):
        best: tuple[tuple[float, int], _DateFound] | None = None
        for other in range(max(0, index - 4), min(len(lines), index + 5)):
            if (
                other != index
                and not may_cross
                and (other in degree_rows or _crosses(index, other, degree_rows))
            ):
                continue
            distance = _distance(lines[index], lines[other])
            found = _date_on(lines[other]) if distance <= _MAX_DATE_DISTANCE else None
            if found is None:
                continue
            # Nearest wins; at equal distance the degree's own line, then the line above.
            key = (distance, 0 if other == index else (1 if other < index else 2))
            if best is None or key < best[0]:
                best = (key, found)
        if best:
            return best[1]
    return None


def _crosses(a: int, b: int, rows: set[int]) -> bool:
    low, high = sorted((a, b))
    return any(row in rows for row in range(low + 1, high))  # at most a few lines apart


def completion_index(year: int | None) -> int | None:
    """The month index a degree dated `year` counts as finished (see DEGREE_MONTH)."""
    return None if year is None else Month(year, DEGREE_MONTH).index


def _in_progress(date: _DateFound | None, line_text: str, today: Month) -> bool:
    if _PROGRESS.search(line_text):
        return True
    if date is None:
        return False
    if date.completion is None:
        return True
    completion = Month(date.completion.year, date.completion.month or DEGREE_MONTH)
    if completion.index > today.index:
        return True
    return date.expected and completion.index >= today.index


# --------------------------------------------------------------------------- degrees


def find_degrees(sections: Sequence[Section], today: Month) -> list[Degree]:
    """The degrees named in the education sections, in order, each once."""
    degrees: list[Degree] = []
    for section in sections:
        if section.kind != "education":
            continue
        per_line = [degrees_in_line(line.text) for line in section.lines]
        rows = {i for i, found in enumerate(per_line) if found}
        for i, found in enumerate(per_line):
            line = section.lines[i]
            for item in found:
                date = _degree_date(section.lines, i, rows)
                in_progress = _in_progress(date, line.text, today)
                year = date.completion.year if date and date.completion else None
                degrees.append(
                    Degree(
                        level=item.level,
                        field=item.field,
                        evidence=_evidence(section, line, item),
                        year=year,
                        in_progress=in_progress,
                    )
                )
    return _unique(degrees)


def _unique(degrees: list[Degree]) -> list[Degree]:
    """Each degree once: a repeat of a level and field, or a level named again without a
    field ("MS CGPA: 9.0" under "MS in AI"), is dropped."""
    kept: list[Degree] = []
    for degree in degrees:
        same_level = [d for d in kept if d.level == degree.level]
        if any(d.field == degree.field for d in same_level):
            continue
        if not degree.field and same_level:
            continue
        if degree.field:
            kept = [d for d in kept if not (d.level == degree.level and not d.field)]
        kept.append(degree)
    return kept


def _evidence(section: Section, line: Line, item: DegreeForm) -> Evidence:
    return Evidence(
        snippet=line.text,
        matched=line.text[item.phrase_start : item.phrase_end],
        start=item.phrase_start,
        end=item.phrase_end,
        page=line.page,
        line=line.number,
        section=section.kind,
        heading=section.heading,
        document=section.document,
        method="rule",
        strength=evidence_strength(section, ""),
    )


def describe(degree: Degree) -> str:
    """The degree as the resume writes it, with its date: "M.S. in Statistics (2019)"."""
    when = " (in progress)" if degree.in_progress else (f" ({degree.year})" if degree.year else "")
    return f"{degree.evidence.matched.strip(' ,;|-–—')}{when}"

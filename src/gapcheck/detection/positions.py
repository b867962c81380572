"""Dated positions in experience and research sections, their kinds, and years of work.

A position is a date range on a short line of an experience or research section (a
range inside a long sentence, "flood events from 2009–2020", is no entry). Its title is
the nearest short line of the entry that names a role ("Engineer", "Analyst", "Intern",
"CTO"...): the dated line itself, else up to two lines below or three above, never past
another entry's dates. Resumes put the title on the date's row ("Software Engineer
May 2023 - Present"), above it ("Data Analytics Intern" / "Terractive Aug 2025 -") or
below it ("Nexus AI June 2023 - present" / "Co-Founder & CTO").

Durations come from gapcheck.detection.dates (the same months an entry's skills get).

Kinds, from the title's general words (`title_kinds`): ml, data, research, software,
lead, intern. "intern" covers every student or training role (intern, trainee,
apprentice, co-op, student and teaching assistants, tutors, undergraduate researchers):
those are not professional years.

Professional years (`professional_years`): the months covered by positions that are not
"intern", overlapping ranges counted once, and none before the first bachelor's (or
associate) degree was finished: work during a first degree is student work. A resume
listing only graduate degrees has its work counted whole (the first degree is not shown).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from gapcheck.detection.dates import RANGE, DateRange, Month, find_ranges
from gapcheck.detection.degrees import completion_index
from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Degree, Evidence, Line, Position, Section

POSITION_SECTIONS = ("experience", "research")
MAX_ENTRY_WORDS = 14  # title, employer, place and dates; a bullet sentence is longer
MAX_TITLE_WORDS = 12
_ABOVE, _BELOW = 3, 2  # how far from its dates an entry's title may stand

_ROLE = re.compile(
    r"\b(?:engineer|developer|programmer|scientist|analyst|researcher|intern|internship|"
    r"trainee|apprentice|assistant|associate|manager|director|lead|leader|head|architect|"
    r"consultant|specialist|officer|president|founder|co-founder|cto|ceo|cfo|coo|cio|vp|"
    r"chief|professor|lecturer|postdoc|fellow|technician|administrator|writer|editor|"
    r"designer|tutor|instructor|teacher|owner|partner|coordinator|representative|member|"
    r"contributor|reporter|student|advisor|strategist|statistician|economist|accountant|"
    r"modeler|practitioner|mate|electrician|tester)\b",
    re.IGNORECASE,
)
_ML = (
    r"(?:machine\s+learning|deep\s+learning|ml|ai|artificial\s+intelligence|nlp|"
    r"natural\s+language(?:\s+processing)?|computer\s+vision|mlops|llm)"
)
_ML_ROLE = (
    r"(?:engineer|scientist|researcher|developer|specialist|intern|architect|lead|consultant|"
    r"practitioner|modeler|research\s+assistant)"
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ml",
        re.compile(
            # "ML Engineer", "Machine Learning Research Intern", "Engineer, Machine Learning",
            # "Research Assistant - Machine Learning"; never an employer's name ("@ Foo.AI").
            rf"\b{_ML}\b(?:\W+\w+){{0,2}}?\W+{_ML_ROLE}\b"
            rf"|\b{_ML_ROLE}\s*(?:,|-|–|—|\||:|\bof\b|\bin\b)\s*(?:\w+\s+)?{_ML}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "data",
        re.compile(
            r"\bdata\s+(?:scien\w*|analy\w*|engineer\w*|mining)|\banalytics\s+(?:engineer|intern)"
            r"|\bbusiness\s+intelligence|\bstatistician|\bquant(?:itative)?\s+"
            r"(?:analyst|researcher|developer|strategist)|\bquant\b",
            re.IGNORECASE,
        ),
    ),
    (
        "research",
        re.compile(
            r"\bresearch(?:er)?\b|\bpost-?doc\w*|\bpostdoctoral|\br&d\b|\bprofessor|\blecturer",
            re.IGNORECASE,
        ),
    ),
    (
        "software",
        re.compile(
            r"\b(?:software|backend|back-end|frontend|front-end|full[- ]?stack|web|mobile|ios|"
            r"android|game|devops|site\s+reliability|platform|cloud|infrastructure|systems?|"
            r"embedded|firmware|application|blockchain)\s+(?:engineer|developer|programmer|"
            r"architect)|\bsoftware\s+development\s+engineer|\b(?:SDE|SWE)\b|\bdeveloper\b|"
            r"\bprogrammer\b",
            re.IGNORECASE,
        ),
    ),
    (
        "lead",
        re.compile(
            r"\b(?:lead|leader|staff|principal|head|manager|director|architect|cto|ceo|cio|coo|"
            r"cfo|vp|vice[- ]president|president|chief)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "intern",
        re.compile(
            r"\b(?:intern|internship|trainee|apprentice\w*|co-?op|student|undergrad\w*|"
            r"(?:graduate\s+)?teaching\s+assistant|graduate\s+research\s+assistant|tutor)\b"
            r"|\bTA\b",
            re.IGNORECASE,
        ),
    ),
)
# A line that only says how the role was held: "Full-Time Intern", "Internship".
_INTERN_LABEL = re.compile(
    r"^\W*(?:(?:full|part)[- ]?time\s+)?(?:intern|internship|trainee|apprentice|co-?op)\W*$",
    re.IGNORECASE,
)
_SEGMENT_BREAK = re.compile(r"\s*(?:\||@|\s[-–—]\s|,|\(|\)|\bat\b|;)\s*")
_BULLET = re.compile(r"^\s*[•·▪‣◦*\-–]")


def title_kinds(title: str) -> tuple[str, ...]:
    """The kinds a job title's words name, in a fixed order ("ml", "research", ...)."""
    return tuple(kind for kind, pattern in _KINDS if pattern.search(title))


def lead_word(title: str) -> str:
    """The word of a title that makes it a lead title ("Director"), or ""."""
    match = dict(_KINDS)["lead"].search(title)
    return match.group(0) if match else ""


def _words(text: str) -> int:
    return len(text.split())


def _title_span(text: str) -> tuple[int, int] | None:
    """Where the title stands in a line: from the first part naming a role through the
    parts after it that still say what the role is ("Engineer | Data Science")."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for brk in _SEGMENT_BREAK.finditer(text):
        bounds.append((position, brk.start()))
        position = brk.end()
    bounds.append((position, len(text)))
    parts = [(a, b) for a, b in bounds if text[a:b].strip()]
    for index, (start, end) in enumerate(parts):
        if not _ROLE.search(text[start:end]):
            continue
        for nxt_start, nxt_end in parts[index + 1 :]:
            part = text[nxt_start:nxt_end]
            if _words(part) > 4 or not title_kinds(part) or _ROLE.search(part):
                break
            end = nxt_end
        return start, end
    return None


def _without_dates(text: str) -> str:
    return RANGE.sub(lambda m: " " * len(m.group(0)), text)


def _title(lines: Sequence[Line], index: int, dated: set[int]) -> tuple[Line, int, int] | None:
    order = [index]
    for step in range(1, max(_ABOVE, _BELOW) + 1):
        if step <= _BELOW:
            order.append(index + step)
        if step <= _ABOVE:
            order.append(index - step)
    for other in order:
        if not 0 <= other < len(lines) or (other != index and other in dated):
            continue
        low, high = sorted((index, other))
        if any(low < row < high for row in dated):
            continue
        text = _without_dates(lines[other].text)
        if _BULLET.match(text) or _words(text) > MAX_TITLE_WORDS:
            continue
        span = _title_span(text)
        if span:
            return lines[other], span[0], span[1]
    return None


def _intern_label_near(lines: Sequence[Line], index: int, dated: set[int]) -> bool:
    for other in range(index - _BELOW, index + _BELOW + 1):
        if other == index or not 0 <= other < len(lines) or other in dated:
            continue
        if _INTERN_LABEL.match(lines[other].text):
            return True
    return False


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_index(text: str | None) -> int | None:
    if not text:
        return None
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def find_positions(sections: Sequence[Section], today: Month) -> list[Position]:
    """The dated positions of the experience and research sections, in reading order."""
    positions: list[Position] = []
    for section in sections:
        if section.kind not in POSITION_SECTIONS:
            continue
        lines = section.lines
        entries: list[tuple[int, DateRange]] = []
        for i, line in enumerate(lines):
            ranges = find_ranges(line.text)
            if ranges and _words(_without_dates(line.text)) <= MAX_ENTRY_WORDS:
                entries.extend((i, found) for found in ranges)
        dated = {i for i, _ in entries}
        for i, date_range in entries:
            positions.append(_position(section, i, date_range, dated, today))
    return positions


def _position(
    section: Section, index: int, date_range: DateRange, dated: set[int], today: Month
) -> Position:
    lines = section.lines
    found = _title(lines, index, dated)
    if found:
        line, start, end = found
    else:  # no role named: the dated line's words stand for the title ("GENERAL MOTORS")
        line = lines[index]
        text = _without_dates(line.text)
        stripped = text.strip(" |,–—-")
        start = text.find(stripped) if stripped else 0
        end = start + len(stripped)
    title = line.text[start:end]
    kinds = title_kinds(title)
    if "intern" not in kinds and _intern_label_near(lines, index, dated):
        kinds = (*kinds, "intern")
    years = date_range.years(today) or 0.0
    first = Month(date_range.start.year, date_range.start.month or 1).index
    months = round(years * 12)
    evidence = Evidence(
        snippet=line.text,
        matched=title,
        start=start,
        end=end,
        page=line.page,
        line=line.number,
        section=section.kind,
        heading=section.heading,
        document=section.document,
        method="rule",
        strength=evidence_strength(section, ""),
        years=round(years, 2),
    )
    return Position(
        title=title,
        kinds=kinds,
        start=month_text(first),
        end=month_text(first + max(months, 1) - 1),
        years=round(years, 2),
        evidence=evidence,
    )


def experience_start(degrees: Iterable[Degree]) -> int | None:
    """The month index from which work counts: when the first bachelor's or associate
    degree was finished (None: no such degree listed; work counts whole). A first degree
    still in progress with no date lets nothing count."""
    ends: list[int] = []
    for degree in degrees:
        if degree.level not in ("associate", "bachelors"):
            continue
        index = completion_index(degree.year)
        ends.append(index if index is not None else _NEVER)
    return min(ends) if ends else None


_NEVER = 10**6  # a month index past any date: nothing counts after it


def spans(positions: Iterable[Position]) -> list[tuple[int, int]]:
    """Each position's months as (first, last) indexes, inclusive."""
    found = []
    for position in positions:
        first, last = month_index(position.start), month_index(position.end)
        if first is not None and last is not None and position.years > 0:
            found.append((first, last))
    return found


def covered_years(
    intervals: Iterable[tuple[int, int]], since: int | None = None
) -> tuple[float, int | None]:
    """Years covered by the intervals, overlaps once, none before month `since`; and the
    first month counted (None when nothing counts)."""
    months: set[int] = set()
    for first, last in intervals:
        months.update(range(max(first, since if since is not None else first), last + 1))
    return len(months) / 12, min(months, default=None)


def professional_years(
    positions: Iterable[Position], degrees: Iterable[Degree]
) -> tuple[float, int | None]:
    """Years of professional work (see the module's docstring) and the first month counted."""
    work = [p for p in positions if "intern" not in p.kinds]
    return covered_years(spans(work), experience_start(degrees))

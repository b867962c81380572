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

import functools
import re
from collections.abc import Iterable, Sequence

from gapcheck.detection.dates import RANGE, SINGLE_DATE, DateRange, Month, find_ranges
from gapcheck.detection.degrees import completion_index
from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Degree, Evidence, Line, Position, Section

POSITION_SECTIONS = ("experience", "research")
MAX_ENTRY_WORDS = 14  # title, employer, place and dates; a bullet sentence is longer
MAX_TITLE_WORDS = 12
# An entry's dated line or title is short; longer lines (a paragraph, a hostile run of
# spaces) are prose, and are not searched with the segment patterns at all.
MAX_ENTRY_CHARS = 300
# Where an entry's title may stand from its dates, in lines, nearest first: on the same
# row, then below ("Nexus AI June 2023 -" / "Co-Founder & CTO"), then above.
_OFFSETS = (0, 1, -1, 2, -2, -3)
_BELOW = 2

_ROLE = re.compile(
    # The long role nouns also end compounds: "Biostatistician", "Geoscientist".
    r"(?:\b|\B(?=(?:statistician|scientist|engineer|analyst|developer|technician|programmer|"
    r"researcher)\b))(?:engineer|developer|programmer|scientist|analyst|researcher|intern|"
    r"internship|trainee|apprentice|assistant|associate|manager|director|lead|leader|head|"
    r"architect|consultant|specialist|officer|president|founder|co-founder|cto|ceo|cfo|coo|cio|"
    r"vp|chief|professor|lecturer|postdoc|fellow|technician|administrator|writer|editor|"
    r"designer|tutor|instructor|teacher|owner|partner|coordinator|representative|member|"
    r"contributor|reporter|student|advisor|strategist|statistician|economist|accountant|"
    r"modeler|practitioner|mate|electrician|tester|quant|supervisor|executive|biologist|"
    r"chemist|physicist|mathematician)\b",
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
            rf"|\b{_ML_ROLE}\s*(?:,|-|–|—|\||:|\bof\b|\bin\b)\s*{_ML}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "data",
        re.compile(
            r"\bdata\s+(?:scien\w*|analy\w*|engineer\w*|mining)|\banalytics\s+(?:engineer|intern)"
            r"|\bbusiness\s+intelligence|statistician|\bquant(?:itative)?\s+"
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
# A part after the role that names its field ("Engineer | Data Science"), not an employer.
_FIELD_PART = re.compile(
    rf"\s*(?:{_ML}|data\s+(?:science|analytics|engineering)|analytics|statistics|"
    rf"quantitative\s+\w+)(?:\s*(?:&|and|/)\s*(?:{_ML}|data\s+science|analytics))*\s*",
    re.IGNORECASE,
)
_SEGMENT_BREAK = re.compile(r"\s*(?:\||@|\s[-–—]\s|,|\(|\)|\bat\b|;)\s*")
_PROSE_BEFORE = re.compile(r"\b(?:from|between|during|since|over|in|of|for)\s*$", re.I)
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
            if not _FIELD_PART.fullmatch(text[nxt_start:nxt_end]):
                break
            end = nxt_end
        return start, end
    return None


def _without_dates(text: str) -> str:
    """The text with its dates blanked out (offsets kept): a title never includes them."""
    text = RANGE.sub(lambda m: " " * len(m.group(0)), text)
    return SINGLE_DATE.sub(lambda m: " " * len(m.group(0)), text)


def _is_title_line(text: str) -> bool:
    """Whether a line (dates blanked) may hold a title: short, no bullet, no sentence, and
    not just "Full-Time Intern" (that says how a role was held, not which)."""
    words = _words(text)
    return not (
        len(text) > MAX_ENTRY_CHARS
        or _BULLET.match(text)
        or words > MAX_TITLE_WORDS
        or (text.rstrip().endswith(".") and words > 5)
        or _INTERN_LABEL.match(text)
    )


def _candidate(lines: Sequence[Line], index: int, offset: int, dated: set[int]) -> int | None:
    """The line `offset` lines from entry `index`, when it belongs to that entry."""
    other = index + offset
    if not 0 <= other < len(lines) or (offset and other in dated):
        return None
    low, high = sorted((index, other))
    if any(row in dated for row in range(low + 1, high)):  # at most a few lines apart
        return None
    return other


def _title_in(line: Line) -> tuple[int, int] | None:
    return _title_in_text(line.text)


# Each line is asked about from several entries' sides; a long document repeats lines.
@functools.lru_cache(maxsize=4096)
def _title_in_text(raw: str) -> tuple[int, int] | None:
    text = _without_dates(raw)
    if not _is_title_line(text):
        return None
    span = _title_span(text)
    if span is None:
        return None
    start, end = span
    part = text[start:end]
    start += len(part) - len(part.lstrip())
    return start, start + len(part.strip())


def _offsets(lines: Sequence[Line], dated: Sequence[int]) -> list[int]:
    """Where titles stand from their dates in this section, most common first: a layout
    puts every title in the same place, and that place is tried first for each entry (so
    a bullet naming a "leader" never beats the title two lines up)."""

    rows = set(dated)

    def count(offset: int) -> int:
        found = 0
        for index in dated:
            other = _candidate(lines, index, offset, rows)
            found += other is not None and _title_in(lines[other]) is not None
        return found

    best = max(_OFFSETS, key=count)
    return [best, *(o for o in _OFFSETS if o != best)] if count(best) else list(_OFFSETS)


def _title(
    lines: Sequence[Line], index: int, dated: set[int], offsets: Sequence[int]
) -> tuple[Line, int, int] | None:
    for offset in offsets:
        other = _candidate(lines, index, offset, dated)
        if other is None:
            continue
        span = _title_in(lines[other])
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


def _untitled(lines: Sequence[Line], index: int, dated: set[int]) -> tuple[Line, int, int]:
    """The first part of the dated line ("Barista, Kaffebaren, Uppsala" -> "Barista");
    for a line holding only dates, of the short line above it."""
    for offset in (0, -1):
        other = _candidate(lines, index, offset, dated)
        if other is None:
            continue
        text = _without_dates(lines[other].text)
        if offset and not _is_title_line(text):
            continue
        for part in _SEGMENT_BREAK.split(text):
            stripped = part.strip(" |,;:–—-*_#")
            if stripped:
                start = text.find(stripped)
                return lines[other], start, start + len(stripped)
    return lines[index], 0, 0


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_index(text: str | None) -> int | None:
    if not text:
        return None
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def _in_prose(text: str) -> list[bool]:
    """For each date range of a line (find_ranges' order), whether a sentence speaks of
    it ("impacts from 2009–2020") rather than an entry being dated by it."""
    return [bool(_PROSE_BEFORE.search(text[: m.start()])) for m in RANGE.finditer(text)]


def find_positions(sections: Sequence[Section], today: Month) -> list[Position]:
    """The dated positions of the experience and research sections, in reading order."""
    positions: list[Position] = []
    for section in sections:
        if section.kind not in POSITION_SECTIONS:
            continue
        lines = section.lines
        entries: list[tuple[int, DateRange]] = []
        for i, line in enumerate(lines):
            if len(line.text) > MAX_ENTRY_CHARS:
                continue
            ranges = find_ranges(line.text)
            if ranges and _words(_without_dates(line.text)) <= MAX_ENTRY_WORDS:
                prose = _in_prose(line.text)
                entries.extend((i, r) for r, said in zip(ranges, prose, strict=True) if not said)
        dated = {i for i, _ in entries}
        offsets = _offsets(lines, sorted(dated))
        for i, date_range in entries:
            positions.append(_position(section, i, date_range, dated, offsets, today))
    return positions


def _position(
    section: Section,
    index: int,
    date_range: DateRange,
    dated: set[int],
    offsets: Sequence[int],
    today: Month,
) -> Position:
    lines = section.lines
    found = _title(lines, index, dated, offsets)
    if found:
        line, start, end = found
    else:  # no role named: the entry's own words stand for the title ("GENERAL MOTORS")
        line, start, end = _untitled(lines, index, dated)
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
    degree was finished (None: no such degree with a date; work counts whole). A first
    degree still in progress lets nothing count: the work so far is a student's."""
    ends: list[int] = []
    for degree in degrees:
        if degree.level not in ("associate", "bachelors"):
            continue
        index = completion_index(degree.year)
        if degree.in_progress:
            ends.append(_NEVER)
        elif index is not None:
            ends.append(index)
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

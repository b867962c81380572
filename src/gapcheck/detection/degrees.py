"""Degrees in a resume's education sections: level, field, completion year, in progress.

Read in the forms resumes use, in any case:

    "B.S. in Computer Science"   "BS, Physics"          "Physics, BS"
    "Bachelor of Technology in Computer Science"        "Bachelor of Computer Science"
    "Master of <any field>"      "M.A."  "MCS"  "MSc Statistics"  "MS (R) in AI"
    "Ph.D. in Machine Learning"  "Doctor of Philosophy"  "PhD Princeton University, Physics"

Levels: associate, bachelors, masters, phd. A diploma, certificate or school leaving exam
is no degree. The field is kept as written, lowercased ("computer science and
engineering"), and is "" when the line names none.

Not a degree: a two-letter abbreviation that could be a place or a word ("Boston, MA",
"MS Office") counts only at the start of a line, before "in"/"of", or after a field
("Physics, BS"); someone else's title ("Advisor: Ph.D. Jane Roe"); a coursework line
("Undergraduate coursework: ..."); a thesis or a course ("Master's thesis").

Completion date: the nearest date to the degree's line (on the page when lines carry
positions, else in reading order), at most three lines away and never past another
degree: a range's end ("Sept 2018 – May 2023"), else a single date ("Graduated May 2021").
In progress: "present", "current", "in progress", "pursuing" or "candidate" beside it,
a completion after `today`, or an "expected" date not yet past.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# dates' own reading of a matched date, so a degree's date reads as an entry's does.
from gapcheck.detection.dates import RANGE, SINGLE_DATE, Month, _month, find_ranges
from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Degree, Evidence, Line, Section

LEVELS = ("associate", "bachelors", "masters", "phd")
# A degree dated by its year alone is taken as finished in June: most finish in spring,
# and counting the whole year either way would shift work experience by six months.
DEGREE_MONTH = 6
_MAX_DATE_DISTANCE = 3.0  # lines: an entry's date stands on its institution or degree row


def _abbr(spelling: str, *, dotted: bool = False) -> str:
    """A regex for an abbreviation written with or without dots ("M.Sc" -> MSc, M.Sc.,
    M. Sc, MSC): capitals as written, later letters of a part in either case. `dotted`
    forms need their dots: "M.A." is a degree, "MA" may be Massachusetts."""
    parts = spelling.split(".")
    between = r"\.\s?" if dotted else r"(?:\.\s?)?"
    regex = between.join(p[0] + "".join(f"[{c}{c.upper()}]" for c in p[1:]) for p in parts)
    return regex + r"\.?"


# Abbreviations that are no ordinary word or place, dots optional.
_ABBREVIATIONS = {
    "phd": ("Ph.D", "PH.D", "D.Phil", "DPhil", "Sc.D", "D.Sc", "Eng.D"),
    "masters": (
        "M.Sc", "M.S.E", "M.Eng", "MENG", "M.Tech", "MTECH", "M.B.A", "M.C.S", "M.C.A",
        "M.Phil", "MPHIL", "M.P.H", "M.F.A", "M.Res", "M.Stat", "M.Math", "M.A.Sc", "M.Ed",
        "M.P.P", "M.Des",
    ),
    "bachelors": (
        "B.Sc", "B.Eng", "BENG", "B.Tech", "BTECH", "B.C.A", "B.B.A", "B.Com", "B.Math",
        "B.A.Sc", "B.C.S", "B.Des", "B.Ed", "B.Arch",
    ),
    "associate": ("A.A.S",),
}  # fmt: skip
# Short abbreviations that count only with their dots ("B.S.", "B.E").
_DOTTED = {
    "masters": ("M.S", "M.A", "M.E", "S.M"),
    "bachelors": ("B.S", "B.A", "B.E", "A.B", "S.B"),
    "associate": ("A.A", "A.S"),
}
# Two capitals that are also words or US states (MS Office, Boston MA, "TO BE").
_BARE = {"masters": ("MS", "MA", "ME"), "bachelors": ("BS", "BA", "BE"), "associate": ("AA",)}
_LONG = {
    "phd": r"\bph\.?\s?d\b\.?|\bdoctor\s+of\s+(?:philosophy|science|engineering)\b|\bdoctorate\b",
    "masters": r"\bmasters?(?:['’]s)?",
    "bachelors": r"\bbachelors?(?:['’]s)?",
    "associate": r"\bassociate(?:['’]s)?(?=\s+(?:of|in|degree)\b)",
}
# After "Master"/"Bachelor": what makes it a degree, not "Scrum Master" or "master's thesis"
# ("Master's" and "Masters" are degrees whatever follows, but for a thesis or a course).
_LONG_FOLLOW = re.compile(r"\s+(?:of|in|degree|student|program|programme|candidate)\b", re.I)
# "MS Office": Microsoft's products, not a Master of Science.
_MICROSOFT = re.compile(
    r"\s+(?:office|excel|word|powerpoint|access|project|teams|outlook|sql|windows|azure|visio|"
    r"dynamics|paint)\b",
    re.IGNORECASE,
)
_NOT_DEGREE_AFTER = re.compile(
    r"\s*-?(?:thesis|dissertation|project|level|course|class|seminar)", re.IGNORECASE
)


def _token_pattern() -> re.Pattern[str]:
    parts = []
    for level in LEVELS:
        forms = [_abbr(s) for s in _ABBREVIATIONS.get(level, ())]
        forms += [_abbr(s, dotted=True) for s in _DOTTED.get(level, ())]
        body = "|".join(sorted(forms, key=len, reverse=True))
        parts.append(rf"(?P<{level}_abbr>(?<![\w.])(?:{body})(?![\w]))")
    for level, spellings in _BARE.items():
        parts.append(rf"(?P<{level}_bare>(?<![\w.])(?:{'|'.join(spellings)})(?![\w.]))")
    for level, pattern in _LONG.items():
        parts.append(rf"(?P<{level}_long>(?i:{pattern}))")
    return re.compile("|".join(parts))


_TOKEN = _token_pattern()
# The words of a field that tell "Physics, BS" from "Cambridge, MA".
_ACADEMIC = re.compile(
    r"\b(?:sciences?|engineering|mathematics|maths?|statistics|physics|chemistry|biology|"
    r"biochemistry|economics|business|finance|accounting|arts|studies|philosophy|psychology|"
    r"history|literature|english|linguistics|informatics|computing|technology|design|"
    r"management|administration|education|nursing|law|data|analytics|neuroscience|geology|"
    r"geography|sociology|political|music|architecture|medicine|health|communications?|"
    r"journalism|humanities|agriculture|environmental)\b",
    re.IGNORECASE,
)
# "Of" forms whose first words name the kind of degree rather than its field.
_DEGREE_KIND = re.compile(
    r"\s+of\s+(?P<kind>(?:applied\s+)?(?:sciences?|arts|engineering|technology|philosophy)"
    r"|fine\s+arts)\b",
    re.IGNORECASE,
)
_FIELD_LEAD = re.compile(
    r"^\s*(?:\([^)]{0,12}\)\s*)?(?:(?:degree|student|program|programme|candidate)\s+)?"
    r"(?:(?:in|of)\b|[,:|\-–—.])?\s*",
    re.IGNORECASE,
)
_ORG = r"\b(?:universit\w*|universidad|institut\w*|college|school|academy|polytechnic)\b"
_FIELD_STOP = re.compile(
    r"\s[-–—]\s|[,;|()\[\]•·:]|\d|"
    r"\b(?:gpa|cgpa|wam|grade|expected|exp\.|anticipated|graduat\w*|cum\s+laude|summa|magna|"
    r"with\s+(?:distinction|honou?rs|merit)|minor|thesis|concentration|speciali[sz]\w*|"
    r"dissertation|candidate|present|current)\b|" + _ORG,
    re.IGNORECASE,
)
_MONTH_TAIL = re.compile(
    r"(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
    r"april|june|july|august|september|october|november|december|spring|summer|fall|autumn|"
    r"winter)\.?)+\s*$",
    re.IGNORECASE,
)
# A field that only qualifies the degree on the line above: "PhD Secondary Field: ...".
_SUB_FIELD = re.compile(r"^(?:minor|secondary|concentration|emphasis|speciali[sz]\w*|major)\b")
# Someone else's title: an advisor's or referee's "Ph.D." is not the person's degree.
_OTHER_PERSON = re.compile(
    r"advis[oe]r|supervis|mentor|committee|refere|professor|\bprof\b|\bdr\b|examiner|"
    r"instructor|taught\s+by",
    re.IGNORECASE,
)
_COURSEWORK_LINE = re.compile(
    r"^\W*(?:relevant\s+|related\s+|key\s+|selected\s+|undergraduate\s+|graduate\s+)?"
    r"(?:course\s*work|courses|classes|modules|subjects)\b",
    re.IGNORECASE,
)
_PROGRESS = re.compile(
    r"\b(?:present|current(?:ly)?|ongoing|in\s+progress|pursuing|candidate|to\s+date)\b",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\b(?:expected|exp\.|anticipated|est\.|will\s+graduate|graduating|due)", re.IGNORECASE
)
_LEADER = re.compile(r"[\W\d_]*")  # bullets, numbering and punctuation before a line's degree


@dataclass(frozen=True)
class _Found:
    level: str
    field: str
    phrase_start: int
    phrase_end: int


def _line_start(text: str, start: int) -> bool:
    """Whether only bullets, punctuation or a date stand before `start`."""
    before = RANGE.sub("", text[:start])
    before = SINGLE_DATE.sub("", before)
    return _LEADER.fullmatch(before) is not None


_TRIM = " .,;|-–—&+:/'’"


def _clean_field(raw: str) -> str:
    field = _MONTH_TAIL.sub("", raw)
    field = re.sub(r"\s+", " ", field).strip(_TRIM).lower()
    field = re.sub(r"\s+(?:degree|program|programme|student)$", "", field)
    return field


def _field_after(rest: str) -> tuple[str, int]:
    """The field at the start of `rest` (the text after a degree token) and where it ends.

    "Princeton University, Computer Science": a first part naming an institution, with
    more after it, is the school and the field follows it.
    """
    lead = _FIELD_LEAD.match(rest)
    offset = lead.end() if lead else 0
    body = rest[offset:]
    first_comma = re.search(r"[,|]|\s[-–—]\s", body)
    if first_comma and re.search(_ORG, body[: first_comma.start()], re.IGNORECASE):
        offset += first_comma.end()
        body = rest[offset:].lstrip()
        offset = len(rest) - len(body)
    stop = _FIELD_STOP.search(body)
    end = stop.start() if stop else len(body)
    field = body[:end]
    if stop and re.match(_ORG, body[stop.start() :], re.IGNORECASE):
        # "CSE Indian Institute of Technology": the capitalised word before the school's
        # kind belongs to the school's name.
        field = re.sub(r"\s*\b[A-Z][a-z]+\s*$", "", field)
    field = _MONTH_TAIL.sub("", field)
    return _clean_field(field), offset + len(field.rstrip(_TRIM))


def _degrees_in_line(text: str) -> list[_Found]:
    if _COURSEWORK_LINE.match(text):
        return []
    matches = list(_TOKEN.finditer(text))
    found: list[_Found] = []
    for index, match in enumerate(matches):
        group = match.lastgroup or ""
        level, form = group.rsplit("_", 1)
        if _OTHER_PERSON.search(text[: match.start()]):
            continue
        after = text[match.end() :]
        if form == "long" and level in ("masters", "bachelors"):
            possessive = match.group(0).lower().endswith(("s", "'s", "’s"))
            if _NOT_DEGREE_AFTER.match(after) or not (possessive or _LONG_FOLLOW.match(after)):
                continue
        if form == "bare" and _MICROSOFT.match(after):
            continue
        # The field runs at most to the next degree named on the same line.
        limit = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        rest = text[match.end() : limit]
        kind = _DEGREE_KIND.match(rest) if form == "long" else None
        if kind:
            rest = rest[kind.end() :]
        before = _reversed_field(text[: match.start()])
        if form == "bare" and not (
            _line_start(text, match.start())
            or re.match(r"\s*(?:\([^)]{0,12}\)\s*)?(?i:in|of|degree)\b", rest)
            or before
        ):
            continue
        field, length = _field_after(rest)
        phrase_start, phrase_end = match.start(), match.end() + (kind.end() if kind else 0)
        phrase_end += length
        if kind and not field and kind.group("kind").lower() in ("engineering", "technology"):
            field = kind.group("kind").lower()
        if not field and before:
            field = before
            phrase_start = text.lower().rfind(before, 0, match.start())
            phrase_end = match.end()
        if _SUB_FIELD.match(field):
            continue
        phrase_end = max(phrase_end, match.end())
        while phrase_end > match.end() and text[phrase_end - 1] in _TRIM:
            phrase_end -= 1
        found.append(_Found(level, field, max(phrase_start, 0), phrase_end))
    return found


def _reversed_field(before: str) -> str:
    """The field in "Physics, BS": the part before the comma, when it names a subject."""
    match = re.search(r"(?:^|[|;•·]|\s[-–—]\s)\s*([A-Za-z][A-Za-z &/'’.-]{1,60}?)\s*,\s*$", before)
    if match and _ACADEMIC.search(match.group(1)):
        return _clean_field(match.group(1))
    return ""


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class _DateFound:
    completion: Month | None  # None: runs to "present"
    progress: bool  # "present", "current", "in progress" beside it
    expected: bool


def _distance(a: Line, b: Line) -> float:
    """How far apart two lines are, in lines: on the page when both carry positions (the
    reader splits a row into several lines), else in reading order."""
    placed = (a.y1 > 0 or a.y0 > 0) and (b.y1 > 0 or b.y0 > 0)
    if placed and a.page == b.page:
        height = max(a.y1 - a.y0, b.y1 - b.y0, a.size, 1.0)
        return abs((a.y0 + a.y1) - (b.y0 + b.y1)) / 2 / height
    if a.page != b.page:
        return float("inf") if placed else abs(a.number - b.number)
    return float(abs(a.number - b.number))


def _date_on(line: Line) -> _DateFound | None:
    text = line.text
    progress = bool(_PROGRESS.search(text))
    expected = bool(_EXPECTED.search(text))
    ranges = find_ranges(text)
    singles = [m for m in SINGLE_DATE.finditer(text) if not _inside_range(text, m.start())]
    if singles and (expected or not ranges):
        # "2013 - Present ... expected March 2016": the expected date is the completion.
        return _DateFound(_month(singles[-1], "a"), progress, expected)
    if ranges:
        return _DateFound(ranges[-1].end, progress or ranges[-1].end is None, expected)
    return None


def _inside_range(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in RANGE.finditer(text))


def _degree_date(
    lines: Sequence[Line], index: int, degree_rows: set[int]
) -> _DateFound | None:
    best: tuple[float, int, _DateFound] | None = None
    for other in range(max(0, index - 4), min(len(lines), index + 5)):
        if other != index and (other in degree_rows or _crosses(index, other, degree_rows)):
            continue
        distance = _distance(lines[index], lines[other])
        if distance > _MAX_DATE_DISTANCE:
            continue
        found = _date_on(lines[other])
        if found is None:
            continue
        # Nearest wins; at equal distance the degree's own line, then the line above.
        key = (distance, 0 if other == index else (1 if other < index else 2))
        if best is None or key < (best[0], best[1]):
            best = (key[0], key[1], found)
    return best[2] if best else None


def _crosses(a: int, b: int, rows: set[int]) -> bool:
    low, high = sorted((a, b))
    return any(low < row < high for row in rows)


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
        per_line = [_degrees_in_line(line.text) for line in section.lines]
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


def _evidence(section: Section, line: Line, item: _Found) -> Evidence:
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

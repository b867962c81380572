"""How resumes write degrees: a line's degree names, levels and fields.

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

gapcheck.detection.degrees dates the degrees found and makes them records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gapcheck.detection.dates import RANGE, SINGLE_DATE

LEVELS = ("associate", "bachelors", "masters", "phd")
# A degree is named on a short line; a longer one is a paragraph about studies, and is
# not searched (each degree-like word would rescan the text before it).
MAX_DEGREE_LINE = 400


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
# Brackets that qualify the degree, not its field: "(Minor in Math)", "(GPA 3.9)", "(Hons)".
_NOT_SPECIALISATION = re.compile(
    r"\s*(?:minor|with|gpa|cgpa|hons|honou?rs|expected|exp\b|grade|graduat|\d|class|cum|"
    r"summa|magna|thesis|concentration|emphasis|current|in\s+progress|ongoing|part[- ]time|"
    r"full[- ]time|online|distance|dual)",
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
_LEADER = re.compile(r"[\W\d_]*")  # bullets, numbering and punctuation before a line's degree


@dataclass(frozen=True)
class DegreeForm:
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
    if field.count("(") != field.count(")"):
        field = field.replace("(", "").replace(")", "")
    field = re.sub(r"\s+(?:degree|program|programme|student)$", "", field)
    return field


def _field_after(rest: str) -> tuple[str, int]:
    """The field at the start of `rest` (the text after a degree token) and where it ends.

    "Princeton University, Computer Science": a first part naming an institution, with
    more after it, is the school and the field follows it. "B.E. (Computer Science)": a
    field in brackets. "Informatics (Artificial Intelligence)": a bracket right after the
    field that names a specialisation belongs to it.
    """
    lead = _FIELD_LEAD.match(rest)
    offset = lead.end() if lead else 0
    body = rest[offset:]
    bracketed = re.match(r"\(([^()]{3,60})\)", body)
    if bracketed and not _NOT_SPECIALISATION.match(bracketed.group(1)):
        field = _clean_field(bracketed.group(1))
        return field, offset + bracketed.end()
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
    specialisation = re.match(r"\s*\(([^()]{4,60})\)", body[len(field) :]) if field else None
    if specialisation and not _NOT_SPECIALISATION.match(specialisation.group(1)):
        field = body[: len(field) + specialisation.end()]
    return _clean_field(field), offset + len(field.rstrip(_TRIM))


def degrees_in_line(text: str) -> list[DegreeForm]:
    if len(text) > MAX_DEGREE_LINE or _COURSEWORK_LINE.match(text):
        return []
    matches = list(_TOKEN.finditer(text))
    found: list[DegreeForm] = []
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
        found.append(DegreeForm(level, field, max(phrase_start, 0), phrase_end))
    return found


def _reversed_field(before: str) -> str:
    """The field in "Physics, BS": the part before the comma, when it names a subject."""
    match = re.search(r"(?:^|[|;•·]|\s[-–—]\s)\s*([A-Za-z][A-Za-z &/'’.-]{1,60}?)\s*,\s*$", before)
    if match and _ACADEMIC.search(match.group(1)):
        return _clean_field(match.group(1))
    return ""

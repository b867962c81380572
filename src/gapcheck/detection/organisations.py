"""Names of organisations, whose words are never skill evidence.

"Spark Energy Ltd" names no Apache Spark, "Acme AI Labs" no artificial intelligence, and
in the entry line "HVAC technician, Airflow Heating & Cooling" the employer "Airflow
Heating & Cooling" names no Airflow. Three shapes are read as names:

* a run of capitalised words ending in a word that ends company, school and society
  names ("Ltd", "Inc", "Labs", "Society", "Bank"...);
* "AI" after a proper name that is no English word ("Kotoba AI"): companies name
  themselves so; the field is written "AI" after an ordinary word ("Generative AI");
* in an entry line of an experience, research, volunteering or education section, split
  at ",", "|", "@", " at " or a dash into a few parts, one of which is a job title (it
  holds a word such as "engineer", "technician", "manager"): every other part written as
  a name (capitalised words) is the organisation, its place or a course, and a skill
  name in it that is also a word or an acronym ("Airflow", "Spark") is the name's word;
  unless skill terms fill the part whole ("Data Scientist | Databricks": a tool list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.logical_lines import LogicalLine
from gapcheck.detection.vocabulary import Candidate
from gapcheck.detection.words import ordinary_words

# fmt: off
ORG_ENDINGS = frozenset({
    "ltd", "limited", "inc", "llc", "llp", "plc", "gmbh", "corp", "corporation", "co",
    "company", "labs", "group", "holdings", "technologies", "partners", "ventures",
    "consulting", "associates", "foundation", "society", "association", "institute",
    "council", "club", "bank", "hospital", "trust", "agency", "federation", "union",
})
ROLE_WORDS = frozenset({
    "engineer", "developer", "scientist", "analyst", "manager", "director", "technician",
    "assistant", "associate", "intern", "consultant", "specialist", "officer", "coordinator",
    "lead", "head", "architect", "administrator", "admin", "teacher", "tutor", "lecturer",
    "professor", "researcher", "fellow", "nurse", "chef", "cook", "server", "waiter",
    "waitress", "bartender", "barista", "electrician", "plumber", "carpenter", "mechanic",
    "driver", "designer", "writer", "editor", "owner", "founder", "co-founder", "president",
    "executive", "representative", "agent", "clerk", "receptionist", "cashier", "supervisor",
    "trainer", "coach", "instructor", "volunteer", "apprentice", "trainee", "operator",
    "planner", "accountant", "auditor", "advisor", "adviser", "therapist", "practitioner",
    "attendant", "groomer", "keeper", "handler", "caregiver", "carer", "programmer", "tester",
    "partner", "principal", "secretary", "treasurer", "captain", "ceo", "cto", "cfo", "coo",
    "vp", "steward", "host", "hostess", "housekeeper", "porter", "installer", "fitter",
    "welder", "labourer", "laborer", "foreman", "inspector", "surveyor", "paralegal",
    "solicitor", "lawyer", "attorney", "pharmacist", "veterinarian", "physician", "doctor",
    "midwife", "paramedic", "sales", "marketer", "strategist", "recruiter", "buyer",
})
# fmt: on
ENTRY_SECTIONS = frozenset({"experience", "research", "volunteering", "education"})
_SPLIT = re.compile(r"\s*(?:[,|@•·]|\s[-–—]\s|\bat\b)\s*")
_DATE_PART = re.compile(r"^[\d\s/.\-–—]*(?:present|current|now|today)?[\d\s/.\-–—]*$", re.I)
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
_CONNECTORS = frozenset({"&", "and", "of", "-", "the", "for", "de", "."})
MAX_ENTRY_WORDS = 16


def _name_word(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


def organisation_spans(
    tokens: LineTokens, line: LogicalLine, candidates: Sequence[Candidate]
) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the line that name an organisation."""
    spans = _named_by_ending(tokens) + _ai_company(tokens, candidates)
    if line.section.kind in ENTRY_SECTIONS:
        spans += _entry_organisations(tokens, line, candidates)
    return spans


def _named_by_ending(tokens: LineTokens) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    texts, lowers = tokens.texts, tokens.lowers
    for end, word in enumerate(lowers):
        if word.rstrip(".") not in ORG_ENDINGS or not _name_word(texts[end]):
            continue
        start = end
        while start > 0 and (_name_word(texts[start - 1]) or lowers[start - 1] in _CONNECTORS):
            start -= 1
        while start < end and lowers[start] in _CONNECTORS:
            start += 1
        if start < end:
            spans.append((start, end + 1))
    return spans


def _ai_company(tokens: LineTokens, candidates: Sequence[Candidate]) -> list[tuple[int, int]]:
    covered = {i for c in candidates if c.term.text != "AI" for i in range(c.start, c.end)}
    spans: list[tuple[int, int]] = []
    for i, text in enumerate(tokens.texts):
        if text != "AI" or i == 0 or i - 1 in covered or tokens.text(i + 1) == "/":
            continue  # "AI/ML" is the field
        name = tokens.texts[i - 1]
        proper = name[:1].isupper() and not name.isupper() and name.isalpha()
        if proper and name.lower() not in ordinary_words():
            spans.append((i - 1, i + 1))
    return spans


def _entry_organisations(
    tokens: LineTokens, line: LogicalLine, candidates: Sequence[Candidate]
) -> list[tuple[int, int]]:
    text = line.norm
    if len(text.split()) > MAX_ENTRY_WORDS:
        return []
    parts: list[tuple[int, int]] = []  # character ranges of the parts
    position = 0
    for separator in _SPLIT.finditer(text):
        parts.append((position, separator.start()))
        position = separator.end()
    parts.append((position, len(text)))
    parts = [(a, b) for a, b in parts if text[a:b].strip()]
    words = [text[a:b].split() for a, b in parts]
    dated = [_DATE_PART.match(_MONTHS.sub("", text[a:b])) is not None for a, b in parts]
    titled = [
        not date and 0 < len(w) <= 6 and any(x.lower().strip(".,") in ROLE_WORDS for x in w)
        for w, date in zip(words, dated, strict=True)
    ]
    if len(parts) < 2 or len(parts) - sum(dated) > 4 or sum(titled) != 1:
        return []
    spans: list[tuple[int, int]] = []
    for (a, b), part_words, date, title in zip(parts, words, dated, titled, strict=True):
        if date or title or not all(_name_word(w) or w.lower() in _CONNECTORS for w in part_words):
            continue
        first = next(i for i, s in enumerate(tokens.starts) if s >= a)
        last = max(i for i, s in enumerate(tokens.starts) if s < b) + 1
        # A skill term filling the part whole may be a tool list; a plain term ("Numerical
        # Methods" in "Tutor, Numerical Methods for Physicists") may be a course: only the
        # names that are also words or acronyms ("Airflow", "Spark") are taken for the
        # organisation's, which is what they are in a name part.
        inside = [c for c in candidates if first <= c.start and c.end <= last]
        covered = {i for c in inside for i in range(c.start, c.end)}
        filled = all(i in covered or not tokens.texts[i].isalnum() for i in range(first, last))
        if not filled:
            spans.extend((c.start, c.end) for c in inside if c.term.casing != "plain")
    return spans

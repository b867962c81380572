"""What a posting asks a candidate to be or hold, apart from skills to learn.

    years          "4+ years of Python" (of a skill), "5 years of experience" (in all),
                   "BS with 5 years or MS with 3 years" (options: any one pair meets it)
    degree         the lowest degree that meets it: "BS/MS/PhD" asks for a bachelor's
    clearance      "TS/SCI clearance", or "the ability to obtain" one (obtainable)
    authorization  "US citizenship", "authorized to work ... without sponsorship"
    certification  a certification to hold (or obtain "within 90 days of hire")

Each is read from one clause, at the level its own words or its line give it (items.py);
certifications, clearance and authorization in `conditions.py`.
How a resume stands against each: `gapcheck.scoring.eligibility`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gapcheck.detection.degree_forms import LEVELS as DEGREE_LEVELS
from gapcheck.postings.conditions import (
    LevelAt,
    authorizations,
    certifications,
    clearance_rank,
    clearances,
)
from gapcheck.postings.items import Run, level_at, named_spans
from gapcheck.records import Detection, EligibilityRequirement

# Degrees from lowest to highest; a higher one meets a lower requirement.
DEGREE_RANK = {level: rank for rank, level in enumerate(DEGREE_LEVELS)}
DEGREE_IDS = frozenset(("bachelors", "masters", "phd"))
DEGREE_NAMES = {
    "associate": "Associate degree",
    "bachelors": "Bachelor's degree",
    "masters": "Master's degree",
    "phd": "PhD",
}

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUMBER = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
# "4+ years", "3-15 years'", "ten (10) years", "at least three years": the lower bound counts.
_YEARS = re.compile(
    rf"(?<![\w.\-–])(?P<low>{_NUMBER})(?:\s*\(\d+\))?\s*(?:\+|plus)?"
    rf"(?:\s*(?:-|–|to)\s*{_NUMBER}(?:\s*\(\d+\))?\s*\+?)?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
# Years are of experience when the words after them say so ...
_EXPERIENCE_AFTER = re.compile(
    r"^['’]?\W*(?:[\w/-]+\W+){0,6}?(?:experiences?|exp|employment|work)\b", re.IGNORECASE
)
# ... and not of the company ("our team has 20 years of experience") or of a time span.
_NOT_A_REQUIREMENT = re.compile(r"\b(?:we|we've|our|us|company|firm|founded|combined)\b", re.I)
_TIME_SPAN_AFTER = re.compile(r"^\W*(?:old|ago|from now|later|in a row)\b", re.IGNORECASE)
# Between the years and the skill they are of: a few words, no new thought.
_SKILL_GAP_STOP = re.compile(r"[;(:,]|\b(?:and|but|plus|or|as an?)\b", re.IGNORECASE)
# Skills whose names are words about experience itself ("work experience" names internships).
_EXPERIENCE_WORDS = re.compile(r"\b(?:experiences?|work|working)\b", re.IGNORECASE)
MAX_SKILL_GAP_WORDS = 6

# Degrees the taxonomy's names do not cover: "an advanced degree", "a degree in CS".
_DEGREE_WORDS = re.compile(
    r"\b(?P<masters>advanced degree|graduate degree)\b|\b(?P<phd>doctorate|ph\.?\s?d)\b",
    re.IGNORECASE,
)
_ANY_DEGREE = re.compile(
    r"\b(?P<bachelors>(?:college|university|4[- ]year|four[- ]year) degree|degree in)\b",
    re.IGNORECASE,
)
# What makes "MS" a degree when no other degree is named: "MS in", "MS degree", "MS or higher".
_DEGREE_AFTER = re.compile(
    r"^\s*(?:in\b|degree|or (?:higher|above|equivalent)|/|,?\s*or\s+Ph\.?D)", re.IGNORECASE
)
# "BS ... or MS ...": capitals the detector accepts only with cues, counted where another
# degree is named in the same clause.
_DEGREE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:(?P<bachelors>BS|B\.S\.|BA|B\.A\.)|(?P<masters>MS|M\.S\.|MA|M\.A\.))(?![\w.])"
)
_OR_EQUIVALENT = re.compile(r"\bor equivalent\b|\bequivalent (?:practical |work )?experience")

@dataclass(frozen=True)
class ClauseView:
    """One clause of a posting line, with the skills it names."""

    text: str
    runs: tuple[Run, ...]
    detection: Detection


def line_eligibility(
    number: int,
    context: str,
    clauses: Sequence[ClauseView],
    required_phrase: re.Pattern[str],
) -> list[list[EligibilityRequirement]]:
    """The eligibility requirements each clause of one posting line states (level
    "description" when neither its words nor its heading say; parse.py resolves those)."""
    per_clause: list[list[EligibilityRequirement]] = []
    for clause in clauses:
        found: list[EligibilityRequirement] = []

        def level(span: tuple[int, int], clause: ClauseView = clause) -> str:
            return level_at(clause.text, clause.runs, span, context, required_phrase)

        # The right to work is a condition, never a preference, whatever heading it stands
        # under ("unable to sponsor" under "Nice to have"); a clearance may be desired.
        def condition(span: tuple[int, int], clause: ClauseView = clause) -> str:
            return level_at(clause.text, clause.runs, span, "required", required_phrase)

        if context != "skipped":
            found += _degrees_and_years(number, clause, level)
            found += certifications(number, clause.text, clause.detection, level)
        found += clearances(number, clause.text, level, context)
        found += authorizations(number, clause.text, condition, context)
        per_clause.append(found)
    return per_clause


def merge_eligibility(
    found: Sequence[EligibilityRequirement],
) -> tuple[EligibilityRequirement, ...]:
    """One requirement per thing asked for and level: postings repeat their clearance and
    citizenship lines; the clearance kept is the highest level asked for."""
    kept: dict[tuple[object, ...], EligibilityRequirement] = {}
    for item in found:
        if item.kind == "clearance":
            key: tuple[object, ...] = ("clearance", item.level)
            old = kept.get(key)
            if old is None or clearance_rank(item.name) > clearance_rank(old.name):
                obtainable = item.obtainable and (old is None or old.obtainable)
                kept[key] = replace(item, obtainable=obtainable)
            elif not item.obtainable:
                kept[key] = replace(old, obtainable=False)
            continue
        key = (item.kind, item.level, item.name, item.skill_id, item.years, item.options)
        kept.setdefault(key, item)
    return tuple(kept.values())


# --------------------------------------------------------------------------- degrees, years


def _degrees_and_years(
    number: int, clause: ClauseView, level: LevelAt
) -> list[EligibilityRequirement]:
    text = clause.text
    degrees = _degree_mentions(clause)
    years = [m for m in _YEARS.finditer(text) if _asks_for_experience(text, m)]
    found: list[EligibilityRequirement] = []
    equivalent = _OR_EQUIVALENT.search(text) is not None
    if degrees:
        # All degrees named at one level are alternatives: the lowest meets the requirement.
        by_level: dict[str, list[tuple[int, int, str]]] = {}
        for start, end, degree in degrees:
            by_level.setdefault(level((start, end)), []).append((start, end, degree))
        for at_level, mentions in by_level.items():
            lowest = min((m[2] for m in mentions), key=DEGREE_RANK.__getitem__)
            found.append(
                EligibilityRequirement(
                    kind="degree",
                    text=text,
                    line=number,
                    degree=lowest,
                    level=at_level,
                    name=DEGREE_NAMES[lowest],
                    or_equivalent=equivalent,
                )
            )
    options, uncertain = _options(degrees, years)
    if options or uncertain:
        # Years that depend on the degree: one requirement, met by any one pair (or, when
        # the pairs cannot be told apart, by the least number of years named).
        lowest_years = min(y for _, y in options) if options else min(
            _number(m.group("low")) for m in years
        )
        name = " or ".join(f"{y:g} years with a {DEGREE_NAMES[d]}" for d, y in options)
        found.append(
            EligibilityRequirement(
                kind="years",
                text=text,
                line=number,
                years=lowest_years,
                level=level((years[0].start(), years[-1].end())),
                name=name or f"{lowest_years:g}+ years, depending on the degree",
                options=options,
            )
        )
        return found
    for match in years:
        skills = _skills_after(text, clause.runs, match.end())
        value = _number(match.group("low"))
        found.append(
            EligibilityRequirement(
                kind="years",
                text=text,
                line=number,
                skill_id=skills[0] if skills else None,
                years=value,
                level=level(match.span()),
                name=f"{value:g}+ years" + (" of experience" if not skills else ""),
                skills=skills,
            )
        )
    return found


def _degree_mentions(clause: ClauseView) -> list[tuple[int, int, str]]:
    """(start, end, degree id) of each degree the clause names, in reading order."""
    text = clause.text
    mentions = named_spans(text, clause.detection, dict.fromkeys(DEGREE_IDS))

    def add(match: re.Match[str]) -> None:
        if not any(a < match.end() and match.start() < b for a, b, _ in mentions):
            degree = next(name for name, value in match.groupdict().items() if value)
            mentions.append((match.start(), match.end(), degree))

    for match in _DEGREE_WORDS.finditer(text):
        add(match)  # "Master's degree in": the taxonomy's name already counts
    for match in _DEGREE_ABBREVIATION.finditer(text):
        if mentions or _DEGREE_AFTER.match(text[match.end() :]):
            add(match)
    if not mentions:  # "a degree in CS": no level named, a bachelor's
        for match in _ANY_DEGREE.finditer(text):
            add(match)
    return sorted(mentions)


def _asks_for_experience(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() :]
    if _TIME_SPAN_AFTER.match(after) or _NOT_A_REQUIREMENT.search(text[: match.start()]):
        return False
    return _EXPERIENCE_AFTER.match(after) is not None or bool(
        re.match(r"^['’]?\s*(?:of|in|with|using)\s+\S", after, re.IGNORECASE)
    )


def _skills_after(text: str, runs: Sequence[Run], at: int) -> tuple[str, ...]:
    """The skills the years are of: the first run soon after them, in the same thought."""
    for run in runs:
        if run.start < at:
            continue
        gap = text[at : run.start]
        if _SKILL_GAP_STOP.search(gap) or len(gap.split()) > MAX_SKILL_GAP_WORDS:
            return ()
        if _EXPERIENCE_WORDS.search(text[run.start : run.end]):
            continue  # "4 years of work experience": the words are about the years
        return tuple(skill_id for skill_id in run.ids if skill_id not in DEGREE_IDS)
    return ()


def _options(
    degrees: Sequence[tuple[int, int, str]], years: Sequence[re.Match[str]]
) -> tuple[tuple[tuple[str, float], ...], bool]:
    """(degree, years) pairs when the clause offers several ("BS with 5 years of experience,
    MS with 3 or PhD with 1"; "4 years with a Bachelor's or 2 with an advanced degree"): the
    degrees, in the order they are first named, pair with the years in order. Also whether
    the clause names several degrees and years that cannot be paired so."""
    levels = list(dict.fromkeys(degree for _, _, degree in degrees))
    if len(years) < 2 or len(levels) < 2:
        return (), False
    if len(levels) != len(years):
        return (), True
    pairs = zip(levels, (_number(m.group("low")) for m in years), strict=True)
    return tuple(pairs), False


def merge_option_lines(
    per_clause: Sequence[Sequence[EligibilityRequirement]],
) -> tuple[list[EligibilityRequirement], list[frozenset[tuple[int, str]]]]:
    """Consecutive lines that each name one degree with years ("BS in CS with 8 years;" /
    "MS in CS with 5 years;" / "PhD with 2 years.") are one requirement with options, not
    three; so are such clauses of one line ("BS with 8 years; MS with 5 years; PhD with 2").
    The requirements of all clauses, merged, and the (line, clause) of each set merged."""
    merged: list[EligibilityRequirement] = []
    merged_lines: list[frozenset[tuple[int, str]]] = []
    streak: list[Sequence[EligibilityRequirement]] = []

    def close() -> None:
        degrees = [next(e for e in found if e.kind == "degree") for found in streak]
        if len(streak) < 2 or len({d.degree for d in degrees}) < 2:
            for found in streak:
                merged.extend(found)
            return
        years = [next(e for e in found if e.kind == "years") for found in streak]
        options = tuple(
            (d.degree or "bachelors", y.years or 0.0)
            for d, y in zip(degrees, years, strict=True)
        )
        lowest = min(degrees, key=lambda d: DEGREE_RANK[d.degree or "bachelors"])
        merged.append(replace(lowest, text=" ".join(d.text for d in degrees)))
        merged.append(
            replace(
                years[0],
                text=" ".join(d.text for d in degrees),
                years=min(y for _, y in options),
                name=" or ".join(f"{y:g} years with a {DEGREE_NAMES[d]}" for d, y in options),
                options=options,
            )
        )
        for found in streak:
            merged.extend(e for e in found if e.kind not in ("degree", "years"))
        merged_lines.append(frozenset((e.line, e.text) for found in streak for e in found))

    for found in per_clause:
        kinds = [e.kind for e in found]
        plain_years = [e for e in found if e.kind == "years" and not e.skills and not e.options]
        if kinds.count("degree") == 1 and kinds.count("years") == 1 and plain_years:
            streak.append(found)
            continue
        close()
        streak = []
        merged.extend(found)
    close()
    return merged, merged_lines


def _number(word: str) -> float:
    lowered = word.lower()
    return float(_NUMBER_WORDS[lowered]) if lowered in _NUMBER_WORDS else float(word)

"""What a posting asks a candidate to be or hold, apart from skills to learn.

    years          "4+ years of Python" (of a skill), "5 years of experience" (in all),
                   "BS with 5 years or MS with 3 years" (options: any one pair meets it)
    degree         the lowest degree that meets it: "BS/MS/PhD" asks for a bachelor's
    clearance      "TS/SCI clearance", or "the ability to obtain" one (obtainable)
    authorization  "US citizenship", "authorized to work ... without sponsorship"
    certification  a certification to hold (or obtain "within 90 days of hire")

Each is read from one clause, at the level its own words or its line give it (items.py).
Clearance and authorization are also read in boilerplate, where postings often put them,
but only when the words demand them ("must", "required", "unable to sponsor"); equal
opportunity text ("regardless of ... citizenship") never asks for anything.
How a resume stands against each: `gapcheck.scoring.eligibility`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from gapcheck.postings.items import Run, level_at
from gapcheck.records import Detection, EligibilityRequirement

# The level of what a clause asks for at a span of it (items.level_at for that clause).
_LevelAt = Callable[[tuple[int, int]], str]

# Degrees from lowest to highest; a higher one meets a lower requirement.
DEGREE_RANK = {"associate": 0, "bachelors": 1, "masters": 2, "phd": 3}
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
    rf"(?<![\w.])(?P<low>{_NUMBER})(?:\s*\(\d+\))?\s*(?:\+|plus)?"
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
_SKILL_GAP_STOP = re.compile(r"[;(:]|\b(?:and|but|plus|or)\b", re.IGNORECASE)
MAX_SKILL_GAP_WORDS = 6

# Degrees the taxonomy's names do not cover: "an advanced degree", "a degree in CS".
_DEGREE_WORDS = re.compile(
    r"\b(?P<masters>advanced degree|graduate degree)\b|\b(?P<phd>doctorate)\b"
    r"|\b(?P<bachelors>(?:college|university|4[- ]year|four[- ]year) degree|degree in)\b",
    re.IGNORECASE,
)
_OR_EQUIVALENT = re.compile(r"\bor equivalent\b|\bequivalent (?:practical |work )?experience")
# Where "or" separates alternatives of a degree with years ("BS with 5 years or MS with 3"),
# but not "or related field", "or higher".
_OPTION_BREAK = re.compile(
    r";|,\s|\bor\b(?!\s+(?:an?\s+)?(?:related|similar|equivalent|higher|above|other|comparable"
    r"|relevant|advanced|a related))",
    re.IGNORECASE,
)

# Clearance levels, lowest first.
CLEARANCE_LEVELS = ("public trust", "confidential", "secret", "top secret", "TS/SCI")
_CLEARANCE = re.compile(
    r"(?P<tssci>\bTS\s*/\s*SCI\b|\bTS-SCI\b|\bSCI\b)|(?P<topsecret>\btop[- ]secret\b|\bTS\b"
    r"|\bQ[- ]clearance\b)|(?P<secret>\bsecret\b|\bL[- ]clearance\b)"
    r"|(?P<confidential>\bconfidential clearance\b)|(?P<publictrust>\bpublic trust\b)"
    r"|(?P<any>\bsecurity clearances?\b|\bclearances?\b|\bSSBI\b|\bpolygraph\b)",
    re.IGNORECASE,
)
_CLEARANCE_WORDS = re.compile(r"clearance|\bSCI\b|SSBI|polygraph|\bDoD\b|security", re.I)
_OBTAIN = re.compile(
    r"\b(?:ability to obtain|able to obtain|eligible (?:to obtain|for)|obtain and maintain"
    r"|able to (?:get|qualify)|willing(?:ness)? to (?:obtain|undergo|get)|qualify for"
    r"|subject to|to be obtained|within \d+ (?:days|months))\b",
    re.IGNORECASE,
)
_CITIZEN = re.compile(
    r"\b(?:U\.?\s?S\.?|United States|American)\s+citizen(?:s|ship)?\b"
    r"|\bcitizenship\b[^.]{0,30}\brequired\b",
    re.IGNORECASE,
)
_AUTHORIZED = re.compile(
    r"\b(?:authori[sz]ed to work|work authori[sz]ation|eligible to work|legally (?:able|entitled)"
    r" to work|right to work|green card|permanent resident)",
    re.IGNORECASE,
)
_NO_SPONSORSHIP = re.compile(
    r"\b(?:no|not|unable to|cannot|can't|can ?not|will not|won't|does not|do not|without)\b"
    r"[^.]{0,40}\bsponsor(?:ship)?\b|\bsponsorship (?:is |will )?(?:not|un)",
    re.IGNORECASE,
)
_DEMAND = re.compile(r"\b(?:must|required?|requires|need|only|mandatory|without|unable)\b", re.I)
_NOT_DEMANDED = re.compile(r"\bposter\b|regardless|without regard|discriminat|protected", re.I)

_CERTIFICATION = re.compile(r"\bcertifi(?:ed|cation|cations|cate)\b", re.IGNORECASE)
# A certification that is named ("Security+ certification", "IAT Level II certification"),
# not "certification in appropriate areas".
_NAMED_CERTIFICATION = re.compile(
    r"(?:[A-Z][\w+./-]*\s+(?:(?:or|and|/)\s+)?){1,6}certifi(?:cation|cate)\b"
    r"|\bcertified\s+(?:[A-Z][\w+./-]*\s*){1,5}"
)


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
) -> list[EligibilityRequirement]:
    """The eligibility requirements one posting line states (level "description" when
    neither its words nor its heading say; parse.py resolves those)."""
    found: list[EligibilityRequirement] = []
    for clause in clauses:

        def level(span: tuple[int, int], clause: ClauseView = clause) -> str:
            return level_at(clause.text, clause.runs, span, context, required_phrase)

        if context != "skipped":
            found += _degrees_and_years(number, clause, level)
            found += _certifications(number, clause, level)
        found += _clearances(number, clause.text, level, context)
        found += _authorizations(number, clause.text, level, context)
    return found


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
            if old is None or _clearance_rank(item.name) > _clearance_rank(old.name):
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
    number: int, clause: ClauseView, level: _LevelAt
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
    options = _options(text, degrees, years)
    if options:
        lowest_years = min(y for _, y in options)
        found.append(
            EligibilityRequirement(
                kind="years",
                text=text,
                line=number,
                years=lowest_years,
                level=level((years[0].start(), years[-1].end())),
                name=" or ".join(f"{y:g} years with a {DEGREE_NAMES[d]}" for d, y in options),
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
    mentions = [
        (run.start, run.end, skill_id)
        for run in clause.runs
        for skill_id in run.ids
        if skill_id in DEGREE_IDS
    ]
    for match in _DEGREE_WORDS.finditer(clause.text):
        if any(a < match.end() and match.start() < b for a, b, _ in mentions):
            continue  # "Master's degree in": the taxonomy's name already counts
        degree = next(name for name, value in match.groupdict().items() if value)
        mentions.append((match.start(), match.end(), degree))
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
        return tuple(skill_id for skill_id in run.ids if skill_id not in DEGREE_IDS)
    return ()


def _options(
    text: str, degrees: Sequence[tuple[int, int, str]], years: Sequence[re.Match[str]]
) -> tuple[tuple[str, float], ...]:
    """(degree, years) pairs when the clause offers several ("BS with 5 years of experience,
    MS with 3 or PhD with 1"): each piece between "or", ";" and "," names one of each."""
    if len(years) < 2 or len({d for _, _, d in degrees}) < 2:
        return ()
    cuts = [0, *(m.end() for m in _OPTION_BREAK.finditer(text)), len(text)]
    pairs: list[tuple[str, float]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        in_piece = [m for m in years if a <= m.start() < b]
        named = [d for start, _, d in degrees if a <= start < b]
        if len(in_piece) == 1 and named:
            lowest = min(named, key=DEGREE_RANK.__getitem__)
            pairs.append((lowest, _number(in_piece[0].group("low"))))
    if len({d for d, _ in pairs}) < 2:
        return ()
    return tuple(dict.fromkeys(pairs))


def _number(word: str) -> float:
    lowered = word.lower()
    return float(_NUMBER_WORDS[lowered]) if lowered in _NUMBER_WORDS else float(word)


# --------------------------------------------------------------------------- certifications


def _certifications(
    number: int, clause: ClauseView, level: _LevelAt
) -> list[EligibilityRequirement]:
    text = clause.text
    obtainable = _OBTAIN.search(text) is not None
    found = [
        EligibilityRequirement(
            kind="certification",
            text=text,
            line=number,
            level=level(_cert_span(text, held.evidence.matched)),
            name=held.name,
            certification=held.id,
            obtainable=obtainable,
        )
        for held in clause.detection.certifications
    ]
    if found or not _CERTIFICATION.search(text):
        return found
    named = _NAMED_CERTIFICATION.search(text)
    if named is None:
        return []  # "certification in appropriate areas": nothing to check
    return [
        EligibilityRequirement(
            kind="certification",
            text=text,
            line=number,
            level=level(named.span()),
            name=" ".join(named.group(0).split()),
            obtainable=obtainable,
        )
    ]


def _cert_span(text: str, matched: str) -> tuple[int, int]:
    start = text.lower().find(matched.lower())
    return (start, start + len(matched)) if start >= 0 else (0, len(text))


# --------------------------------------------------------------------------- clearance, work


def _clearances(
    number: int, text: str, level: _LevelAt, context: str
) -> list[EligibilityRequirement]:
    if not _CLEARANCE_WORDS.search(text) and len(text.split()) > 4:
        return []  # "Secret" alone counts on a short line under a clearance heading only
    mentions = list(_CLEARANCE.finditer(text))
    if not mentions or (context == "skipped" and not _DEMAND.search(text)):
        return []
    if _NOT_DEMANDED.search(text):
        return []
    obtain = _OBTAIN.search(text)
    held = [m for m in mentions if obtain is None or m.start() < obtain.start()]
    counted = held or mentions
    name = max((_clearance_name(m) for m in counted), key=_clearance_rank)
    return [
        EligibilityRequirement(
            kind="clearance",
            text=text,
            line=number,
            level=level(counted[0].span()),
            name=name,
            obtainable=not held,
        )
    ]


def _clearance_name(match: re.Match[str]) -> str:
    kind = next(name for name, value in match.groupdict().items() if value)
    names = {
        "tssci": "TS/SCI",
        "topsecret": "top secret",
        "secret": "secret",
        "confidential": "confidential",
        "publictrust": "public trust",
    }
    return names.get(kind, "security clearance")


def _clearance_rank(name: str) -> int:
    """Higher for a higher level; -1 for a clearance of no stated level."""
    return CLEARANCE_LEVELS.index(name) if name in CLEARANCE_LEVELS else -1


def _authorizations(
    number: int, text: str, level: _LevelAt, context: str
) -> list[EligibilityRequirement]:
    if _NOT_DEMANDED.search(text) or (context == "skipped" and not _DEMAND.search(text)):
        return []
    found: list[EligibilityRequirement] = []
    citizen = _CITIZEN.search(text)
    if citizen:
        found.append(
            EligibilityRequirement(
                kind="authorization",
                text=text,
                line=number,
                level=level(citizen.span()),
                name="US citizenship",
            )
        )
    authorized = _AUTHORIZED.search(text) or _NO_SPONSORSHIP.search(text)
    if authorized and not citizen:
        found.append(
            EligibilityRequirement(
                kind="authorization",
                text=text,
                line=number,
                level=level(authorized.span()),
                name="work authorization without sponsorship"
                if _NO_SPONSORSHIP.search(text)
                else "work authorization",
            )
        )
    return found

"""The resume against what a posting asks a candidate to have or be, apart from skills.

Each requirement (gapcheck.postings.eligibility) is "met", "not met" or "not stated":

    years          of a skill: the skill's years from dated entries (FoundSkill.years);
                   in all: `years_total`, else the background's professional years
    degree         the highest completed degree (a degree skill found, or Background.degrees);
                   a higher degree meets a lower requirement
    certification  held (Detection.certifications, or its name in the resume's lines)
    clearance      stated in the resume, at the level asked for or higher
    authorization  stated in the resume ("US citizen", "authorized to work")

"Not stated" is for what a resume often leaves out: clearance, citizenship, and the years of
a skill no dated entry shows. None of these is a skill to learn: the posting gap reports them
apart from the missing skills.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from gapcheck.postings.conditions import CLEARANCE_LEVELS
from gapcheck.postings.eligibility import DEGREE_NAMES, DEGREE_RANK
from gapcheck.postings.parse import Posting
from gapcheck.records import (
    Background,
    Detection,
    EligibilityCheck,
    EligibilityRequirement,
    EligibilityStatus,
    Evidence,
)

# What a resume says about clearance and the right to work.
_CLEARANCE_HELD = re.compile(
    r"(?P<tssci>\bTS\s*/\s*SCI\b|\bTS-SCI\b)|(?P<topsecret>\btop[- ]secret\b|\bQ[- ]clearance\b)"
    r"|(?P<secret>\bsecret\b)|(?P<confidential>\bconfidential\b)|(?P<publictrust>\bpublic trust\b)"
    r"|(?P<any>\b(?:security |active |current )?clearance\b)",
    re.IGNORECASE,
)
_CLEARANCE_CONTEXT = re.compile(r"clearance|\bSCI\b|polygraph|\bDoD\b", re.IGNORECASE)
_CLEARANCE_NAMES = {
    "tssci": "TS/SCI",
    "topsecret": "top secret",
    "secret": "secret",
    "confidential": "confidential",
    "publictrust": "public trust",
}
_CITIZEN = re.compile(
    r"(?<!non-)(?<!non )\b(?:U\.?\s?S\.?|United States|American)\s+citizen(?:ship)?\b"
    r"|\bcitizenship\W+(?:U\.?S\b|USA|United States)",
    re.IGNORECASE,
)
_AUTHORIZED = re.compile(
    r"\b(?:authori[sz]ed to work|work authori[sz]ation|eligible to work|green card"
    r"|permanent resident|no sponsorship (?:is )?(?:required|needed)"
    r"|(?:do|does) not (?:require|need) (?:visa )?sponsorship)",
    re.IGNORECASE,
)
_NEEDS_SPONSORSHIP = re.compile(
    r"\b(?:require|requires|need|needs|requiring) (?:visa |H-?1B )?sponsorship\b", re.IGNORECASE
)
_PERMANENT_RESIDENT = re.compile(r"\bgreen card|permanent resident", re.IGNORECASE)
# Names of certifications gapcheck may not know: "CISSP", "Security+", "PMP".
_CERT_TOKEN = re.compile(r"(?<![\w+])(?:[A-Z][A-Za-z0-9]*[A-Z+][A-Za-z0-9+]*|[A-Z][a-z]+\+)(?!\w)")
_NOT_A_CERT_TOKEN = frozenset(("II", "III", "IV", "IT", "US", "USA", "AND", "OR", "IAT", "IAM"))


def check_eligibility(
    posting: Posting,
    detection: Detection,
    background: Background | None,
    years_total: float | None,
    *,
    resume_lines: Sequence[str] = (),
) -> tuple[EligibilityCheck, ...]:
    """Each of the posting's eligibility requirements against the resume, in posting order.

    `years_total` (professional years, when the caller knows them) stands before the
    background's; `resume_lines` are the resume's text lines, where clearance, citizenship and
    certifications gapcheck does not know are stated. Without them, only the lines of the
    evidence found are searched, so those are usually "not stated".
    """
    total = years_total
    if total is None and background is not None and (
        background.positions or background.years_experience > 0
    ):
        total = background.years_experience
    lines = list(dict.fromkeys((*resume_lines, *_evidence_lines(detection, background))))
    checks: list[EligibilityCheck] = []
    for item in sorted(posting.eligibility, key=lambda e: e.line):
        if item.kind == "years":
            status, detail, evidence = _years(item, detection, background, total)
        elif item.kind == "degree":
            status, detail, evidence = _degree(item, detection, background)
        elif item.kind == "certification":
            status, detail, evidence = _certification(item, detection, lines)
        elif item.kind == "clearance":
            status, detail, evidence = _clearance(item, lines)
        else:
            status, detail, evidence = _authorization(item, lines)
        checks.append(_check(item, status, detail, evidence))
    return tuple(checks)


_Result = tuple[EligibilityStatus, str, Evidence | None]


def _check(
    item: EligibilityRequirement, status: EligibilityStatus, detail: str, evidence: Evidence | None
) -> EligibilityCheck:
    return EligibilityCheck(
        kind=item.kind,
        text=item.text,
        line=item.line,
        skill_id=item.skill_id,
        years=item.years,
        degree=item.degree,
        level=item.level,
        name=item.name,
        status=status,
        detail=detail,
        evidence=evidence,
        waivable=item.obtainable or item.or_equivalent,
    )


def _evidence_lines(detection: Detection, background: Background | None) -> Iterable[str]:
    for found in detection.skills:
        yield from (e.snippet for e in found.evidence)
    yield from (held.evidence.snippet for held in detection.certifications)
    if background is not None:
        yield from (d.evidence.snippet for d in background.degrees)
        yield from (p.evidence.snippet for p in background.positions)


# --------------------------------------------------------------------------- years, degree


def _years(
    item: EligibilityRequirement,
    detection: Detection,
    background: Background | None,
    total: float | None,
) -> _Result:
    wanted = item.years or 0.0
    if item.options:  # "BS with 5 years, MS with 3 or PhD with 1": any one pair
        rank, _ = _highest_degree(detection, background)
        if total is None:
            return "not stated", "the resume's professional years could not be told", None
        for degree, years in item.options:
            if rank >= DEGREE_RANK[degree] and total >= years:
                return "met", f"{total:g} years with a {DEGREE_NAMES[degree]} or higher", None
        return "not met", f"{total:g} years of professional experience", None
    if item.skills:
        found = [s for s in detection.skills if s.id in item.skills]
        if not found:
            return "not met", "the resume does not name it", None
        dated = [s for s in found if s.years is not None]
        if not dated:
            since = f"; {total:g} years of experience in all" if total is not None else ""
            name = found[0].name
            return "not stated", f"{name} is named, but no dated entry shows how long{since}", None
        best = max(dated, key=lambda s: s.years or 0.0)
        years = best.years or 0.0
        status: EligibilityStatus = "met" if years >= wanted else "not met"
        return status, f"about {years:g} years of {best.name} in dated entries", best.evidence[0]
    if total is None:
        return "not stated", "the resume's professional years could not be told", None
    status = "met" if total >= wanted else "not met"
    return status, f"about {total:g} years of professional experience", None


def _degree(
    item: EligibilityRequirement, detection: Detection, background: Background | None
) -> _Result:
    wanted = DEGREE_RANK.get(item.degree or "bachelors", 1)
    rank, evidence = _highest_degree(detection, background)
    equivalent = " (the posting accepts equivalent experience)" if item.or_equivalent else ""
    if rank >= wanted:
        name = next(n for d, n in DEGREE_NAMES.items() if DEGREE_RANK[d] == rank)
        return "met", f"{name} on the resume", evidence
    in_progress = [
        d for d in (background.degrees if background else ()) if d.in_progress
        and DEGREE_RANK.get(d.level, -1) >= wanted
    ]
    if in_progress:
        when = f", expected {in_progress[0].year}" if in_progress[0].year else ""
        return "not met", f"in progress{when}{equivalent}", in_progress[0].evidence
    if rank < 0:
        return "not met", f"no degree found on the resume{equivalent}", None
    name = next(n for d, n in DEGREE_NAMES.items() if DEGREE_RANK[d] == rank)
    return "not met", f"highest degree found: {name}{equivalent}", evidence


def _highest_degree(
    detection: Detection, background: Background | None
) -> tuple[int, Evidence | None]:
    """The rank of the highest completed degree (-1: none) and where the resume shows it.

    A degree the background reads as in progress does not count, even where the detector
    found its name ("MSc, expected 2026").
    """
    pending = {d.level for d in background.degrees if d.in_progress} if background else set()
    done = {d.level for d in background.degrees if not d.in_progress} if background else set()
    best: tuple[int, Evidence | None] = (-1, None)
    for found in detection.skills:
        rank = DEGREE_RANK.get(found.id, -1)
        counted = found.id in DEGREE_RANK and found.explicit and found.id not in pending - done
        if counted and rank > best[0]:
            best = (rank, found.evidence[0] if found.evidence else None)
    for degree in background.degrees if background else ():
        rank = DEGREE_RANK.get(degree.level, -1)
        if not degree.in_progress and rank > best[0]:
            best = (rank, degree.evidence)
    return best


# --------------------------------------------------------------------------- held or stated


def _certification(
    item: EligibilityRequirement, detection: Detection, lines: Sequence[str]
) -> _Result:
    later = " (the posting allows obtaining it after hiring)" if item.obtainable else ""
    if item.certification is not None:
        for held in detection.certifications:
            if held.id == item.certification:
                return "met", f"{held.name} on the resume", held.evidence
        return "not met", f"not on the resume{later}", None
    # A certification gapcheck does not know: look for its distinctive names in the resume.
    tokens = {t for t in _CERT_TOKEN.findall(item.text) if t not in _NOT_A_CERT_TOKEN}
    for line in lines:
        named = [t for t in tokens if re.search(rf"(?<![\w+]){re.escape(t)}(?![\w+])", line)]
        if named:
            return "met", f"the resume names {named[0]}: {line.strip()[:80]}", None
    return "not stated", f"gapcheck cannot tell whether it is held{later}", None


def _clearance(item: EligibilityRequirement, lines: Sequence[str]) -> _Result:
    wanted = CLEARANCE_LEVELS.index(item.name) if item.name in CLEARANCE_LEVELS else -1
    stated: list[tuple[int, str]] = []
    for line in lines:
        if not _CLEARANCE_CONTEXT.search(line):
            continue
        for match in _CLEARANCE_HELD.finditer(line):
            kind = next(k for k, v in match.groupdict().items() if v)
            name = _CLEARANCE_NAMES.get(kind)
            stated.append((CLEARANCE_LEVELS.index(name) if name else -1, line.strip()))
    if not stated:
        return "not stated", "the resume does not mention a clearance", None
    level, line = max(stated)
    if level >= wanted:
        return "met", f"the resume states: {line[:80]}", None
    if level < 0:
        return "not stated", f"the resume mentions a clearance but not its level: {line[:80]}", None
    return "not met", f"the resume states a lower clearance: {line[:80]}", None


def _authorization(item: EligibilityRequirement, lines: Sequence[str]) -> _Result:
    for line in lines:
        if _NEEDS_SPONSORSHIP.search(line):
            return "not met", f"the resume states: {line.strip()[:80]}", None
    for line in lines:
        if _CITIZEN.search(line):
            return "met", f"the resume states: {line.strip()[:80]}", None
    if item.name != "US citizenship":
        for line in lines:
            if _AUTHORIZED.search(line):
                return "met", f"the resume states: {line.strip()[:80]}", None
    else:
        for line in lines:
            if _PERMANENT_RESIDENT.search(line):
                return "not met", f"the resume states: {line.strip()[:80]}", None
    return "not stated", "the resume does not say", None

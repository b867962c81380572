"""What a posting asks a candidate to hold or be: certifications, a security clearance, US
citizenship or the right to work. Read clause by clause for `eligibility.line_eligibility`.

Clearance and the right to work are also read in boilerplate, where postings often put them,
but only when the words demand them ("must", "required", "unable to sponsor"); equal
opportunity text ("regardless of ... citizenship") never asks for anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gapcheck.records import Detection, EligibilityRequirement

# The level of what a clause asks for at a span of it (items.level_at for that clause).
LevelAt = Callable[[tuple[int, int]], str]

# Clearance levels, lowest first.
CLEARANCE_LEVELS = ("public trust", "confidential", "secret", "top secret", "TS/SCI")
# (The abbreviations only in capitals: "Sci-kit" is no clearance.)
_CLEARANCE = re.compile(
    r"(?P<tssci>(?-i:\bTS\s*/\s*SCI\b|\bTS-SCI\b|\bSCI\b))|(?P<topsecret>\btop[- ]secret\b"
    r"|(?-i:\bTS\b)|\bQ[- ]clearance\b)|(?P<secret>\bsecret\b|\bL[- ]clearance\b)"
    r"|(?P<confidential>\bconfidential clearance\b)|(?P<publictrust>\bpublic trust\b)"
    r"|(?P<any>\bsecurity clearances?\b|\bclearances?\b|\bSSBI\b|\bpolygraph\b)",
    re.IGNORECASE,
)
_CLEARANCE_WORDS = re.compile(r"clearance|(?-i:\bSCI\b)|SSBI|polygraph|\bDoD\b|security", re.I)
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



# --------------------------------------------------------------------------- certifications


def certifications(
    number: int, text: str, detection: Detection, level: LevelAt
) -> list[EligibilityRequirement]:
    """Certifications the clause asks to hold: those the taxonomy knows (found by the
    detector), else one named before the word ("Security+ certification")."""
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
        for held in detection.certifications
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


def clearances(
    number: int, text: str, level: LevelAt, context: str
) -> list[EligibilityRequirement]:
    """The clearance the clause asks for, at the highest level it names; "obtainable" when
    only the ability to obtain one is asked for."""
    if not _CLEARANCE_WORDS.search(text) and len(text.split()) > 4:
        return []  # "Secret" alone counts on a short line under a clearance heading only
    mentions = list(_CLEARANCE.finditer(text))
    if not mentions or (context == "skipped" and not _DEMAND.search(text)):
        return []
    if _NOT_DEMANDED.search(text):
        return []
    leveled = [m for m in mentions if not m.group("any")]
    if not leveled and not _DEMAND.search(text) and not _OBTAIN.search(text):
        return []  # "ineligible for security clearance processing until ...": a note
    obtain = _OBTAIN.search(text)
    held = [m for m in mentions if obtain is None or m.start() < obtain.start()]
    counted = held or mentions
    name = max((_clearance_name(m) for m in counted), key=clearance_rank)
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


def clearance_rank(name: str) -> int:
    """Higher for a higher level; -1 for a clearance of no stated level."""
    return CLEARANCE_LEVELS.index(name) if name in CLEARANCE_LEVELS else -1


def authorizations(
    number: int, text: str, level: LevelAt, context: str
) -> list[EligibilityRequirement]:
    """US citizenship, or the right to work (without sponsorship), where the clause demands
    it."""
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

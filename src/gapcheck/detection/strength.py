"""How strongly one piece of evidence shows a skill, 0..1: one table for every stage.

Used in an experience or project bullet counts most; only listed under Skills less;
an interest or "currently learning" line least. The detector gives each mention its
strength here; the hands-on checklist uses the same rule; the score turns strength into
credit (docs/scoring.md).
"""

from __future__ import annotations

import re

from gapcheck.records import Section

SECTION_STRENGTH: dict[str, float] = {
    "experience": 1.0,
    "projects": 1.0,
    "research": 1.0,
    "publications": 1.0,
    "volunteering": 1.0,
    "summary": 0.8,
    "skills": 0.7,
    "education": 0.6,
    "courses": 0.6,
    "certifications": 0.6,
    "awards": 0.6,
    "languages": 0.6,
    "other": 0.6,
    "interests": 0.3,
    "learning": 0.3,
    "header": 0.3,
}
DEFAULT_STRENGTH = 0.6
PORTFOLIO_STRENGTH = 0.8  # for a portfolio document's summary/header/other sections
PORTFOLIO_PLAIN_KINDS = frozenset({"other", "summary", "header"})
ASPIRATION_STRENGTH = 0.3  # a wish, not a skill: "currently learning", "seeking", interests
# An implied skill (deep learning, implied by PyTorch) gets this share of the implying
# skill's strength; the score never credits implication above it.
IMPLIED_FACTOR = 0.5

# Words before a skill that say it is wished for, not had.
ASPIRATION = re.compile(
    r"\b(?:currently|now)\s+(?:learning|studying|exploring)\b|\b(?:learning|studying)\s*:"
    r"|\binterested\s+in\b|\b(?:want|plan|hope|aim)(?:ing)?\s+to\s+learn\b|\bexploring\b"
    r"|\bseeking\b|\blooking\s+for\b|\bhoping\s+(?:to|for)\b",
    re.IGNORECASE,
)


# Words before a skill that say it is a plan, not held at all: "Next 6 months: CUDA",
# "want to try LoRA", "Learning goals: Rust". Such a mention is no evidence.
PLANNED = re.compile(
    r"\bnext\s+(?:\d+|few|two|three|six|twelve)\s+(?:weeks?|months?|years?)\b"
    r"|\b(?:next|this\s+coming)\s+(?:year|quarter|semester|term)\b"
    r"|\b(?:want(?:s|ed)?|would\s+(?:like|love)|plan(?:s|ning)?|hop(?:e|es|ing)|aim(?:s|ing)?"
    r"|intend(?:s|ing)?|going|eager|keen)\s+to\s+(?:try|learn|explore|study|pick\s+up|get\s+into"
    r"|master|dive\s+into|experiment\s+with|look\s+into|start)\b"
    r"|\b(?:to\s+(?:learn|try|explore)|learning\s+(?:goals?|plan|roadmap)|goals?|roadmap"
    r"|wish\s*list|bucket\s+list|on\s+my\s+list|up\s+next|coming\s+up|future\s+plans?)\s*:",
    re.IGNORECASE,
)


def planned(text: str) -> int | None:
    """Where the words saying a plan end in a line ("want to try X"): the mentions after
    that offset are plans; None for a line that states no plan."""
    found = PLANNED.search(text)
    return found.end() if found is not None else None


def evidence_strength(section: Section, text_before: str) -> float:
    """How convincingly a mention shows a skill: by its section (SECTION_STRENGTH), a
    portfolio's plain text counting as project work, and "currently learning X" or
    "seeking an X role" (words before the mention) counting only as a wish."""
    strength = SECTION_STRENGTH.get(section.kind, DEFAULT_STRENGTH)
    if section.document_role == "portfolio" and section.kind in PORTFOLIO_PLAIN_KINDS:
        strength = PORTFOLIO_STRENGTH
    if ASPIRATION.search(text_before):
        strength = min(strength, ASPIRATION_STRENGTH)
    return strength

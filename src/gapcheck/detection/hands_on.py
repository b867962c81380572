"""The hands-on experience checklist.

The guides agree that an ML engineer is hired on hands-on proof; `hands_on_items` checks
the kinds of proof they name, each present or missing, with the lines that show it. Links
are reported as text found in the documents; nothing is ever fetched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Detection, Evidence, FoundSkill, HandsOnItem, Line, Section
from gapcheck.taxonomy.model import Taxonomy

# --------------------------------------------------------------------------- hands-on


@dataclass(frozen=True)
class HandsOnKind:
    id: str
    name: str
    pattern: re.Pattern[str]
    sections: tuple[str, ...] = ()  # limit to these section kinds; empty: anywhere
    skill_id: str | None = None  # the taxonomy skill that also proves it, when there is one
    # Does a present item give that skill? Not where the skill is a named thing the item
    # is wider than: any hackathon or competition (robotics, quiz, CTF, sports) is a
    # competition, and none of them is Kaggle unless the detector found Kaggle named.
    credits_skill: bool = True


_NUMBER_OUTCOME = re.compile(
    r"(?<![\w.])(?:\d+(?:[.,]\d+)?\s?(?:%|x\b|×|percent\b|k\b|m\b|ms\b|hours?\b|users\b|customers\b)"
    r"|(?:accuracy|auc|f1|precision|recall|rmse|mae|latency|revenue|cost)\b[^.]{0,40}?\d)",
    re.IGNORECASE,
)

HANDS_ON_KINDS: tuple[HandsOnKind, ...] = (
    HandsOnKind(
        "projects_with_outcomes",
        "Projects with measurable outcomes",
        _NUMBER_OUTCOME,
        sections=("projects", "experience", "research"),
        skill_id="projects_portfolio",
    ),
    HandsOnKind(
        "code_links",
        "Links to your code (GitHub, GitLab)",
        re.compile(r"\b(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.-]+", re.IGNORECASE),
        skill_id="github",
    ),
    HandsOnKind(
        "competitions",
        "Kaggle or other competitions",
        re.compile(
            r"\bkaggle\b|\bhackathon|\bcompetition\b|\bdrivendata\b|\bzindi\b", re.IGNORECASE
        ),
        skill_id="kaggle",
        credits_skill=False,
    ),
    HandsOnKind(
        "open_source",
        "Open-source contributions",
        re.compile(
            r"\bopen[- ]source\b"
            r"|\bcontribut(?:or|ed|ions?)\b[^.]{0,40}\b(?:github|library|project|repo)",
            re.IGNORECASE,
        ),
        skill_id="open_source",
    ),
    HandsOnKind(
        "internships",
        "Internships",
        re.compile(r"\bintern(?:ship)?s?\b|\bco-?op\b|\btrainee\b", re.IGNORECASE),
        sections=("experience", "projects", "research", "summary", "education", "other"),
        skill_id="internships",
    ),
    HandsOnKind(
        "publications",
        "Publications, talks or blog posts",
        re.compile(
            r"\bblog(?:\s+posts?)?\b|\bmedium\.com\b|\barxiv\b|\bproceedings\b"
            r"|\b(?:conference|journal|workshop)\s+(?:paper|talk|article|publication)s?\b"
            r"|\bpublished\s+(?:a|an|in|on|at|two|three|\d+)\b|\bco-?authored\b|\bpeer-reviewed\b",
            re.IGNORECASE,
        ),
        sections=(
            "publications",
            "projects",
            "experience",
            "research",
            "summary",
            "awards",
            "other",
        ),
        skill_id="publications",
    ),
)


def _evidence(section: Section, line: Line, match: re.Match[str]) -> Evidence:
    return Evidence(
        snippet=line.text,
        matched=match.group(0),
        start=match.start(),
        end=match.end(),
        page=line.page,
        line=line.number,
        section=section.kind,
        heading=section.heading,
        document=section.document,
        method="rule",
        strength=evidence_strength(section, line.text[: match.start()]),
    )


def _scan(
    kind: HandsOnKind, sections: Sequence[Section], texts: Sequence[str], limit: int = 3
) -> tuple[Evidence, ...]:
    """Up to `limit` lines proving `kind`; `texts[i]` is section i's lines joined by newlines.

    A section whose joined text has no match is skipped whole: the patterns have no
    anchors and treat a newline like the edge of a line, so a line can only match if its
    section's text does (one regex search per section instead of one per line).
    """
    found: list[Evidence] = []
    for section, text in zip(sections, texts, strict=True):
        if kind.sections and section.kind not in kind.sections:
            continue
        if not kind.pattern.search(text):
            continue
        for line in section.lines:
            match = kind.pattern.search(line.text)
            if match:
                found.append(_evidence(section, line, match))
                if len(found) >= limit:
                    return tuple(found)
    return tuple(found)


def hands_on_items(
    sections: Sequence[Section], detection: Detection, taxonomy: Taxonomy
) -> tuple[HandsOnItem, ...]:
    """Each kind of hands-on proof the guides ask for, present or missing, with evidence."""
    detected = {skill.id: skill for skill in detection.skills if skill.explicit}
    known_ids = {skill.id for skill in taxonomy.skills}
    texts = ["\n".join(line.text for line in section.lines) for section in sections]
    items: list[HandsOnItem] = []
    for kind in HANDS_ON_KINDS:
        evidence = _scan(kind, sections, texts)
        if not evidence and kind.skill_id in known_ids and kind.skill_id in detected:
            evidence = detected[kind.skill_id].evidence[:3]
        items.append(
            HandsOnItem(id=kind.id, name=kind.name, present=bool(evidence), evidence=evidence)
        )
    return tuple(items)


def with_hands_on_skills(
    detection: Detection,
    items: Sequence[HandsOnItem],
    sections: Sequence[Section],
    taxonomy: Taxonomy,
) -> Detection:
    """Let hands-on proof count in the score where the taxonomy has a skill for it.

    A present checklist item whose taxonomy skill the detector did not find explicitly
    becomes that skill, with the item's evidence (method "rule"), so a project with a
    measured outcome closes the "projects" gap just as naming it would. An item never
    becomes a narrower, named skill (`credits_skill`): a hackathon is not Kaggle.
    """
    kinds = {kind.id: kind for kind in HANDS_ON_KINDS}
    skills = {skill.id: skill for skill in taxonomy.skills}
    found = {skill.id: skill for skill in detection.skills}
    roles = {section.document: section.document_role for section in sections}
    added: list[FoundSkill] = []
    for item in items:
        kind = kinds.get(item.id)
        skill_id = kind.skill_id if kind is not None and kind.credits_skill else None
        if not item.present or skill_id is None or skill_id not in skills:
            continue
        if skill_id in found and found[skill_id].explicit:
            continue
        documents = tuple(dict.fromkeys(e.document for e in item.evidence))
        skill = skills[skill_id]
        added.append(
            FoundSkill(
                id=skill.id,
                name=skill.name,
                category=skill.category,
                explicit=True,
                strength=max(e.strength for e in item.evidence),
                evidence=item.evidence,
                documents=documents,
                portfolio_only=all(roles.get(d) == "portfolio" for d in documents),
                aliases=skill.aliases,
            )
        )
    if not added:
        return detection
    replaced = {skill.id for skill in added}
    order = {category: index for index, category in enumerate(taxonomy.categories)}
    merged = [s for s in detection.skills if s.id not in replaced] + added
    merged.sort(key=lambda s: (order.get(s.category, len(order)), s.name.casefold(), s.id))
    return Detection(skills=tuple(merged), certifications=detection.certifications)

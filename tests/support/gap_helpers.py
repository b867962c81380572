"""Hand-made detections and a plain name matcher for the scoring, job and profile tests.

The tests build Detection records by hand so that they pin the scoring stages alone,
whatever the detector does; `name_finder` stands in for the detector where a test only
needs "which taxonomy names appear in this text".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gapcheck.records import Detection, Evidence, FoundSkill, HeldCertification
from gapcheck.taxonomy.loading import load
from gapcheck.taxonomy.model import Taxonomy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# Evidence strengths as the detector gives them (see docs/scoring.md).
USED = 1.0
LISTED = 0.7
IMPLIED = 0.5


def mini_taxonomy() -> Taxonomy:
    return load(FIXTURES / "mini_taxonomy.yaml")


def evidence(
    text: str = "x",
    *,
    section: str = "experience",
    heading: str = "Experience",
    strength: float = USED,
    method: str = "exact",
    via: str | None = None,
    line: int = 1,
    document: str = "resume.pdf",
) -> Evidence:
    return Evidence(
        snippet=text,
        matched=text,
        start=0,
        end=len(text),
        page=1,
        line=line,
        section=section,
        heading=heading,
        document=document,
        method=method,
        strength=strength,
        via=via,
    )


def found(
    taxonomy: Taxonomy,
    skill_id: str,
    strength: float = USED,
    *,
    section: str = "experience",
    heading: str = "Experience",
    via: str | None = None,
    method: str = "exact",
    portfolio_only: bool = False,
) -> FoundSkill:
    """A found skill: explicit unless `via` names the skill that implies it."""
    skill = taxonomy.skill(skill_id)
    return FoundSkill(
        id=skill.id,
        name=skill.name,
        category=skill.category,
        explicit=via is None,
        strength=strength,
        evidence=(
            evidence(
                skill.name,
                section=section,
                heading=heading,
                strength=strength,
                method="implied" if via else method,
                via=via,
            ),
        ),
        documents=("site.html",) if portfolio_only else ("resume.pdf",),
        portfolio_only=portfolio_only,
    )


def detection(
    taxonomy: Taxonomy, *skills: FoundSkill | str, held: tuple[str, ...] = ()
) -> Detection:
    """A detection from found skills (a bare id means: used in experience)."""
    return Detection(
        skills=tuple(found(taxonomy, s) if isinstance(s, str) else s for s in skills),
        certifications=tuple(held_certification(taxonomy, cert_id) for cert_id in held),
    )


def held_certification(taxonomy: Taxonomy, cert_id: str) -> HeldCertification:
    cert = taxonomy.certification(cert_id)
    return HeldCertification(
        id=cert.id,
        name=cert.name,
        status=cert.status,
        successor=None,
        evidence=evidence(cert.name, section="certifications", heading="Certifications"),
    )


def name_finder(taxonomy: Taxonomy) -> Callable[[str], Detection]:
    """Finds a skill wherever its name, an alias or a narrower term stands as whole words."""
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for skill in taxonomy.skills:
        for term in (skill.name, *skill.aliases, *skill.narrower):
            flags = 0 if len(term) <= 3 else re.IGNORECASE  # "DL", "ML" only in capitals
            patterns.append((skill.id, re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", flags)))

    def find(text: str) -> Detection:
        hits: dict[str, Evidence] = {}
        for skill_id, pattern in patterns:
            match = pattern.search(text)
            if match and (skill_id not in hits or match.start() < hits[skill_id].start):
                hits[skill_id] = Evidence(
                    snippet=text,
                    matched=match.group(0),
                    start=match.start(),
                    end=match.end(),
                    page=1,
                    line=1,
                    section="text",
                    heading="",
                    document="text",
                    method="exact",
                    strength=USED,
                )
        skills = []
        for skill_id, hit in sorted(hits.items()):
            skill = taxonomy.skill(skill_id)
            skills.append(
                FoundSkill(
                    id=skill.id,
                    name=skill.name,
                    category=skill.category,
                    explicit=True,
                    strength=USED,
                    evidence=(hit,),
                )
            )
        return Detection(skills=tuple(skills))

    return find

"""The resume against one job posting: what it misses, and a score weighted by the posting.

The score against a posting weighs a required skill REQUIRED_WEIGHT and a preferred one
PREFERRED_WEIGHT, each divided among the members of its group of alternatives, with the
posting bands and full coverage as the target (docs/scoring.md).

Degrees count by rank: a higher degree meets a lower requirement (a PhD meets "Master's
degree", and "BS/MS/PhD" is met by a bachelor's). They are eligibility, not skills to learn:
they are in the requirements and the eligibility checks, never in the missing lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gapcheck.postings.eligibility import DEGREE_IDS, DEGREE_RANK
from gapcheck.postings.parse import Posting, PostingGroup
from gapcheck.records import Background, Detection, JobGap, PostingRequirement, Target
from gapcheck.scoring.eligibility import check_eligibility
from gapcheck.scoring.score import (
    POSTING_BANDS,
    build_score,
    credits_by_skill,
    skill_name,
    skills_by_id,
)
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.model import Skill, Taxonomy

REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0


def posting_gap(
    posting: Posting,
    detection: Detection,
    taxonomy: Taxonomy,
    target: Target,
    background: Background | None = None,
    *,
    years_total: float | None = None,
    resume_lines: Sequence[str] = (),
) -> JobGap:
    """The resume against one posting: what it misses, and a score weighted by the posting.

    A posting skill's credit is the best credit among its group (so "Java, Python or C++"
    is met by Python). Missing skills are listed by their weight for the target role
    (descending), then in posting order. `background`, `years_total` and `resume_lines`
    (the resume's text) feed the eligibility checks (scoring/eligibility.py); the background's
    completed degrees also meet degree requirements.
    """
    credits = with_degree_ranks(credits_by_skill(detection), background)
    group_credit = {
        s.id: max(credits.get(member, 0.0) for member in s.group) for s in posting.skills
    }
    weights = {
        s.id: round((REQUIRED_WEIGHT if s.level == "required" else PREFERRED_WEIGHT) * s.share, 4)
        for s in posting.skills
    }
    role = role_weights(taxonomy, target.role, target.level)
    order = {s.id: i for i, s in enumerate(posting.skills)}

    def learnable(level: str) -> tuple[str, ...]:
        return tuple(s.id for s in posting.skills if s.level == level and s.id not in DEGREE_IDS)

    def missing(level: str) -> tuple[str, ...]:
        ids = [i for i in learnable(level) if group_credit[i] <= 0.0]
        return tuple(sorted(ids, key=lambda i: (-role.get(i, 0.0), order[i])))

    by_id = skills_by_id(taxonomy)
    requirements = tuple(
        _requirement(group, credits, by_id)
        for group in sorted(posting.requirements, key=lambda g: g.line)
    )

    def count(level: str, met: bool | None = None) -> int:
        return sum(1 for r in requirements if r.level == level and met in (None, r.met))

    return JobGap(
        source=posting.source,
        title=posting.title or posting.source,
        required=learnable("required"),
        preferred=learnable("preferred"),
        missing_required=missing("required"),
        missing_preferred=missing("preferred"),
        score=build_score(weights, group_credit, taxonomy, POSTING_BANDS),
        requirements=requirements,
        required_met=count("required", True),
        required_total=count("required"),
        preferred_met=count("preferred", True),
        preferred_total=count("preferred"),
        eligibility=check_eligibility(
            posting, detection, background, years_total, resume_lines=resume_lines
        ),
    )


def with_degree_ranks(
    credits: Mapping[str, float], background: Background | None
) -> dict[str, float]:
    """Credits where every degree also credits the lower ones (a PhD meets "Master's"), and
    the background's completed degrees count in full."""
    held = {d: credits[d] for d in DEGREE_IDS if credits.get(d, 0.0) > 0.0}
    for degree in background.degrees if background else ():
        if not degree.in_progress and degree.level in DEGREE_IDS:
            held[degree.level] = 1.0
    ranked = dict(credits)
    for lower in DEGREE_IDS:
        higher = [c for d, c in held.items() if DEGREE_RANK[d] >= DEGREE_RANK[lower]]
        if higher:
            ranked[lower] = max(higher)
    return ranked


def _requirement(
    group: PostingGroup, credits: Mapping[str, float], by_id: Mapping[str, Skill]
) -> PostingRequirement:
    met_by = max(group.ids, key=lambda i: credits.get(i, 0.0))
    met = credits.get(met_by, 0.0) > 0.0
    if met and group.kind == "degree":  # name the degree held, which may be a higher one
        held = [d for d in DEGREE_IDS if credits.get(d, 0.0) > 0.0]
        met_by = max(held, key=DEGREE_RANK.__getitem__)
    return PostingRequirement(
        ids=group.ids,
        names=tuple(skill_name(by_id, i) for i in group.ids),
        level=group.level,
        met=met,
        met_by=met_by if met else None,
        line=group.line,
        text=group.text,
        kind=group.kind,
        example_of=group.example_of,
    )

"""Near misses: expected skills the resume shows, but too weakly to earn full credit.

Skills with some credit but less than NEAR_MISS_BELOW are "near misses": a small change
to the resume would make them count fully. Each says why its credit is partial (the
evidence it rests on) and what to change, with the points full credit would add.
"""

from __future__ import annotations

from collections.abc import Mapping

from gapcheck.detection.strength import ASPIRATION_STRENGTH
from gapcheck.records import Detection, Evidence, FoundSkill, NearMiss, Target
from gapcheck.scoring.score import (
    ROLE_COVERAGE_TARGET,
    category_sums,
    credits_by_skill,
    score_items,
    skill_category,
    skill_credit,
    skill_name,
    skills_by_id,
)
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.model import Skill, Taxonomy

# Below this credit a found skill is reported as a near miss (a skills-list entry, 0.7,
# is one; a skill used in experience or projects is not).
NEAR_MISS_BELOW = 0.8


def near_misses(detection: Detection, taxonomy: Taxonomy, target: Target) -> tuple[NearMiss, ...]:
    """Expected skills with some credit but less than NEAR_MISS_BELOW, biggest win first.

    Order: points still to gain (weight x (1 - credit)), descending, then skill id.
    """
    weights = role_weights(taxonomy, target.role, target.level)
    best: dict[str, FoundSkill] = {}
    for found in detection.skills:
        if found.id in weights and (
            found.id not in best or skill_credit(found) > skill_credit(best[found.id])
        ):
            best[found.id] = found
    by_id = skills_by_id(taxonomy)
    found_by_id = {f.id: f for f in detection.skills}
    credits = credits_by_skill(detection)
    sums = category_sums(score_items(weights, credits, taxonomy))
    possible = sum(weights.values())
    misses: list[tuple[float, NearMiss]] = []
    for skill_id, found in best.items():
        credit = credits[skill_id]
        if not 0.0 < credit < NEAR_MISS_BELOW:
            continue
        to_gain = weights[skill_id] * (1.0 - credit)
        why, advice = _why_partial(found, by_id, found_by_id)
        # What full credit would add to the score, with the category cap applied.
        earned_c, possible_c = sums[skill_category(by_id, skill_id)]
        cap = ROLE_COVERAGE_TARGET * possible_c
        gain = (min(earned_c + to_gain, cap) - min(earned_c, cap)) / ROLE_COVERAGE_TARGET
        points = 100.0 * gain / possible if possible > 0 else 0.0
        more = (
            f"up to {points:.1f} more points"
            if points >= 0.05
            else "its category already counts as covered, but the evidence still helps a reader"
        )
        misses.append(
            (
                to_gain,
                NearMiss(
                    skill_id=skill_id,
                    name=skill_name(by_id, skill_id),
                    credit=credit,
                    why_partial=why,
                    advice=f"{advice} ({more})",
                ),
            )
        )
    misses.sort(key=lambda pair: (-pair[0], pair[1].skill_id))
    return tuple(miss for _, miss in misses)


# Why a skill's best evidence is weak, by the section it stands in: the detector's section
# kinds first, else words of the heading (for kinds this list does not know).
_PARTIAL_BY_KIND: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("interest", "learning", "hobb"),
        "only mentioned as an interest or something you are learning ('{heading}')",
        "Build a small project with {name} and list it with what it achieved",
    ),
    (
        ("education", "course", "training", "academic"),
        "only in coursework or education ('{heading}')",
        "Show {name} in a project or job bullet with a result, not only as a course",
    ),
    (
        ("certification",),
        "only named with a certification ('{heading}')",
        "Show {name} in a project or job bullet, not only through the certificate",
    ),
    (
        ("skill", "technolog", "tools", "competenc", "expertise"),
        "only listed under '{heading}'",
        "Add a bullet to your experience or projects showing where you used {name}",
    ),
    (
        ("summary", "profile", "objective", "about"),
        "only claimed in your summary ('{heading}')",
        "Back it with an experience or project bullet showing where you used {name}",
    ),
)


def _named_roots(skill_id: str, found_by_id: Mapping[str, FoundSkill]) -> set[str]:
    """The skills the resume names that imply `skill_id`, following chains of implication
    (Git -> best practices -> software engineering gives Git)."""
    roots: set[str] = set()
    seen: set[str] = set()
    pending = [skill_id]
    while pending:
        current = found_by_id.get(pending.pop())
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        for via in {e.via for e in current.evidence if e.via}:
            implying = found_by_id.get(via)
            if implying is not None and implying.explicit:
                roots.add(via)
            else:
                pending.append(via)
    return roots


def _why_partial(
    found: FoundSkill, by_id: Mapping[str, Skill], found_by_id: Mapping[str, FoundSkill]
) -> tuple[str, str]:
    """Why a found skill earns only part of its weight, and the change that fixes it."""
    name = by_id[found.id].name if found.id in by_id else found.name
    strongest = _strongest_evidence(found.evidence)
    # Credit resting on implication (a weak mention may exist, but implication beat it).
    if not found.explicit or (strongest is not None and strongest.method == "implied"):
        via_ids = sorted(_named_roots(found.id, found_by_id))
        via_names = [
            found_by_id[v].name if v in found_by_id else skill_name(by_id, v) for v in via_ids
        ]
        via = " and ".join(via_names) if via_names else "another skill"
        how = "never named" if not found.explicit else "named only in passing"
        return (
            f"implied by {via}, {how}",
            f"Name {name} where you used it: add it to the bullet describing your {via} work",
        )
    if found.portfolio_only:
        where = ", ".join(found.documents) if found.documents else "your portfolio"
        return (
            f"shown only in portfolio material ({where}), not on the resume",
            f"Add a bullet to your resume showing where you used {name}",
        )
    evidence = strongest
    if evidence is None:
        return ("weak evidence", f"Add a bullet showing where you used {name}")
    if evidence.method == "fuzzy":
        return (
            f"matched only approximately ('{evidence.matched}')",
            f"Spell it '{name}' so that readers and screening software find it",
        )
    heading = evidence.heading.strip() or evidence.section
    section = evidence.section.lower()
    if evidence.strength <= ASPIRATION_STRENGTH and section != "header":
        matches = [_PARTIAL_BY_KIND[0]]
    else:
        matches = [e for e in _PARTIAL_BY_KIND if any(w in section for w in e[0])] or [
            e for e in _PARTIAL_BY_KIND if any(w in heading.lower() for w in e[0])
        ]
    if matches:
        _, why, advice = matches[0]
        return why.format(heading=heading, name=name), advice.format(heading=heading, name=name)
    return (
        f"only weak evidence ('{heading}')",
        f"Add a bullet to your experience or projects showing where you used {name}",
    )


def _strongest_evidence(evidence: tuple[Evidence, ...]) -> Evidence | None:
    """The evidence the credit rests on; the earliest line wins a tie."""
    if not evidence:
        return None
    return min(evidence, key=lambda e: (-e.strength, e.document, e.line, e.start))

"""Ranked gaps: the missing skills, learn-first, each with a reason about this person.

Gaps are ranked by weight, then reordered so that a missing prerequisite always comes
before the skills that build on it. A gap's reason says why it ranks where it does: the
guides that name it, their emphasis, what it blocks, the role's and level's factors and
its share of the role's weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gapcheck.records import (
    Background,
    Detection,
    Gap,
    GapSource,
    JobGap,
    ShownByEvidence,
    Target,
)
from gapcheck.scoring.score import (
    SHOWN_BY_EVIDENCE_CREDIT,
    credits_by_skill,
    skill_category,
    skill_name,
    skills_by_id,
)
from gapcheck.taxonomy.demand import demand_phrase
from gapcheck.taxonomy.knowledge import derived, role_weights
from gapcheck.taxonomy.model import EMPHASIS_VALUES, Skill, Taxonomy

# Emphasis words worth naming in a reason ("called essential by 2"); weaker ones are not.
NOTABLE_EMPHASIS = 2.0
# How many blocked skills a reason names before it says "and N more".
NAMED_IN_REASON = 3


def rank_gaps(
    detection: Detection,
    taxonomy: Taxonomy,
    target: Target,
    *,
    background: Background | None = None,
    posting: JobGap | None = None,
) -> tuple[Gap, ...]:
    """Every missing skill, "learn" gaps first in learn-first order, then "show" gaps.

    Learn order: with a posting, its missing required skills (in the posting gap's order),
    then its missing preferred ones, then the role's; the role's part is ordered by weight
    (descending), roadmap stage (taxonomy.stages order) and id, and each skill is preceded
    by its own missing (transitive) prerequisites, so a prerequisite never ranks below a
    skill that builds on it. A skill the person evidently has without naming it (a degree,
    a title, papers: `background.shown`) is never a learn gap: it is a "show" gap, ranked
    after the learn gaps by the same base order.
    """
    weights = role_weights(taxonomy, target.role, target.level)
    credits = credits_by_skill(detection)
    facts = _gap_facts(taxonomy, target)
    by_id = skills_by_id(taxonomy)
    shown = {s.skill_id: s for s in (background.shown if background is not None else ())}
    role_missing = {skill_id for skill_id in weights if credits.get(skill_id, 0.0) <= 0.0}

    def base_key(skill_id: str) -> tuple[float, int, str]:
        stage = _stage_index(facts, by_id, taxonomy, skill_id)
        return (-weights.get(skill_id, 0.0), stage, skill_id)

    sources: dict[str, GapSource] = {}
    learn: list[str] = []
    if posting is not None:
        asked: tuple[tuple[GapSource, tuple[str, ...]], ...] = (
            ("posting-required", posting.missing_required),
            ("posting-preferred", posting.missing_preferred),
        )
        for source, ids in asked:
            for skill_id in ids:
                if skill_id not in sources and skill_id not in shown and skill_id in by_id:
                    sources[skill_id] = source
                    learn.append(skill_id)
    role_part = {s for s in role_missing if s not in shown and s not in sources}
    prerequisites = {s: facts[s].prerequisites & role_part for s in role_part}
    placed: set[str] = set()

    def place(skill_id: str) -> None:
        if skill_id in placed:
            return
        placed.add(skill_id)  # before recursing, so a cycle in `requires` cannot loop
        for prerequisite in sorted(prerequisites[skill_id], key=base_key):
            place(prerequisite)
        learn.append(skill_id)
        sources[skill_id] = "role"

    for skill_id in sorted(role_part, key=base_key):
        place(skill_id)
    show = sorted(
        (s for s in shown if (s in weights or s in sources) and credits.get(s, 0.0) <= 0.0),
        key=base_key,
    )

    possible = sum(weights.values())
    blocked_by: dict[str, list[str]] = {skill_id: [] for skill_id in learn}
    for skill_id in learn:  # in rank order, so each list is in rank order too
        for prerequisite in prerequisites.get(skill_id, ()):
            blocked_by[prerequisite].append(skill_id)
    found_by_category = _found_names_by_category(detection)
    gaps: list[Gap] = []
    for rank, skill_id in enumerate([*learn, *show], start=1):
        evidence = shown.get(skill_id) if rank > len(learn) else None
        skill_facts = facts.get(skill_id) or _facts_for(skill_id, taxonomy, target)
        blocks = tuple(blocked_by.get(skill_id, ()))
        weight = weights.get(skill_id, 0.0)
        general = _reason(
            skill_facts,
            share=weight / possible if possible > 0 and weight > 0 else None,
            blocked_names=tuple(facts[s].name for s in blocks),
        )
        personal = _personal_reason(
            skill_facts, sources.get(skill_id, "role"), evidence, found_by_category
        )
        gaps.append(
            Gap(
                rank=rank,
                skill_id=skill_id,
                name=skill_facts.name,
                category=skill_facts.category,
                stage=skill_facts.stage,
                weight=weight,
                credit=SHOWN_BY_EVIDENCE_CREDIT if evidence is not None else 0.0,
                reason=f"{personal} {general}",
                hint=_show_hint(skill_facts.name, evidence) if evidence else skill_facts.hint,
                named_by=skill_facts.named_by,
                emphasis=skill_facts.emphasis,
                blocks=blocks,
                action="show" if evidence is not None else "learn",
                shown_by=evidence,
                source=sources.get(skill_id, "role"),
            )
        )
    return tuple(gaps)


def learn_gaps(gaps: tuple[Gap, ...]) -> tuple[Gap, ...]:
    """The gaps to study, in rank order (the others are "show": name what you know)."""
    return tuple(g for g in gaps if g.action == "learn")


def _stage_index(
    facts: Mapping[str, _GapFacts], by_id: Mapping[str, Skill], taxonomy: Taxonomy, skill_id: str
) -> int:
    if skill_id in facts:
        return facts[skill_id].stage_index
    stages = list(taxonomy.stages)
    stage = by_id[skill_id].stage if skill_id in by_id else ""
    return stages.index(stage) if stage in stages else len(stages)


def _found_names_by_category(detection: Detection) -> dict[str, list[str]]:
    """Names of the skills the resume names, per category, strongest evidence first."""
    found: dict[str, list[str]] = {}
    for skill in sorted(detection.skills, key=lambda s: (-s.strength, s.name)):
        if skill.explicit:
            found.setdefault(skill.category, []).append(skill.name)
    return found


def _personal_reason(
    facts: _GapFacts,
    source: str,
    evidence: ShownByEvidence | None,
    found_by_category: Mapping[str, list[str]],
) -> str:
    """What this person's documents show about the skill: the evidence found or missing."""
    if evidence is not None:
        return (
            f"You evidently know it ({evidence.because}), but the resume never names it; "
            "a reader or a screening system looking for the word will not find it."
        )
    if source == "posting-required":
        asked = "The posting requires it and your resume does not show it."
    elif source == "posting-preferred":
        asked = "The posting prefers it and your resume does not show it."
    else:
        asked = "Your resume and portfolio never name it."
    near = found_by_category.get(facts.category, [])
    if near:
        shown = ", ".join(near[:NAMED_IN_REASON])
        return f"{asked} Nearby you show {shown}."
    return f"{asked} Nothing in this area is shown yet."


def _show_hint(name: str, evidence: ShownByEvidence) -> str:
    return (
        f"Name {name} in your Skills section, or on the line of your {evidence.because} "
        "that proves it; no course needed."
    )


@dataclass(frozen=True)
class _GapFacts:
    """What a gap says about a skill that is the same for every resume (for one role and
    level): worked out once per taxonomy, role and level, not once per resume."""

    name: str
    category: str
    stage: str
    stage_index: int
    prerequisites: frozenset[str]
    hint: str
    named_by: tuple[str, ...]
    emphasis: str
    fixed_reasons: tuple[str, ...]  # guides and emphasis phrases, the start of every reason
    factor_reasons: tuple[str, ...]  # role and level factor phrases, near the end


def _gap_facts(taxonomy: Taxonomy, target: Target) -> Mapping[str, _GapFacts]:
    return derived(
        taxonomy,
        "gap_facts",
        (target.role, target.level),
        lambda: _compute_gap_facts(taxonomy, target),
    )


def _facts_for(skill_id: str, taxonomy: Taxonomy, target: Target) -> _GapFacts:
    """The facts of one skill the role does not weigh (only a posting asks for it)."""
    return derived(
        taxonomy,
        "gap_facts_unweighted",
        (target.role, target.level, skill_id),
        lambda: _compute_gap_facts(taxonomy, target, (skill_id,))[skill_id],
    )


def _compute_gap_facts(
    taxonomy: Taxonomy, target: Target, skill_ids: Iterable[str] | None = None
) -> dict[str, _GapFacts]:
    by_id = skills_by_id(taxonomy)
    stage_index = {stage: i for i, stage in enumerate(taxonomy.stages)}
    role = taxonomy.role(target.role)
    facts: dict[str, _GapFacts] = {}
    ids = skill_ids if skill_ids is not None else role_weights(taxonomy, target.role, target.level)
    for skill_id in ids:
        skill = by_id.get(skill_id)
        category = skill_category(by_id, skill_id)
        stage = skill.stage if skill else ""
        role_factor = _role_factor(taxonomy, target, category, skill_id)
        level_factor = _level_factor(taxonomy, target, category, skill_id)
        fixed = [_guides_phrase(skill, taxonomy)]
        emphasis_phrase = _emphasis_phrase(skill)
        if emphasis_phrase:
            fixed.append(emphasis_phrase)
        asked = demand_phrase(taxonomy, skill_id, target.role)  # employers, beside the guides
        if asked:
            fixed.append(asked)
        factors: list[str] = []
        if role_factor > 1.0:
            factors.append(f"counts extra for a {role.name}")
        elif role_factor < 1.0:
            factors.append(f"counts less for a {role.name}")
        if level_factor > 1.0:
            factors.append(f"weighs more for {target.level} roles")
        elif level_factor < 1.0:
            factors.append(f"weighs less for {target.level} roles")
        facts[skill_id] = _GapFacts(
            name=skill_name(by_id, skill_id),
            category=category,
            stage=stage,
            stage_index=stage_index.get(stage, len(stage_index)),
            prerequisites=frozenset(_prerequisites(skill_id, by_id)),
            hint=_hint(skill, skill_name(by_id, skill_id)),
            named_by=tuple(p.guide for p in skill.provenance) if skill else (),
            emphasis=_strongest_emphasis(skill),
            fixed_reasons=tuple(fixed),
            factor_reasons=tuple(factors),
        )
    return facts


def _prerequisites(skill_id: str, by_id: Mapping[str, Skill]) -> set[str]:
    """All skills `skill_id` requires, directly or through other skills (present or not)."""
    seen: set[str] = set()
    stack = list(by_id[skill_id].requires) if skill_id in by_id else []
    while stack:
        current = stack.pop()
        if current in seen or current == skill_id:
            continue
        seen.add(current)
        if current in by_id:
            stack.extend(by_id[current].requires)
    return seen


def _reason(facts: _GapFacts, share: float | None, blocked_names: tuple[str, ...]) -> str:
    """Why a gap ranks where it does: guides, emphasis, what it blocks, factors, weight share."""
    parts = list(facts.fixed_reasons)
    if blocked_names:
        count = len(blocked_names)
        shown = ", ".join(blocked_names[:NAMED_IN_REASON])
        more = f" and {count - NAMED_IN_REASON} more" if count > NAMED_IN_REASON else ""
        noun = "skill" if count == 1 else "skills"
        parts.append(f"prerequisite of {count} other {noun} you lack ({shown}{more})")
    parts.extend(facts.factor_reasons)
    if share is not None:
        parts.append(f"{100.0 * share:.1f}% of the role's weight")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _guides_phrase(skill: Skill | None, taxonomy: Taxonomy) -> str:
    guide_ids = [p.guide for p in skill.provenance] if skill else []
    total = len(taxonomy.guides)
    if not guide_ids:
        return "expected by this role's profile, though no guide names it"
    if len(guide_ids) == total and total == 2:
        return "named by both guides"
    if len(guide_ids) == total and total > 2:
        return f"named by all {_number_word(total)} guides"
    if len(guide_ids) == 1:
        titles = {g.id: g.title for g in taxonomy.guides}
        return f"named by one guide ({_short_title(titles.get(guide_ids[0], guide_ids[0]))})"
    return f"named by {_number_word(len(guide_ids))} of {_number_word(total)} guides"


def _short_title(title: str, limit: int = 48) -> str:
    """A long guide title cut to its first clause, or to whole words, for a one-line reason."""
    if len(title) <= limit:
        return title
    head = re.split(r",|:| - | \| ", title, maxsplit=1)[0].strip()
    if 12 <= len(head) <= limit:
        return head
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _emphasis_phrase(skill: Skill | None) -> str:
    """ "called essential by 2 and important by 1": only the emphasis words that stand out."""
    if skill is None:
        return ""
    counts: dict[str, int] = {}
    for provenance in skill.provenance:
        if EMPHASIS_VALUES.get(provenance.emphasis, 1.0) >= NOTABLE_EMPHASIS:
            counts[provenance.emphasis] = counts.get(provenance.emphasis, 0) + 1
    if not counts:
        return ""
    ordered = sorted(counts, key=lambda word: (-EMPHASIS_VALUES[word], word))
    return "called " + " and ".join(f"{word} by {counts[word]}" for word in ordered)


def _strongest_emphasis(skill: Skill | None) -> str:
    if skill is None or not skill.provenance:
        return "named"
    return max(
        (p.emphasis for p in skill.provenance),
        key=lambda word: (EMPHASIS_VALUES.get(word, 1.0), word),
    )


def _role_factor(taxonomy: Taxonomy, target: Target, category: str, skill_id: str) -> float:
    role = taxonomy.role(target.role)
    return role.category_factors.get(category, 1.0) * role.skill_factors.get(skill_id, 1.0)


def _level_factor(taxonomy: Taxonomy, target: Target, category: str, skill_id: str) -> float:
    role = taxonomy.role(target.role)
    return role.level_category_factors.get(target.level, {}).get(
        category, 1.0
    ) * role.level_skill_factors.get(target.level, {}).get(skill_id, 1.0)


def _hint(skill: Skill | None, name: str) -> str:
    if skill is not None and skill.hint:
        return skill.hint
    return f"Learn {name} through a small project and describe that project on your resume."


def _number_word(number: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return words[number] if 0 <= number < len(words) else str(number)

"""Ranked gaps: the expected skills with no credit at all, learn-first, each with its reason.

Gaps are ranked by weight, then reordered so that a missing prerequisite always comes
before the skills that build on it. A gap's reason says why it ranks where it does: the
guides that name it, their emphasis, what it blocks, the role's and level's factors and
its share of the role's weight.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from gapcheck.records import Detection, Gap, Target
from gapcheck.scoring.score import credits_by_skill, skill_category, skill_name, skills_by_id
from gapcheck.taxonomy.knowledge import derived, role_weights
from gapcheck.taxonomy.model import EMPHASIS_VALUES, Skill, Taxonomy

# Emphasis words worth naming in a reason ("called essential by 2"); weaker ones are not.
NOTABLE_EMPHASIS = 2.0
# How many blocked skills a reason names before it says "and N more".
NAMED_IN_REASON = 3


def rank_gaps(detection: Detection, taxonomy: Taxonomy, target: Target) -> tuple[Gap, ...]:
    """Every expected skill with no credit, learn-first order, each with its reason.

    Base order: weight (descending), then roadmap stage (taxonomy.stages order), then id.
    Walking that order, each skill is preceded by its own missing (transitive)
    prerequisites, themselves in base order, so a prerequisite never ranks below a skill
    that builds on it.
    """
    weights = role_weights(taxonomy, target.role, target.level)
    credits = credits_by_skill(detection)
    missing = {skill_id for skill_id in weights if credits.get(skill_id, 0.0) <= 0.0}
    facts = _gap_facts(taxonomy, target)

    def base_key(skill_id: str) -> tuple[float, int, str]:
        return (-weights[skill_id], facts[skill_id].stage_index, skill_id)

    prerequisites = {skill_id: facts[skill_id].prerequisites & missing for skill_id in missing}
    ordered: list[str] = []
    placed: set[str] = set()

    def place(skill_id: str) -> None:
        if skill_id in placed:
            return
        placed.add(skill_id)  # before recursing, so a cycle in `requires` cannot loop
        for prerequisite in sorted(prerequisites[skill_id], key=base_key):
            place(prerequisite)
        ordered.append(skill_id)

    for skill_id in sorted(missing, key=base_key):
        place(skill_id)

    possible = sum(weights.values())
    blocked_by: dict[str, list[str]] = {skill_id: [] for skill_id in ordered}
    for skill_id in ordered:  # in rank order, so each list is in rank order too
        for prerequisite in prerequisites[skill_id]:
            blocked_by[prerequisite].append(skill_id)
    gaps: list[Gap] = []
    for rank, skill_id in enumerate(ordered, start=1):
        blocks = tuple(blocked_by[skill_id])
        skill_facts = facts[skill_id]
        gaps.append(
            Gap(
                rank=rank,
                skill_id=skill_id,
                name=skill_facts.name,
                category=skill_facts.category,
                stage=skill_facts.stage,
                weight=weights[skill_id],
                credit=0.0,
                reason=_reason(
                    skill_facts,
                    share=weights[skill_id] / possible if possible > 0 else None,
                    blocked_names=tuple(facts[s].name for s in blocks),
                ),
                hint=skill_facts.hint,
                named_by=skill_facts.named_by,
                emphasis=skill_facts.emphasis,
                blocks=blocks,
            )
        )
    return tuple(gaps)


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


def _compute_gap_facts(taxonomy: Taxonomy, target: Target) -> dict[str, _GapFacts]:
    by_id = skills_by_id(taxonomy)
    stage_index = {stage: i for i, stage in enumerate(taxonomy.stages)}
    role = taxonomy.role(target.role)
    facts: dict[str, _GapFacts] = {}
    for skill_id in role_weights(taxonomy, target.role, target.level):
        skill = by_id.get(skill_id)
        category = skill_category(by_id, skill_id)
        stage = skill.stage if skill else ""
        role_factor = _role_factor(taxonomy, target, category, skill_id)
        level_factor = _level_factor(taxonomy, target, category, skill_id)
        fixed = [_guides_phrase(skill, taxonomy)]
        emphasis_phrase = _emphasis_phrase(skill)
        if emphasis_phrase:
            fixed.append(emphasis_phrase)
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

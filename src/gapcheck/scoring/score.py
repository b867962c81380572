"""Role coverage score, ranked gaps and near misses (formula in docs/scoring.md).

    score    = 100 x sum over categories c of  share_c x coverage_c
    share_c  = possible_c / possible                 (the category's part of the role)
    coverage_c = min(1, earned_c / (target x possible_c))
    earned_c = sum(weight x credit), possible_c = sum(weight), over the category's skills
    weight   = taxonomy.role_weights(role, level)    (guide provenance x role/level factors)
    credit   = the found skill's strength, 0..1      (implied only: at most IMPLIED_CREDIT_CAP)
    target   = ROLE_COVERAGE_TARGET for roles (0.6), 1.0 for job postings

A role expects about a hundred skills; nobody shows every library or algorithm a guide
names, so a category counts as fully covered once the resume shows `target` of its weight.
The cap per category keeps breadth honest: a long list of libraries cannot make up for
missing mathematics.

Gaps are the expected skills with no credit at all. They are ranked by weight, then
reordered so that a missing prerequisite always comes before the skills that build on
it. Skills with some credit but less than NEAR_MISS_BELOW are "near misses": a small
change to the resume would make them count fully.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gapcheck.records import (
    CategoryScore,
    Detection,
    Evidence,
    FoundSkill,
    Gap,
    NearMiss,
    Score,
    ScoreItem,
    Target,
)
from gapcheck.detection.strength import ASPIRATION_STRENGTH, IMPLIED_FACTOR
from gapcheck.taxonomy.model import EMPHASIS_VALUES, Skill, Taxonomy, derived, role_weights

# A skill only implied by another (deep learning by PyTorch) earns at most half its weight,
# whatever strength the detector gave it: the resume never says it.
IMPLIED_CREDIT_CAP = IMPLIED_FACTOR
# Below this credit a found skill is reported as a near miss (a skills-list entry, 0.7,
# is one; a skill used in experience or projects is not).
NEAR_MISS_BELOW = 0.8
# Share of a category's weight that counts as covering it fully, for role scores.
ROLE_COVERAGE_TARGET = 0.6
# Role score bands: the lower bound of each band, highest first (docs/scoring.md gives the
# scores of real resumes: ML/data resumes naming 30-45 relevant skills land in "fair").
BANDS: tuple[tuple[float, str], ...] = (
    (75.0, "strong"),
    (55.0, "good"),
    (35.0, "fair"),
    (0.0, "weak"),
)
# A job posting names a dozen skills, all of which one candidate can have: the usual bands.
POSTING_BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "strong"),
    (60.0, "good"),
    (40.0, "fair"),
    (0.0, "weak"),
)
# Credentials (degrees) count fully where they belong, in Education, unless only hoped for.
CREDENTIAL_CATEGORIES = frozenset({"education"})
# Emphasis words worth naming in a reason ("called essential by 2"); weaker ones are not.
NOTABLE_EMPHASIS = 2.0
# How many blocked skills a reason names before it says "and N more".
NAMED_IN_REASON = 3


# --------------------------------------------------------------------------- credit and score


def skill_credit(found: FoundSkill) -> float:
    """The share of a skill's weight the resume earns, 0..1, rounded to 3 decimals."""
    credit = min(max(found.strength, 0.0), 1.0)
    if not found.explicit:
        credit = min(credit, IMPLIED_CREDIT_CAP)
    elif found.category in CREDENTIAL_CATEGORIES and credit > ASPIRATION_STRENGTH:
        credit = 1.0
    return round(credit, 3)


def credits_by_skill(detection: Detection) -> dict[str, float]:
    """Credit per found skill id (the best one, should a skill be reported twice)."""
    credits: dict[str, float] = {}
    for found in detection.skills:
        credits[found.id] = max(credits.get(found.id, 0.0), skill_credit(found))
    return credits


def band_for(value: float, bands: tuple[tuple[float, str], ...] = BANDS) -> str:
    return next(name for lower, name in bands if value >= lower)


def build_score(
    weights: Mapping[str, float],
    credits: Mapping[str, float],
    taxonomy: Taxonomy,
    bands: tuple[tuple[float, str], ...] = BANDS,
    coverage_target: float = 1.0,
) -> Score:
    """Score any set of weighted expectations (a role's or a job posting's) against credits."""
    items = tuple(
        sorted(
            _score_items(weights, credits, taxonomy),
            key=lambda item: (-item.weight, item.skill_id),
        )
    )
    earned = sum(item.weight * item.credit for item in items)
    possible = sum(item.weight for item in items)
    covered = (
        sum(
            min(category_earned, coverage_target * category_possible)
            for category_earned, category_possible in _category_sums(items).values()
        )
        / coverage_target
    )
    value = round(min(100.0, 100.0 * covered / possible), 1) if possible > 0 else 0.0
    return Score(
        value=value,
        band=band_for(value, bands),
        earned=round(earned, 4),
        possible=round(possible, 4),
        categories=_category_scores(items, taxonomy, coverage_target),
        items=items,
        coverage_target=coverage_target,
    )


def score(detection: Detection, taxonomy: Taxonomy, target: Target) -> Score:
    """How much of the role's weighted skill set the resume covers, 0..100."""
    weights = role_weights(taxonomy, target.role, target.level)
    return build_score(
        weights, credits_by_skill(detection), taxonomy, coverage_target=ROLE_COVERAGE_TARGET
    )


def _score_items(
    weights: Mapping[str, float], credits: Mapping[str, float], taxonomy: Taxonomy
) -> list[ScoreItem]:
    """One item per expected skill, in `weights` order."""
    by_id = skills_by_id(taxonomy)
    return [
        ScoreItem(
            skill_id=skill_id,
            name=_name(by_id, skill_id),
            category=_category(by_id, skill_id),
            weight=weight,
            credit=credits.get(skill_id, 0.0),
        )
        for skill_id, weight in weights.items()
    ]


def _category_sums(items: Iterable[ScoreItem]) -> dict[str, tuple[float, float]]:
    """(earned, possible) weight per category."""
    sums: dict[str, tuple[float, float]] = {}
    for item in items:
        earned, possible = sums.get(item.category, (0.0, 0.0))
        sums[item.category] = (earned + item.weight * item.credit, possible + item.weight)
    return sums


def _category_scores(
    items: Iterable[ScoreItem], taxonomy: Taxonomy, coverage_target: float
) -> tuple[CategoryScore, ...]:
    sums = _category_sums(items)
    earned = {category: value[0] for category, value in sums.items()}
    possible = {category: value[1] for category, value in sums.items()}
    # Taxonomy display order first; a category the taxonomy does not list goes last, by id.
    known = [c for c in taxonomy.categories if c in possible]
    unknown = sorted(c for c in possible if c not in taxonomy.categories)
    return tuple(
        CategoryScore(
            category=category,
            name=taxonomy.categories.get(category, category),
            earned=round(earned[category], 4),
            possible=round(possible[category], 4),
            # coverage: the share of the category's target shown, capped at 100
            percent=round(
                min(100.0, 100.0 * earned[category] / (coverage_target * possible[category])), 1
            ),
        )
        for category in (*known, *unknown)
    )


# --------------------------------------------------------------------------- ranked gaps


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
        category = _category(by_id, skill_id)
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
            name=_name(by_id, skill_id),
            category=category,
            stage=stage,
            stage_index=stage_index.get(stage, len(stage_index)),
            prerequisites=frozenset(_prerequisites(skill_id, by_id)),
            hint=_hint(skill, _name(by_id, skill_id)),
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


# --------------------------------------------------------------------------- near misses


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
    sums = _category_sums(_score_items(weights, credits, taxonomy))
    possible = sum(weights.values())
    misses: list[tuple[float, NearMiss]] = []
    for skill_id, found in best.items():
        credit = credits[skill_id]
        if not 0.0 < credit < NEAR_MISS_BELOW:
            continue
        to_gain = weights[skill_id] * (1.0 - credit)
        why, advice = _why_partial(found, by_id, found_by_id)
        # What full credit would add to the score, with the category cap applied.
        earned_c, possible_c = sums[_category(by_id, skill_id)]
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
                    name=_name(by_id, skill_id),
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
        via_names = [found_by_id[v].name if v in found_by_id else _name(by_id, v) for v in via_ids]
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


# --------------------------------------------------------------------------- lookups


def skills_by_id(taxonomy: Taxonomy) -> Mapping[str, Skill]:
    """Skills by id, built once per taxonomy (shared: read-only)."""
    return derived(taxonomy, "skills_by_id", (), lambda: {s.id: s for s in taxonomy.skills})


def _name(by_id: Mapping[str, Skill], skill_id: str) -> str:
    skill = by_id.get(skill_id)
    return skill.name if skill else skill_id


def _category(by_id: Mapping[str, Skill], skill_id: str) -> str:
    skill = by_id.get(skill_id)
    return skill.category if skill else ""

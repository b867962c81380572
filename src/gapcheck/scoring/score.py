"""Role coverage score: credit per skill, category coverage, bands (docs/scoring.md).

    score    = 100 x sum over categories c of  share_c x coverage_c
    share_c  = possible_c / possible                 (the category's part of the role)
    coverage_c = min(1, earned_c / (target x possible_c))
    earned_c = sum(weight x credit), possible_c = sum(weight), over the category's skills
    weight   = taxonomy.role_weights(role, level)    (guide provenance x role/level factors)
    credit   = the found skill's strength, 0..1      (implied only: at most IMPLIED_CREDIT_CAP;
               shown only by a degree, title or papers: SHOWN_BY_EVIDENCE_CREDIT)
    target   = ROLE_COVERAGE_TARGET for roles (0.6), 1.0 for job postings

A role expects about a hundred skills; nobody shows every library or algorithm a guide
names, so a category counts as fully covered once the resume shows `target` of its weight.
The cap per category keeps breadth honest: a long list of libraries cannot make up for
missing mathematics.

The skills with no credit are ranked in `gaps.py`; those with a little, in `near_misses.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gapcheck.detection.strength import ASPIRATION_STRENGTH, IMPLIED_FACTOR
from gapcheck.records import (
    Background,
    CategoryScore,
    Detection,
    FoundSkill,
    Score,
    ScoreItem,
    Target,
)
from gapcheck.taxonomy.knowledge import knowledge_for, role_weights
from gapcheck.taxonomy.model import Skill, Taxonomy

# A skill only implied by another (deep learning by PyTorch) earns at most half its weight,
# whatever strength the detector gave it: the resume never says it.
IMPLIED_CREDIT_CAP = IMPLIED_FACTOR
# A fundamental the person evidently has but never names (a statistics degree for
# statistics) earns half its weight: the knowledge is there, the resume does not say it,
# and a reader skimming for the word will not find it (docs/scoring.md).
SHOWN_BY_EVIDENCE_CREDIT = 0.5
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
            score_items(weights, credits, taxonomy),
            key=lambda item: (-item.weight, item.skill_id),
        )
    )
    earned = sum(item.weight * item.credit for item in items)
    possible = sum(item.weight for item in items)
    covered = (
        sum(
            min(category_earned, coverage_target * category_possible)
            for category_earned, category_possible in category_sums(items).values()
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


def with_background(
    credits: Mapping[str, float], background: Background | None
) -> dict[str, float]:
    """`credits` plus partial credit for the skills the background shows without naming."""
    merged = dict(credits)
    for shown in background.shown if background is not None else ():
        merged[shown.skill_id] = max(merged.get(shown.skill_id, 0.0), SHOWN_BY_EVIDENCE_CREDIT)
    return merged


def score(
    detection: Detection,
    taxonomy: Taxonomy,
    target: Target,
    background: Background | None = None,
) -> Score:
    """How much of the role's weighted skill set the resume covers, 0..100."""
    weights = role_weights(taxonomy, target.role, target.level)
    credits = with_background(credits_by_skill(detection), background)
    return build_score(weights, credits, taxonomy, coverage_target=ROLE_COVERAGE_TARGET)


def score_items(
    weights: Mapping[str, float], credits: Mapping[str, float], taxonomy: Taxonomy
) -> list[ScoreItem]:
    """One item per expected skill, in `weights` order."""
    by_id = skills_by_id(taxonomy)
    return [
        ScoreItem(
            skill_id=skill_id,
            name=skill_name(by_id, skill_id),
            category=skill_category(by_id, skill_id),
            weight=weight,
            credit=credits.get(skill_id, 0.0),
        )
        for skill_id, weight in weights.items()
    ]


def category_sums(items: Iterable[ScoreItem]) -> dict[str, tuple[float, float]]:
    """(earned, possible) weight per category."""
    sums: dict[str, tuple[float, float]] = {}
    for item in items:
        earned, possible = sums.get(item.category, (0.0, 0.0))
        sums[item.category] = (earned + item.weight * item.credit, possible + item.weight)
    return sums


def _category_scores(
    items: Iterable[ScoreItem], taxonomy: Taxonomy, coverage_target: float
) -> tuple[CategoryScore, ...]:
    sums = category_sums(items)
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


# --------------------------------------------------------------------------- lookups


def skills_by_id(taxonomy: Taxonomy) -> Mapping[str, Skill]:
    """Skills by id, built once per taxonomy by its Knowledge (shared: read-only)."""
    return knowledge_for(taxonomy).skills_by_id


def skill_name(by_id: Mapping[str, Skill], skill_id: str) -> str:
    """The skill's display name; its id when the taxonomy does not know it."""
    skill = by_id.get(skill_id)
    return skill.name if skill else skill_id


def skill_category(by_id: Mapping[str, Skill], skill_id: str) -> str:
    """The skill's category id; "" when the taxonomy does not know it."""
    skill = by_id.get(skill_id)
    return skill.category if skill else ""

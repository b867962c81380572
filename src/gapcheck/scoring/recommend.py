"""What to do next: a learning path through the gaps, and certifications that close them.

Certifications are chosen by greedy weighted set cover: take the active certification
that covers the most remaining gap weight, remove what it covers, repeat while the next
one still adds at least MIN_GAIN_SHARE of the total gap weight (at most MAX_CERTIFICATIONS).
A retired, closed or superseded certification is never suggested; one the resume holds
gets a note naming its successor instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from gapcheck.records import (
    CertificationSuggestion,
    Detection,
    Gap,
    PathStep,
    RetiredNote,
)
from gapcheck.taxonomy.model import Certification, Taxonomy

# How many top gaps the learning path walks through (the rest stay in the gap list).
PATH_LENGTH = 12
MAX_CERTIFICATIONS = 3
# A certification must add at least this share of the total gap weight to be suggested.
# With the built-in taxonomy the best single certification covers about 15% of a weak
# resume's gap weight and the third pick about 6%; the fourth adds under 5%.
MIN_GAIN_SHARE = 0.05
# How the taxonomy's free-text certification levels fall into tiers (`certification_tier`).
INTRODUCTORY_LEVELS = frozenset({"beginner", "foundational", "introductory", "fundamentals"})
INTERMEDIATE_LEVELS = frozenset({"intermediate", "associate", "role-based"})
ADVANCED_LEVELS = frozenset({"professional", "specialty", "expert", "advanced"})
# Weight of a missing skill only a job posting asks for (the role gives it none), so a
# certification that teaches it still counts for something.
POSTING_ONLY_WEIGHT = 1.0
# Statuses that mean "do not take this exam any more".
ENDED_STATUSES = ("retired", "closed", "superseded")
# Among equal gains, a verified-active certification beats an unverified one.
_STATUS_PREFERENCE = {"active": 0, "active-unverified": 1}


def learning_path(gaps: tuple[Gap, ...], taxonomy: Taxonomy) -> tuple[PathStep, ...]:
    """The top PATH_LENGTH learn gaps grouped by roadmap stage, in taxonomy.stages order.

    Within a stage the gaps keep their rank order (so a posting's requirements come first
    in each stage). A stage the taxonomy does not list comes after the listed ones (by id).
    Skills the person evidently has ("show" gaps) need no study and are left out.
    """
    top = sorted((g for g in gaps if g.action == "learn"), key=lambda gap: gap.rank)
    top = top[:PATH_LENGTH]
    by_stage: dict[str, list[Gap]] = {}
    for gap in top:
        by_stage.setdefault(gap.stage, []).append(gap)
    known = [stage for stage in taxonomy.stages if stage in by_stage]
    unknown = sorted(stage for stage in by_stage if stage not in taxonomy.stages)
    return tuple(
        PathStep(
            stage=stage,
            stage_name=taxonomy.stages.get(stage) or stage or "Other",
            skills=tuple(by_stage[stage]),
        )
        for stage in (*known, *unknown)
    )


def certification_tier(level: str) -> str:
    """A certification's level, as the taxonomy writes it, in three tiers plus "other"."""
    word = level.split("(")[0].strip().lower()
    if word in INTRODUCTORY_LEVELS:
        return "introductory"
    if word in INTERMEDIATE_LEVELS:
        return "intermediate"
    if word in ADVANCED_LEVELS:
        return "advanced"
    return "other"


def suggest_certifications(
    gaps: tuple[Gap, ...],
    detection: Detection,
    taxonomy: Taxonomy,
    *,
    experienced: bool = False,
) -> tuple[CertificationSuggestion, ...]:
    """A small set of active certifications that together cover most of the learn-gap weight.

    Each round picks the certification with the largest marginal gain (remaining gap
    weight it covers); ties go to more gaps covered, then a verified status, then id.
    Only "learn" gaps count: a certification whose coverage is only skills the person
    evidently has is never suggested. For an `experienced` person (senior, or a PhD) an
    introductory certificate is never suggested: it would teach what they already know.
    A suggestion's `covers` lists every one of your gaps it covers, in rank order, and
    `covered_weight` is their total weight (overlap with earlier picks included). A gap a
    posting asks for that the role does not weigh counts POSTING_ONLY_WEIGHT.
    """
    gap_weight = {
        gap.skill_id: gap.weight or POSTING_ONLY_WEIGHT for gap in gaps if gap.action == "learn"
    }
    total = sum(gap_weight.values())
    if total <= 0:
        return ()
    held = {cert.id for cert in detection.certifications}
    candidates = [
        cert
        for cert in taxonomy.certifications
        if cert.recommendable
        and cert.id not in held
        and set(cert.covers) & gap_weight.keys()
        and not (experienced and certification_tier(cert.level) == "introductory")
    ]
    remaining = dict(gap_weight)
    chosen: list[Certification] = []
    while candidates and len(chosen) < MAX_CERTIFICATIONS:
        best = min(candidates, key=lambda cert: _pick_key(cert, remaining))
        gain = _covered_weight(best, remaining)
        if gain <= 0 or gain < MIN_GAIN_SHARE * total:
            break
        chosen.append(best)
        candidates.remove(best)
        for skill_id in best.covers:
            remaining.pop(skill_id, None)

    rank_of = {gap.skill_id: gap.rank for gap in gaps}
    names = {gap.skill_id: gap.name for gap in gaps}
    suggestions: list[CertificationSuggestion] = []
    for cert in chosen:
        covered = {skill_id for skill_id in cert.covers if skill_id in gap_weight}
        covers = tuple(sorted(covered, key=rank_of.__getitem__))
        suggestions.append(
            CertificationSuggestion(
                id=cert.id,
                name=cert.name,
                provider=cert.provider,
                level=cert.level,
                exam_code=cert.exam_code,
                status=cert.status,
                status_date=cert.status_date,
                covers=covers,
                covers_names=tuple(names[s] for s in covers),
                covered_weight=round(sum(gap_weight[s] for s in covers), 4),
                url=cert.url,
            )
        )
    return tuple(suggestions)


def _covered_weight(cert: Certification, remaining: Mapping[str, float]) -> float:
    return sum(remaining.get(skill_id, 0.0) for skill_id in set(cert.covers))


def _pick_key(cert: Certification, remaining: Mapping[str, float]) -> tuple[float, int, int, str]:
    covered = sum(1 for skill_id in set(cert.covers) if skill_id in remaining)
    return (
        -round(_covered_weight(cert, remaining), 6),  # rounding: float sums must not decide ties
        -covered,
        _STATUS_PREFERENCE.get(cert.status, len(_STATUS_PREFERENCE)),
        cert.id,
    )


def retired_notes(detection: Detection, taxonomy: Taxonomy) -> tuple[RetiredNote, ...]:
    """A note for each certification the resume holds that has ended, naming its successor.

    One note per certification (the first evidence of it), in the detection's order.
    """
    known = {cert.id: cert for cert in taxonomy.certifications}
    notes: list[RetiredNote] = []
    seen: set[str] = set()
    for held in detection.certifications:
        if held.id in seen:
            continue
        cert = known.get(held.id)
        status = cert.status if cert else held.status
        if status not in ENDED_STATUSES:
            continue
        seen.add(held.id)
        notes.append(
            RetiredNote(
                id=held.id,
                name=cert.name if cert else held.name,
                status=status,
                status_date=cert.status_date if cert else "",
                successor=(taxonomy.successor_names(cert) if cert else None) or held.successor,
                evidence=held.evidence,
            )
        )
    return tuple(notes)

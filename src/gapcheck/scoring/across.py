"""One learning plan across several postings (`gapcheck resume.pdf --job postings/`).

    plan = postings_plan(jobs, shown, weights)   # the fits, best first, and the plan
    plan = plan_of(analysis)                     # the same, from a finished Analysis
    gaps = plan_gaps(gaps, plan)                 # gap reasons that name the postings

Each posting's fit is `gapcheck.scoring.fit`'s. Every skill requirement a posting has and
the resume does not meet is closed by learning one skill: a group of alternatives ("PyTorch
or TensorFlow") is given to one member, its *pick*:

    pick     = a member the person evidently has (a degree, a title: `Background.shown`),
               else the member in most demand, demand(s) = Σ fit × level weight over every
               unmet requirement naming s in any posting; ties: heavier for the role, then
               the first named
    priority = Σ over the postings whose unmet requirements pick s of
               fit × (2 if one of them is required, else 1)

A skill missing from many good fits therefore ranks above one missing from a single poor
fit. Plan order: the skills to learn by priority (highest first), then more postings missing
it, then more postings requiring it, then the role's weight, then name and id; then, in the
same order, the skills the person evidently has, which are only to be named, never learnt.
Each item's reason names the postings (best fit first) and the alternatives.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from gapcheck.postings.eligibility import DEGREE_IDS
from gapcheck.records import (
    Analysis,
    Background,
    Detection,
    Gap,
    GapAction,
    JobGap,
    PostingRequirement,
    Score,
    Target,
)
from gapcheck.scoring.fit import PostingFit, posting_fit, rank_fits
from gapcheck.scoring.gaps import rank_gaps
from gapcheck.scoring.posting_gap import PREFERRED_WEIGHT, REQUIRED_WEIGHT
from gapcheck.taxonomy.model import Taxonomy

NAMED_POSTINGS = 3  # postings a reason names before "and N more"
TITLE_LIMIT = 60  # characters of a posting's title in a reason
# How gaps.py words a gap the (one) posting requires; a plan gap says it across postings.
ONE_POSTING_REQUIRES = "The posting requires it and your resume does not show it."


@dataclass(frozen=True)
class PlanItem:
    """One skill of the plan across postings."""

    skill_id: str
    name: str
    action: GapAction  # "learn", or "show": evidently had, to be named on the resume
    priority: float  # see the module docstring
    required_by: tuple[str, ...]  # file names of the postings requiring it, best fit first
    preferred_by: tuple[str, ...]  # ... preferring it (and not requiring it)
    alternatives: tuple[str, ...]  # ids of skills that would do instead in some of them
    either: int  # postings where one of `alternatives` would do instead
    reason: str  # plain words: which postings ask for it, how well you fit them

    @property
    def postings(self) -> int:
        return len(self.required_by) + len(self.preferred_by)


@dataclass(frozen=True)
class PostingsPlan:
    """Several postings for one person: their fits, best first, and one plan across them."""

    fits: tuple[PostingFit, ...]  # best fit first (`rank_fits`)
    jobs: tuple[JobGap, ...]  # each fit's posting gap, in the same order
    items: tuple[PlanItem, ...]  # the skills to learn by priority, then the skills to name
    labels: Mapping[str, str]  # posting file name -> how reasons name it (title, or title (file))


def plan_of(analysis: Analysis) -> PostingsPlan | None:
    """The plan of an analysis made against several postings (None: against one or none)."""
    if not analysis.jobs:
        return None
    shown = {s.skill_id for s in analysis.background.shown} if analysis.background else set()
    weights = {item.skill_id: item.weight for item in analysis.score.items}
    return postings_plan(analysis.jobs, shown, weights)


def postings_plan(
    jobs: Sequence[JobGap], shown: Collection[str], weights: Mapping[str, float]
) -> PostingsPlan:
    """The fits of `jobs` and the plan across them (pure: the same input, the same plan).

    `shown`: skills the person evidently has without naming them; `weights`: the role's
    weight per skill (a tie-break only).
    """
    fits = rank_fits(posting_fit(job) for job in jobs)
    ranked_jobs = _jobs_in_fit_order(fits, jobs)
    labels = posting_labels(ranked_jobs)
    unmet = [
        (fit, learnable)
        for fit in fits
        for requirement in fit.missing
        if (learnable := _without_degrees(requirement)) is not None
    ]
    demand: dict[str, float] = {}
    for fit, requirement in unmet:
        for skill_id in requirement.ids:
            demand[skill_id] = demand.get(skill_id, 0.0) + fit.fit * _level_weight(requirement)
    names: dict[str, str] = {}
    asked: dict[str, dict[str, str]] = {}  # pick -> posting source -> best level
    fit_of: dict[str, PostingFit] = {}
    alternatives: dict[str, dict[str, None]] = {}
    either: dict[str, set[str]] = {}
    for fit, requirement in unmet:
        fit_of.setdefault(fit.source, fit)
        names.update(zip(requirement.ids, requirement.names, strict=False))
        pick = _pick(requirement, shown, demand, weights)
        levels = asked.setdefault(pick, {})
        if levels.get(fit.source) != "required":
            levels[fit.source] = requirement.level
        others = [i for i in requirement.ids if i != pick]
        if others:
            alternatives.setdefault(pick, {}).update(dict.fromkeys(others))
            either.setdefault(pick, set()).add(fit.source)
    items = []
    for skill_id, levels in asked.items():
        required = tuple(s for s in levels if levels[s] == "required")
        preferred = tuple(s for s in levels if levels[s] != "required")
        priority = sum(
            fit_of[s].fit * (REQUIRED_WEIGHT if s in required else PREFERRED_WEIGHT) for s in levels
        )
        item = PlanItem(
            skill_id=skill_id,
            name=names.get(skill_id, skill_id),
            action="show" if skill_id in shown else "learn",
            priority=round(priority, 9),  # sums in another order must not reorder ties
            required_by=required,
            preferred_by=preferred,
            alternatives=tuple(alternatives.get(skill_id, {})),
            either=len(either.get(skill_id, ())),
            reason="",
        )
        items.append(replace(item, reason=_reason(item, len(fits), fit_of, labels, names)))
    items.sort(key=lambda i: _plan_key(i, weights))
    return PostingsPlan(
        fits=fits,
        jobs=ranked_jobs,
        items=tuple(items),
        labels=labels,
    )


def _without_degrees(requirement: PostingRequirement) -> PostingRequirement | None:
    """The requirement without its degrees (eligibility, never a skill to learn, as in the
    posting gap's lists); None when nothing else is left."""
    kept = [(i, n) for i, n in zip(requirement.ids, requirement.names, strict=False)]
    kept = [(i, n) for i, n in kept if i not in DEGREE_IDS]
    if not kept:
        return None
    if len(kept) == len(requirement.ids):
        return requirement
    return replace(requirement, ids=tuple(i for i, _ in kept), names=tuple(n for _, n in kept))


def _level_weight(requirement: PostingRequirement) -> float:
    return REQUIRED_WEIGHT if requirement.level == "required" else PREFERRED_WEIGHT


def _pick(
    requirement: PostingRequirement,
    shown: Collection[str],
    demand: Mapping[str, float],
    weights: Mapping[str, float],
) -> str:
    """The member of an unmet requirement that closes it (module docstring)."""
    had = [i for i in requirement.ids if i in shown]
    if had:
        return had[0]
    order = {skill_id: index for index, skill_id in enumerate(requirement.ids)}
    return min(
        requirement.ids,
        key=lambda i: (-round(demand.get(i, 0.0), 9), -weights.get(i, 0.0), order[i]),
    )


def _plan_key(
    item: PlanItem, weights: Mapping[str, float]
) -> tuple[int, float, int, int, float, str, str]:
    return (
        0 if item.action == "learn" else 1,
        -item.priority,
        -item.postings,
        -len(item.required_by),
        -weights.get(item.skill_id, 0.0),
        item.name.casefold(),
        item.skill_id,
    )


def _jobs_in_fit_order(fits: Sequence[PostingFit], jobs: Sequence[JobGap]) -> tuple[JobGap, ...]:
    """Each fit's job; postings sharing a file name keep their input order among themselves."""
    pending: dict[str, list[JobGap]] = {}
    for job in jobs:
        pending.setdefault(job.source, []).append(job)
    return tuple(pending[fit.source].pop(0) for fit in fits)


def posting_labels(jobs: Iterable[JobGap]) -> dict[str, str]:
    """How a reason names each posting: its title, with its file name when titles repeat."""
    jobs = list(jobs)
    titles = {job.source: _title(job) for job in jobs}
    counts: dict[str, int] = {}
    for title in titles.values():
        counts[title.casefold()] = counts.get(title.casefold(), 0) + 1
    return {
        source: title if counts[title.casefold()] == 1 or title == source else f"{title} ({source})"
        for source, title in titles.items()
    }


def _title(job: JobGap) -> str:
    title = " ".join((job.title or job.source).split())
    if len(title) > TITLE_LIMIT:
        title = title[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
    return title


def _named(
    sources: Sequence[str], fit_of: Mapping[str, PostingFit], labels: Mapping[str, str]
) -> str:
    shown = [
        f"{labels.get(s, s)}, {round(100 * fit_of[s].fit)}% fit" for s in sources[:NAMED_POSTINGS]
    ]
    more = len(sources) - NAMED_POSTINGS
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _reason(
    item: PlanItem,
    total: int,
    fit_of: Mapping[str, PostingFit],
    labels: Mapping[str, str],
    names: Mapping[str, str],
) -> str:
    """'Required by 5 of 20 postings (A, 84% fit; B, 80% fit; C, 76% fit; and 2 more) and
    preferred by 1 (D, 40% fit); your resume does not show it. Any one of TensorFlow would
    do instead in 2 of them.'"""
    parts = []
    if item.required_by:
        parts.append(
            f"required by {len(item.required_by)} of {total} postings "
            f"({_named(item.required_by, fit_of, labels)})"
        )
    if item.preferred_by:
        of = f" of {total} postings" if not item.required_by else ""
        named = _named(item.preferred_by, fit_of, labels)
        parts.append(f"preferred by {len(item.preferred_by)}{of} ({named})")
    text = " and ".join(parts)
    text = text[:1].upper() + text[1:]
    if item.action == "learn":
        text += "; your resume does not show it."
    else:
        text += "."
    if item.alternatives:
        others = " or ".join(names.get(i, i) for i in item.alternatives)
        where = f"in {item.either} of them" if item.postings > 1 else "there"
        text += f" {others} would do instead {where}."
    return text


def plan_gaps(gaps: Sequence[Gap], plan: PostingsPlan) -> tuple[Gap, ...]:
    """`gaps` (ranked with the plan's learn items as the posting's required skills) with
    reasons and sources for several postings: each plan item's reason replaces the one
    posting's sentence, and the source says whether any posting requires the skill."""
    items = {item.skill_id: item for item in plan.items}
    rewritten = []
    for gap in gaps:
        item = items.get(gap.skill_id)
        if item is None:
            rewritten.append(gap)
            continue
        rest = gap.reason.removeprefix(ONE_POSTING_REQUIRES).strip()
        rewritten.append(
            replace(
                gap,
                source="posting-required" if item.required_by else "posting-preferred",
                reason=f"{item.reason} {rest}".strip(),
            )
        )
    return tuple(rewritten)


def plan_ranked_gaps(
    detection: Detection,
    taxonomy: Taxonomy,
    target: Target,
    background: Background | None,
    jobs: Sequence[JobGap],
    role_score: Score,
) -> tuple[Gap, ...]:
    """The gaps of a person against several postings: the plan's skills to learn first, in
    plan order, then the role's (gaps.py), with reasons that name the postings."""
    shown = {s.skill_id for s in background.shown} if background is not None else set()
    plan = postings_plan(jobs, shown, {item.skill_id: item.weight for item in role_score.items})
    learn = tuple(item.skill_id for item in plan.items if item.action == "learn")
    # The plan stands in for one posting requiring its skills in plan order.
    lead = JobGap(
        source="",
        title="",
        required=learn,
        preferred=(),
        missing_required=learn,
        missing_preferred=(),
        score=role_score,
    )
    ranked = rank_gaps(detection, taxonomy, target, background=background, posting=lead)
    return plan_gaps(ranked, plan)

"""How well one person fits one job posting: a number to rank postings (or people) by.

    from gapcheck.scoring.fit import posting_fit, rank_fits, fit_key
    fit = posting_fit(job)        # job: the JobGap of one person against one posting
    fit.match, fit.fit            # 0..1
    fit.knockouts                 # the required eligibility checks not met
    fit.waived                    # ... not met, but the posting lets you meet them otherwise
    fit.top_missing               # up to TOP_MISSING required skills (or groups) missing
    rank_fits(fits)               # several postings for one person, best fit first
    sorted(fits, key=fit_key)     # any set of fits (many people for one posting): the same
                                  # order without the tie-break by posting, add your own

The formula (docs/scoring.md, "Several postings"), over the posting's skill requirements,
a group of alternatives ("PyTorch or TensorFlow") counting once and met by any member:

    earned = 2 x required met + 1 x preferred met
    asked  = 2 x required     + 1 x preferred
    match  = earned / asked   (1.0 when the posting names no skill requirement)
    fit    = (earned + DOUBT) / (asked + 2 x DOUBT) x KNOCKOUT_FACTOR ^ knockouts

`fit` is the match with one point of doubt either way (DOUBT = 1), so a posting of which
gapcheck recognised one or two skills ("1 of 1 required") cannot outrank one it read in
full ("10 of 11 required, 7 of 8 preferred"), and a posting naming no skill is a coin toss.
Degrees, years, clearance, work authorisation and held certifications are eligibility, not
skills: they never count in `match`. A knockout is a *required* eligibility check whose
status is "not met" (a "not stated" one is not: the resume is silent, not wrong), unless
the posting lets you meet it otherwise ("or equivalent experience", a certification "to be
obtained after hiring"): those are `waived`, shown, and cost nothing.

`posting_fit` is pure: it reads the JobGap only (gapcheck.scoring.posting_gap makes it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from dataclasses import dataclass
from typing import Protocol

from gapcheck.records import EligibilityCheck, JobGap, PostingRequirement
from gapcheck.scoring.posting_gap import PREFERRED_WEIGHT, REQUIRED_WEIGHT

KNOCKOUT_FACTOR = 0.5  # each knockout halves the fit
DOUBT = 1.0  # points added to what is met and to what is not, see the docstring
TOP_MISSING = 3  # required requirements named as "top missing"


@dataclass(frozen=True)
class PostingFit:
    """One person against one posting: the match on skills, the knockouts, what is missing."""

    source: str  # the posting's file name
    title: str  # the posting's title (its file name when it has none)
    match: float  # 0..1, see the module docstring
    fit: float  # the match with doubt, x KNOCKOUT_FACTOR ^ len(knockouts) (docstring)
    required_met: int  # skill requirements (a group counts once), degrees left out
    required_total: int
    preferred_met: int
    preferred_total: int
    knockouts: tuple[EligibilityCheck, ...]  # required eligibility checks not met, posting order
    # Skill requirements not met: the required ones, then the preferred ones, each most
    # weighty for the role first (the posting gap's order), then in posting order.
    missing: tuple[PostingRequirement, ...]
    # Required checks not met that the posting lets you meet otherwise: never knockouts.
    waived: tuple[EligibilityCheck, ...] = ()

    @property
    def required_share(self) -> float:
        """Required skill requirements met, 0..1 (1.0 when the posting requires none)."""
        return self.required_met / self.required_total if self.required_total else 1.0

    @property
    def top_missing(self) -> tuple[PostingRequirement, ...]:
        """The first TOP_MISSING missing required requirements."""
        return tuple(r for r in self.missing if r.level == "required")[:TOP_MISSING]


def posting_fit(job: JobGap) -> PostingFit:
    """The fit of the person `job` describes to its posting (formula above)."""
    skills = [r for r in job.requirements if r.kind == "skill"]
    required = [r for r in skills if r.level == "required"]
    preferred = [r for r in skills if r.level != "required"]
    required_met = sum(1 for r in required if r.met)
    preferred_met = sum(1 for r in preferred if r.met)
    possible = REQUIRED_WEIGHT * len(required) + PREFERRED_WEIGHT * len(preferred)
    earned = REQUIRED_WEIGHT * required_met + PREFERRED_WEIGHT * preferred_met
    match = earned / possible if possible else 1.0
    unmet = [c for c in job.eligibility if c.level == "required" and c.status == "not met"]
    knockouts = tuple(c for c in unmet if not c.waivable)
    doubtful = (earned + DOUBT) / (possible + 2 * DOUBT)
    return PostingFit(
        source=job.source,
        title=job.title,
        match=match,
        fit=doubtful * KNOCKOUT_FACTOR ** len(knockouts),
        required_met=required_met,
        required_total=len(required),
        preferred_met=preferred_met,
        preferred_total=len(preferred),
        knockouts=knockouts,
        missing=(
            *_missing_in_order(required, job.missing_required),
            *_missing_in_order(preferred, job.missing_preferred),
        ),
        waived=tuple(c for c in unmet if c.waivable),
    )


class FitFigures(Protocol):
    """What `fit_key` orders by: a PostingFit, or the batch's compact copy of one."""

    @property
    def fit(self) -> float: ...

    @property
    def match(self) -> float: ...

    @property
    def required_share(self) -> float: ...

    @property
    def knockouts(self) -> Sized: ...


def fit_key(fit: FitFigures) -> tuple[float, float, float, int]:
    """The order of fits, best first, without a tie-break by posting or person: higher fit,
    then higher match, then more of the required skills, then fewer knockouts."""
    return (-fit.fit, -fit.match, -fit.required_share, len(fit.knockouts))


def rank_fits(fits: Iterable[PostingFit]) -> tuple[PostingFit, ...]:
    """Several postings for one person, best fit first: `fit_key`, then the title (ignoring
    case), then the file name, so the same postings always come in the same order."""
    return tuple(sorted(fits, key=lambda f: (*fit_key(f), f.title.casefold(), f.source)))


def _missing_in_order(
    requirements: list[PostingRequirement], ranked_ids: tuple[str, ...]
) -> list[PostingRequirement]:
    """The requirements not met, in the order the posting gap ranks their skills (role
    weight, then posting order); one it does not rank goes last, in posting order."""
    position = {skill_id: index for index, skill_id in enumerate(ranked_ids)}
    unranked = len(position)

    def key(requirement: PostingRequirement) -> tuple[int, int]:
        ranks = [position[i] for i in requirement.ids if i in position]
        return (min(ranks) if ranks else unranked, requirement.line)

    return sorted((r for r in requirements if not r.met), key=key)

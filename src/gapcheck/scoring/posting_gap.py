"""The resume against one job posting: what it misses, and a score weighted by the posting.

The score against a posting weighs a required skill REQUIRED_WEIGHT and a preferred one
PREFERRED_WEIGHT, each divided among the members of its group of alternatives, with the
posting bands and full coverage as the target (docs/scoring.md).
"""

from __future__ import annotations

from gapcheck.postings.parse import Posting
from gapcheck.records import Detection, JobGap, Target
from gapcheck.scoring.score import POSTING_BANDS, build_score, credits_by_skill
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.model import Taxonomy

REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0


def posting_gap(
    posting: Posting, detection: Detection, taxonomy: Taxonomy, target: Target
) -> JobGap:
    """The resume against one posting: what it misses, and a score weighted by the posting.

    A posting skill's credit is the best credit among its group (so "Java, Python or C++"
    is met by Python). Missing skills are listed by their weight for the target role
    (descending), then in posting order.
    """
    credits = credits_by_skill(detection)
    group_credit = {
        s.id: max(credits.get(member, 0.0) for member in s.group) for s in posting.skills
    }
    weights = {
        s.id: round((REQUIRED_WEIGHT if s.level == "required" else PREFERRED_WEIGHT) * s.share, 4)
        for s in posting.skills
    }
    role = role_weights(taxonomy, target.role, target.level)
    order = {s.id: i for i, s in enumerate(posting.skills)}

    def missing(level: str) -> tuple[str, ...]:
        ids = [s.id for s in posting.skills if s.level == level and group_credit[s.id] <= 0.0]
        return tuple(sorted(ids, key=lambda i: (-role.get(i, 0.0), order[i])))

    return JobGap(
        source=posting.source,
        title=posting.title or posting.source,
        required=posting.required,
        preferred=posting.preferred,
        missing_required=missing("required"),
        missing_preferred=missing("preferred"),
        score=build_score(weights, group_credit, taxonomy, POSTING_BANDS),
    )

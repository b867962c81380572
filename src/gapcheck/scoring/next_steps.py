"""The three things to do next: a recommendation drawn from a finished Analysis.

`next_steps(analysis)` picks the top gap, the quickest win (the best near miss) and the
best certification, and words each as a title, a detail and a reason. Every output
format shows the same steps (the HTML report, the Markdown summary); each escapes the
plain text here for its own medium.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gapcheck.records import Analysis, CertificationSuggestion, Gap, NearMiss
from gapcheck.scoring.across import plan_of
from gapcheck.support.text import one_line, percent, points

NAMED_COVERS = 4  # certification coverage named in a next step before "and N more"


@dataclass(frozen=True)
class NextStep:
    title: str
    detail: str
    why: str


def next_steps(analysis: Analysis) -> tuple[NextStep, ...]:
    """Three things to do next: the top learn gap, the quickest win, the best certification.

    The quickest win is naming a skill the person evidently has ("show" gap), else the
    best near miss. A missing kind is replaced by the next learn gap in rank order, so the
    list stays useful for a candidate with no near misses or no certification to suggest.
    With a job posting the top learn gaps are the posting's requirements (gaps.py); with
    several, the plan across them (across.py), and a step says how many ask for it.
    """
    plan = plan_of(analysis)
    asked = {i.skill_id: (i.postings, len(plan.fits)) for i in plan.items} if plan else {}
    steps: list[NextStep] = []
    spare_gaps = [g for g in analysis.gaps if g.action == "learn"]
    to_show = [g for g in analysis.gaps if g.action == "show"]
    if spare_gaps:
        steps.append(_gap_step(spare_gaps.pop(0), asked))
    if to_show:  # the quickest win of all: name what you evidently know
        steps.append(_show_step(to_show[0]))
    elif analysis.near_misses:
        steps.append(_near_miss_step(analysis.near_misses[0]))
    elif spare_gaps:
        steps.append(_gap_step(spare_gaps.pop(0), asked))
    if analysis.certifications:
        steps.append(_certification_step(analysis.certifications[0]))
    while len(steps) < 3 and spare_gaps:
        steps.append(_gap_step(spare_gaps.pop(0), asked))
    return tuple(steps)


_ASKED_BY = {
    "posting-required": " (the posting requires it)",
    "posting-preferred": " (the posting prefers it)",
    "role": "",
}


def _gap_step(gap: Gap, asked: Mapping[str, tuple[int, int]]) -> NextStep:
    by = _ASKED_BY.get(gap.source, "")
    if gap.skill_id in asked:
        count, total = asked[gap.skill_id]
        by = f" ({count} of {total} postings {'asks' if count == 1 else 'ask'} for it)"
    return NextStep(
        title=f"Learn {gap.name}{by}",
        detail=one_line(gap.hint),
        why=f"Ranked #{gap.rank} of your gaps. {one_line(gap.reason)}",
    )


def _show_step(gap: Gap) -> NextStep:
    return NextStep(
        title=f"Name {gap.name} on your resume",
        detail=one_line(gap.hint),
        why=one_line(gap.reason),
    )


def _near_miss_step(miss: NearMiss) -> NextStep:
    return NextStep(
        title=f"Make {miss.name} count",
        detail=one_line(miss.advice),
        why=f"Already {percent(miss.credit)} shown: {one_line(miss.why_partial)}.",
    )


def _certification_step(cert: CertificationSuggestion) -> NextStep:
    covers = ", ".join(cert.covers_names[:NAMED_COVERS]) or "none of your gaps"
    if len(cert.covers_names) > NAMED_COVERS:
        covers += f" and {len(cert.covers_names) - NAMED_COVERS} more"
    return NextStep(
        title=f"Consider the {cert.name}",
        detail=" · ".join(
            one_line(part) for part in (cert.provider, cert.level, cert.exam_code or "") if part
        ),
        why=f"Covers {covers}: {points(cert.covered_weight)} of the role's weighted points.",
    )

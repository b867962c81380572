"""Several postings in every format: the fit table's rows and the words for the plan.

    postings_view(analysis)   the headline and one row per posting, best fit first
    asked_labels(analysis)    skill id -> '5 of 20 postings ask for it', for the plan's gaps

The fits and the plan are gapcheck.scoring.across's (pure, recomputed from the analysis);
the HTML context, the Markdown, the terminal summary and the JSON all show them from here,
so every format ranks and words them the same way. Nothing here escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.records import Analysis, EligibilityCheck, PostingRequirement
from gapcheck.report.advice import requirement_row
from gapcheck.report.display import file_name, humanize
from gapcheck.scoring.across import PostingsPlan, plan_of
from gapcheck.scoring.fit import PostingFit
from gapcheck.support.text import one_line, percent

PRINTED_FITS = 15  # rows of the fit table on paper (the page says where the rest are)


@dataclass(frozen=True)
class FitRow:
    """One posting in the fit table."""

    rank: int
    title: str
    source: str  # the file name; '' when the posting has no title of its own (it is the title)
    fit: str  # '84%'
    fit_value: float  # 0..1, for sorting in the browser
    match: str  # '84%'
    counts: str  # '7 of 8 required skills, 2 of 4 preferred'
    knockouts: tuple[str, ...]  # '5+ years of experience: about 2 years of ...'
    waived: tuple[str, ...]  # not met, but the posting lets you meet it otherwise
    top_missing: tuple[str, ...]  # 'PyTorch or TensorFlow'
    printed: bool  # within the first PRINTED_FITS


@dataclass(frozen=True)
class PostingsView:
    count: int
    headline: str  # 'Best fit of 20 postings: <title>, 84% fit (7 of 8 required skills, ...)'
    rows: tuple[FitRow, ...]
    not_printed: int  # rows left off the printout


def counts_text(fit: PostingFit) -> str:
    """'7 of 8 required skills, 2 of 4 preferred' (a part with nothing asked is left out)."""
    parts = []
    if fit.required_total:
        parts.append(f"{fit.required_met} of {fit.required_total} required skills")
    if fit.preferred_total:
        parts.append(f"{fit.preferred_met} of {fit.preferred_total} preferred")
    return ", ".join(parts) or "no skill requirements recognised"


def knockout_text(check: EligibilityCheck) -> str:
    """'5+ years of experience: about 2 years of professional experience'."""
    name = one_line(check.name) or humanize(check.kind)
    return f"{name}: {one_line(check.detail)}" if check.detail else name


def requirement_names(requirement: PostingRequirement) -> str:
    """'PyTorch or TensorFlow': a requirement's skills, any one of which meets it."""
    return requirement_row(requirement, {}).names


def fit_title(fit: PostingFit) -> str:
    return one_line(fit.title) or file_name(fit.source)


def headline(plan: PostingsPlan) -> str:
    best = plan.fits[0]
    knocks = len(best.knockouts)
    knocked = f"; {knocks} knockout{'s' if knocks != 1 else ''}" if knocks else ""
    return (
        f"Best fit of {len(plan.fits)} postings: {fit_title(best)}, {percent(best.fit)} fit "
        f"({counts_text(best)}{knocked})"
    )


def postings_view(analysis: Analysis) -> PostingsView | None:
    """The fit table, best fit first; None for an analysis against one posting or none."""
    plan = plan_of(analysis)
    if plan is None:
        return None
    rows = tuple(
        FitRow(
            rank=rank,
            title=fit_title(fit),
            source="" if fit_title(fit) == file_name(fit.source) else file_name(fit.source),
            fit=percent(fit.fit),
            fit_value=round(fit.fit, 4),
            match=percent(fit.match),
            counts=counts_text(fit),
            knockouts=tuple(knockout_text(c) for c in fit.knockouts),
            waived=tuple(knockout_text(c) for c in fit.waived),
            top_missing=tuple(requirement_names(r) for r in fit.top_missing),
            printed=rank <= PRINTED_FITS,
        )
        for rank, fit in enumerate(plan.fits, start=1)
    )
    return PostingsView(
        count=len(rows),
        headline=headline(plan),
        rows=rows,
        not_printed=max(0, len(rows) - PRINTED_FITS),
    )


def asked_labels(analysis: Analysis) -> dict[str, str]:
    """For each skill of the plan across postings: '5 of 20 postings ask for it'."""
    plan = plan_of(analysis)
    if plan is None:
        return {}
    total = len(plan.fits)
    return {
        item.skill_id: f"{item.postings} of {total} postings ask for it"
        if item.postings > 1
        else f"1 of {total} postings asks for it"
        for item in plan.items
    }

"""The HTML report's view records: what `build_context` returns and the template places.

Every record is frozen and holds plain text (escaped on output) or, for the SVG charts
only, Markup that `charts.py` built from numbers and escaped text. `ReportContext` is the
whole page; the others are its parts, in the order the page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from gapcheck.report.advice import EligibilityRow, RequirementGroup
from gapcheck.report.fits import PostingsView
from gapcheck.report.since import ChangesView
from gapcheck.scoring.next_steps import NextStep


@dataclass(frozen=True)
class MetaView:
    resume: str
    portfolio: tuple[str, ...]
    role_name: str
    level: str
    job: str | None
    generated_on: str
    gapcheck_version: str
    taxonomy_version: str
    taxonomy_as_of: str


@dataclass(frozen=True)
class BandView:
    name: str  # a CSS-safe band token
    label: str
    range: str  # "<40", "60+"
    current: bool


@dataclass(frozen=True)
class ScoreView:
    value: str
    band: str  # a CSS-safe band token
    band_label: str
    earned: str
    possible: str
    found_count: int  # expected skills with any credit
    expected_count: int
    coverage_target: str  # "60%": the share of a category's weight that counts as covering it
    gauge: Markup
    bands: tuple[BandView, ...]  # the scale, lowest band first


@dataclass(frozen=True)
class ChartView:
    """One layout of a chart; the stylesheet shows the one that fits the screen or paper."""

    columns: int
    svg: Markup


@dataclass(frozen=True)
class CategoryView:
    name: str
    percent: str
    earned: str
    possible: str


@dataclass(frozen=True)
class GapView:
    rank: int
    anchor: str
    name: str
    category: str
    stage: str
    cost: str  # role points still missing
    cost_value: float  # for sorting in the browser
    partial: str  # "50% shown" or ""
    reason: str
    hint: str
    blocks: str  # names of the missing skills this one is a prerequisite of
    printed: bool  # within the top PRINTED_GAPS
    asked: str = ""  # "posting requires it", "posting prefers it", or "" (only the role)


@dataclass(frozen=True)
class ShowGapView:
    """A skill the person evidently has but never names: what shows it, and where."""

    anchor: str
    name: str
    because: str  # "B.S. in Statistics (2020)"
    evidence: EvidenceView | None  # the line that shows it, quoted
    hint: str  # where to name it
    asked: str  # as GapView.asked


@dataclass(frozen=True)
class PathSkillView:
    rank: int
    anchor: str
    name: str
    hint: str
    printed: bool


@dataclass(frozen=True)
class PathStageView:
    number: int
    name: str
    skills: tuple[PathSkillView, ...]
    printed: bool  # holds at least one printed gap


@dataclass(frozen=True)
class NearMissView:
    name: str
    skill_anchor: str  # the found skill's anchor, or "" if it has no evidence entry
    shown: str
    why_partial: str
    advice: str
    printed: bool  # within the first PRINTED_NEAR_MISSES


@dataclass(frozen=True)
class EvidenceView:
    before: str
    matched: str
    after: str
    document: str
    page: int
    line: int
    section: str
    heading: str
    method: str
    strength: str
    years: str


@dataclass(frozen=True)
class FoundSkillView:
    anchor: str
    name: str
    explicit: bool
    implied_by: str  # for implied-only skills: the skill names that imply it
    portfolio_only: bool
    strength: str
    years: str
    documents: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class SkillGroupView:
    name: str
    anchor: str
    skills: tuple[FoundSkillView, ...]
    skill_names: str  # the skills' names, comma-separated, for the printed summary


@dataclass(frozen=True)
class JobView:
    source: str
    title: str
    score: str
    band: str
    band_label: str
    required_total: int
    required_met: int
    missing_required: tuple[str, ...]
    preferred_total: int
    missing_preferred: tuple[str, ...]
    headline: str = ""  # "Against <title>: 3 of 4 required shown, 1 of 2 preferred"
    counts: str = ""  # "3 of 4 required shown, 1 of 2 preferred"
    preferred_met: int = 0
    requirements: tuple[RequirementGroup, ...] = ()  # required, then preferred
    eligibility: tuple[EligibilityRow, ...] = ()  # not skills to learn


@dataclass(frozen=True)
class HandsOnView:
    name: str
    present: bool
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class CertificationView:
    name: str
    provider: str
    level: str
    exam_code: str
    status: str
    status_label: str
    status_date: str
    covers: tuple[str, ...]
    covered_points: str
    url: str | None  # http(s) only
    printed: bool  # within the first PRINTED_CERTIFICATIONS


@dataclass(frozen=True)
class RetiredView:
    name: str
    status_label: str
    status_date: str
    successor: str
    evidence: EvidenceView


@dataclass(frozen=True)
class HeldView:
    name: str
    status_label: str
    successor: str


@dataclass(frozen=True)
class DocumentView:
    source: str
    kind: str
    role: str
    pages: int
    characters: str
    layout: str
    engine: str
    unreadable: str
    sections: tuple[tuple[str, str], ...]  # (kind label, heading as printed)


@dataclass(frozen=True)
class ReportContext:
    title: str
    meta: MetaView
    score: ScoreView
    coverage_charts: tuple[ChartView, ...]  # the same chart in 1, 2 and 3 columns
    categories: tuple[CategoryView, ...]
    next_steps: tuple[NextStep, ...]
    cautions: tuple[str, ...]
    level_sentence: str  # "Judged as senior: 9 years of experience since 2016, staff title"
    against: str  # "the Machine Learning Engineer role and the posting “…”"
    gaps: tuple[GapView, ...]  # the top learn gaps, detailed
    more_gaps: tuple[GapView, ...]  # the other learn gaps, folded away
    show_gaps: tuple[ShowGapView, ...]  # skills to name, never to learn
    gaps_not_printed: int  # learn gaps left off the printout
    path: tuple[PathStageView, ...]
    near_misses: tuple[NearMissView, ...]  # the closest few
    more_near_misses: tuple[NearMissView, ...]  # the others, folded away
    job: JobView | None
    skill_groups: tuple[SkillGroupView, ...]
    found_total: int
    portfolio_only: tuple[str, ...]  # skills only portfolio material proves: put them on the resume
    hands_on: tuple[HandsOnView, ...]
    certifications: tuple[CertificationView, ...]
    retired: tuple[RetiredView, ...]
    held: tuple[HeldView, ...]
    documents: tuple[DocumentView, ...]
    warnings: tuple[str, ...]
    postings: PostingsView | None = None  # several postings: the fit table, best fit first
    changes: ChangesView | None = None  # what changed since an earlier report (--since)

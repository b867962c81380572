"""The cohort page: one page over a whole batch, built from a pure context function.

`cohort_context(entries, ...)` turns the batch's per-person summaries into one frozen
`CohortContext` (rows, chart geometry, counts, all pre-computed) and is tested on its
own; `render_cohort(context)` only fills cohort.html.j2. The page is rendered by the
report's own environment (environment.py), so it is self-contained and inert like the
single report: autoescaped, StrictUndefined, and a CSP that allows no network and only
its own stylesheet and script (cohort.css, cohort.js), each pinned by its hash. The
script sorts the people table and nothing else.

The batch gathers the data (one `CohortEntry` per input); nothing here reads files or
knows how the batch stores its results.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from gapcheck.report.environment import render_page
from gapcheck.support.text import number

COHORT_TEMPLATE = "cohort.html.j2"
COHORT_STYLE = "cohort.css"
COHORT_SCRIPT = "cohort.js"
COMMON_GAPS_SHOWN = 15
HISTOGRAM_BINS = 10  # 0-10, 10-20, ..., 90-100
BAND_ORDER = ("weak", "fair", "good", "strong")


# --------------------------------------------------------------------------- input


class GapFacts(Protocol):
    """One gap of one person, as the cohort page needs it (the batch's GapBrief)."""

    @property
    def skill_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def weight(self) -> float: ...  # the role weight the gap costs this person

    @property
    def action(self) -> str: ...  # "learn", or "show": evidently known, never named


class PersonFacts(Protocol):
    """One analysed person, as the cohort page needs it (the batch's PersonSummary)."""

    @property
    def score(self) -> float: ...

    @property
    def band(self) -> str: ...

    @property
    def gaps(self) -> Sequence[GapFacts]: ...  # all gaps, by rank

    @property
    def skills(self) -> Sequence[str]: ...

    @property
    def warnings(self) -> Sequence[str]: ...

    @property
    def portfolio_only(self) -> Sequence[str]: ...

    @property
    def top_gaps(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class CohortEntry:
    """One row of the batch as the cohort view sees it."""

    label: str
    status: str  # "analysed" or "failed"
    report: str | None = None  # relative link to the person's report
    summary: PersonFacts | None = None
    error: str = ""
    failure_kind: str = ""


# --------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class PersonRow:
    label: str
    report: str | None
    score: str  # "55.0"
    score_value: float  # for sorting in the browser
    band: str
    band_value: int  # the band's place in BAND_ORDER, -1 if unknown
    top_gaps: tuple[str, ...]  # the first skills to learn
    gap_count: int  # skills to learn
    skill_count: int
    portfolio_only: int  # skills only the portfolio proves
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CommonGap:
    skill_id: str
    name: str
    count: int  # analysed people who lack it
    total: int  # analysed people
    percent: int
    text: str  # "3 of 4 lack Docker"
    weight: str  # "4.5": its mean role weight among the people who lack it
    importance: float  # weight x share of people lacking it: the order of the list
    y: int
    bar_x: int
    bar_width: float
    count_x: float


@dataclass(frozen=True)
class HistogramBar:
    low: int
    high: int
    count: int
    x: float
    width: float
    y: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Histogram:
    width: int
    height: int
    axis_y: int
    label_y: int
    bars: tuple[HistogramBar, ...]


@dataclass(frozen=True)
class BandCount:
    band: str
    count: int


@dataclass(frozen=True)
class FailedRow:
    label: str
    reason: str
    kind: str


@dataclass(frozen=True)
class CohortContext:
    """Everything the cohort template shows, as plain values, in a deterministic order."""

    title: str
    role_name: str
    level: str
    generated_on: str
    gapcheck_version: str
    redacted: bool
    total: int
    analysed: int
    failed_count: int
    median_score: str  # "55.0", or "n/a" with nobody analysed
    bands: tuple[BandCount, ...]  # in BAND_ORDER
    people: tuple[PersonRow, ...]  # highest score first, ties by label
    common_gaps: tuple[CommonGap, ...]  # most important first: weight x share lacking it
    common_gaps_height: int
    histogram: Histogram
    failed: tuple[FailedRow, ...]  # by label


def _histogram(scores: Sequence[float], width: int = 560, height: int = 180) -> Histogram:
    counts = [0] * HISTOGRAM_BINS
    for value in scores:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(value // (100 / HISTOGRAM_BINS))))] += 1
    tallest = max(counts) if counts and max(counts) > 0 else 1
    plot_height = height - 40  # room for the axis labels and the counts above the bars
    bar_width = width / HISTOGRAM_BINS
    bars = []
    for index, count in enumerate(counts):
        bar_height = round(plot_height * count / tallest, 1)
        low = index * 100 // HISTOGRAM_BINS
        bars.append(
            HistogramBar(
                low=low,
                high=low + 100 // HISTOGRAM_BINS,
                count=count,
                x=round(index * bar_width + 2, 1),
                width=round(bar_width - 4, 1),
                y=round(20 + plot_height - bar_height, 1),
                height=bar_height,
                label_x=round(index * bar_width + bar_width / 2, 1),
            )
        )
    return Histogram(
        width=width, height=height, axis_y=height - 20, label_y=height - 5, bars=tuple(bars)
    )


def _common_gaps(
    summaries: Sequence[PersonFacts], limit: int, width: int = 560
) -> tuple[CommonGap, ...]:
    """The skills the cohort most needs to learn, most important first.

    Importance is the skill's role weight (its mean over the people who lack it: a
    person's level changes weights) times the share of analysed people who lack it, so
    a heavy skill half the cohort lacks comes before a light one everybody lacks. Equal
    importance is ordered by name, then id. Only "learn" gaps count: a skill a person
    evidently has but never names is not one the cohort lacks.
    """
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    names: dict[str, str] = {}
    for summary in summaries:
        learn = {g.skill_id: g for g in summary.gaps if g.action == "learn"}
        for gap in learn.values():
            counts[gap.skill_id] += 1
            weight = gap.weight if math.isfinite(gap.weight) and gap.weight > 0 else 0.0
            weights[gap.skill_id] = weights.get(gap.skill_id, 0.0) + weight
            names.setdefault(gap.skill_id, gap.name)
    total = len(summaries)

    def importance(skill_id: str) -> float:
        # mean weight x share = summed weight / people analysed
        return round(weights[skill_id] / total, 6) if total else 0.0

    ranked = sorted(counts, key=lambda i: (-importance(i), names[i].casefold(), i))[:limit]
    label_width = 200
    rows = []
    for index, skill_id in enumerate(ranked):
        count = counts[skill_id]
        share = count / total if total else 0.0
        rows.append(
            CommonGap(
                skill_id=skill_id,
                name=names[skill_id],
                count=count,
                total=total,
                percent=round(100 * share),
                text=f"{count} of {total} lack {names[skill_id]}",
                weight=number(weights[skill_id] / count),
                importance=importance(skill_id),
                y=index * 26,
                bar_x=label_width,
                bar_width=round((width - label_width - 80) * share, 1),
                count_x=round(label_width + (width - label_width - 80) * share + 6, 1),
            )
        )
    return tuple(rows)


def _person_row(label: str, report: str | None, summary: PersonFacts) -> PersonRow:
    return PersonRow(
        label=label,
        report=report,
        score=f"{summary.score:.1f}",
        score_value=summary.score,
        band=summary.band,
        band_value=BAND_ORDER.index(summary.band) if summary.band in BAND_ORDER else -1,
        top_gaps=tuple(summary.top_gaps),
        gap_count=sum(1 for g in summary.gaps if g.action == "learn"),
        skill_count=len(summary.skills),
        portfolio_only=len(summary.portfolio_only),
        warnings=tuple(summary.warnings),
    )


def cohort_context(
    entries: Sequence[CohortEntry],
    *,
    role_name: str,
    level: str,
    generated_on: str,
    gapcheck_version: str,
    redacted: bool = False,
) -> CohortContext:
    """Everything the cohort template shows, computed once from the batch's entries."""
    analysed = [(e, e.summary) for e in entries if e.status == "analysed" and e.summary is not None]
    failed = sorted((e for e in entries if e.status != "analysed"), key=lambda e: e.label)
    summaries = [summary for _, summary in analysed]
    # Highest score first; equal scores by label, so the order never depends on timing.
    people = tuple(
        _person_row(entry.label, entry.report, summary)
        for entry, summary in sorted(analysed, key=lambda pair: (-pair[1].score, pair[0].label))
    )
    bands = Counter(s.band for s in summaries)
    scores = [s.score for s in summaries]
    common = _common_gaps(summaries, COMMON_GAPS_SHOWN)
    return CohortContext(
        title=f"Cohort gap analysis: {role_name} ({level})",
        role_name=role_name,
        level=level,
        generated_on=generated_on,
        gapcheck_version=gapcheck_version,
        redacted=redacted,
        total=len(entries),
        analysed=len(analysed),
        failed_count=len(failed),
        median_score=f"{_median(scores):.1f}" if scores else "n/a",
        bands=tuple(BandCount(b, bands.get(b, 0)) for b in BAND_ORDER),
        people=people,
        common_gaps=common,
        common_gaps_height=max(26, 26 * len(common)),
        histogram=_histogram(scores),
        failed=tuple(FailedRow(e.label, e.error, e.failure_kind) for e in failed),
    )


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def render_cohort(context: CohortContext) -> str:
    """The cohort page: one self-contained HTML file, no external requests of any kind."""
    return render_page(COHORT_TEMPLATE, COHORT_STYLE, COHORT_SCRIPT, cohort=context)
